import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** Path of the contract this package checks against: read from the YAML, not from the server. */
export const contractUrl = new URL('../../../openapi/gameclips.yaml', import.meta.url);

/** The parsed contract. */
export const contract: Record<string, any> = parse(readFileSync(contractUrl, 'utf8'));

/** An operation of the contract as this package sees it. */
export interface DeclaredOperation {
  operationId: string;
  method: string;
  pattern: RegExp;
  /** Declared response statuses, such as '200' and '404'. */
  statuses: string[];
  responses: Record<string, any>;
}

function resolve(node: any): any {
  if (!node?.$ref) return node;
  const path = (node.$ref as string).replace(/^#\//, '').split('/');
  return resolve(path.reduce((at: any, key) => at[key], contract));
}

/** Every operation of the contract, with its responses resolved. */
export const declaredOperations: DeclaredOperation[] = Object.entries(contract.paths as Record<string, any>).flatMap(([path, item]) =>
  Object.entries(item)
    .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
    .map(([method, op]: [string, any]) => ({
      operationId: op.operationId,
      method: method.toUpperCase(),
      pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
      statuses: Object.keys(op.responses),
      responses: Object.fromEntries(Object.entries(op.responses).map(([status, r]) => [status, resolveResponse(r)])),
    })),
);

function resolveResponse(response: any): any {
  const r = resolve(response);
  return {
    ...r,
    headers: Object.fromEntries(Object.entries(r.headers ?? {}).map(([name, h]) => [name, resolve(h)])),
  };
}

/** The operation a request's method and path match. */
export function operationFor(method: string, pathname: string): DeclaredOperation | undefined {
  return declaredOperations.find((op) => op.method === method && op.pattern.test(pathname));
}

/** The operationIds of the contract. */
export const contractOperationIds: string[] = declaredOperations.map((op) => op.operationId).sort();
