import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { OperationId } from '@gameclips/types';

/** Absolute path of the contract, `openapi/gameclips.yaml` at the repository root. */
export const contractPath = fileURLToPath(new URL('../../../../openapi/gameclips.yaml', import.meta.url));

/** The contract's text, read once. */
export const contractText = readFileSync(contractPath, 'utf8');

// Parsed once: parsing the YAML takes tens of milliseconds, a copy of the result about one.
const parsedContract: Record<string, any> = parse(contractText);

/** A fresh parsed copy of the contract (the validator mutates what it is given). */
export function loadContract(): Record<string, any> {
  return structuredClone(parsedContract);
}

/** Service versions this server answers; others are 406. */
export const supportedServiceVersions: readonly string[] = [parsedContract.info.version];

/** One operation of the contract, with a matcher for its concrete paths. */
export interface ContractOperation {
  operationId: OperationId;
  method: string;
  path: string;
  pattern: RegExp;
  hasBody: boolean;
}

/** The operations of the contract, derived from its `paths`. */
export const contractOperations: readonly ContractOperation[] = Object.entries(
  parsedContract.paths as Record<string, Record<string, any>>,
).flatMap(([path, item]) =>
  ['get', 'post', 'put', 'patch', 'delete']
    .filter((method) => item[method])
    .map((method) => ({
      operationId: item[method].operationId as OperationId,
      method: method.toUpperCase(),
      path,
      pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}/?$`),
      hasBody: Boolean(item[method].requestBody),
    })),
);

/** The operation a request is for, if its method and path match one. */
export function findOperation(method: string, path: string): ContractOperation | undefined {
  return contractOperations.find((op) => op.method === method && op.pattern.test(path));
}
