import type { OpenApiObject } from './openapi-document.js';
import { resolveRef } from './resolve-ref.js';

/** The methods an OpenAPI path item may hold, in the specification's order. */
export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** A declared parameter, resolved. */
export interface ContractParameter extends OpenApiObject {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
}

/** A declared response, resolved, with its headers resolved. */
export interface ContractResponse extends OpenApiObject {
  headers: Record<string, OpenApiObject>;
  content?: Record<string, OpenApiObject>;
}

/** One operation of an OpenAPI document. */
export interface ContractOperation {
  operationId: string;
  /** The HTTP method, upper case (`GET`). */
  method: string;
  /** The path template, such as `/users/{ownerId}/scids/{scid}/clips/{gameClipId}`. */
  path: string;
  /** Matches the template's concrete paths (each `{name}` one segment), with or without a trailing slash. */
  pattern: RegExp;
  /** Whether the operation declares a request body. */
  hasBody: boolean;
  /** The declared response statuses as written: `'200'`, `'404'`, `'4XX'`, `'default'`. */
  statuses: string[];
  /** The declared responses by status. */
  responses: Record<string, ContractResponse>;
  /** The parameters of the path item and of the operation (the operation's win), in that order. */
  parameters: ContractParameter[];
  /** The names of the declared request headers (the `in: header` parameters). */
  requestHeaders: string[];
  /** The operation object as the document holds it, for anything else (summary, tags, extensions). */
  operation: OpenApiObject;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A matcher for the concrete paths of a path template. */
function pathPattern(template: string): RegExp {
  const parts = template.split(/(\{[^}]+\})/).map((part) => (/^\{[^}]+\}$/.test(part) ? '[^/]+' : escapeRegExp(part)));
  return new RegExp(`^${parts.join('')}/?$`);
}

function resolveResponse(document: OpenApiObject, raw: unknown): ContractResponse {
  const response = resolveRef(document, raw);
  const headers = Object.entries<unknown>(response.headers ?? {}).map(([name, header]) => [name, resolveRef(document, header)]);
  return { ...response, headers: Object.fromEntries(headers) };
}

function parametersOf(document: OpenApiObject, pathItem: OpenApiObject, operation: OpenApiObject): ContractParameter[] {
  const byKey = new Map<string, ContractParameter>();
  for (const raw of [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])]) {
    const parameter = resolveRef<ContractParameter>(document, raw);
    byKey.set(`${parameter.in}:${parameter.name}`, parameter);
  }
  return [...byKey.values()];
}

/**
 * The operation table of any OpenAPI document: the contract this package ships, the
 * document Redocly hands a plugin, or the definition embedded in a built Redoc page.
 * Operations come in document order, the methods of a path in the specification's order.
 */
export function operationTable(document: OpenApiObject): ContractOperation[] {
  return Object.entries<OpenApiObject>(document.paths ?? {}).flatMap(([path, rawItem]) => {
    const pathItem = resolveRef(document, rawItem);
    return HTTP_METHODS.filter((method) => pathItem[method]).map((method): ContractOperation => {
      const operation: OpenApiObject = pathItem[method];
      const responses = Object.entries<unknown>(operation.responses ?? {});
      const parameters = parametersOf(document, pathItem, operation);
      return {
        operationId: operation.operationId,
        method: method.toUpperCase(),
        path,
        pattern: pathPattern(path),
        hasBody: Boolean(operation.requestBody),
        statuses: responses.map(([status]) => status),
        responses: Object.fromEntries(responses.map(([status, raw]) => [status, resolveResponse(document, raw)])),
        parameters,
        requestHeaders: parameters.filter((p) => p.in === 'header').map((p) => p.name),
        operation,
      };
    });
  });
}

const templatedSegments = (template: string) => template.split('{').length - 1;

/**
 * The operation of a table that a request's method and path match, if any. As OpenAPI
 * says, a concrete path wins over a templated one (`/clips/saved` over `/clips/{gameClipId}`):
 * of the matches, the one with the fewest templated segments.
 */
export function matchOperation(
  operations: readonly ContractOperation[],
  method: string,
  path: string,
): ContractOperation | undefined {
  const upper = method.toUpperCase();
  let best: ContractOperation | undefined;
  for (const op of operations) {
    if (op.method !== upper || !op.pattern.test(path)) continue;
    if (!best || templatedSegments(op.path) < templatedSegments(best.path)) best = op;
  }
  return best;
}
