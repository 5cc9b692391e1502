import type { Request } from 'express';
import type { OperationId } from '@gameclips/types';

/** What the contract validator's routing step leaves on a request it matched (`req.openapi`). */
interface OpenApiMetadata {
  schema: { operationId: OperationId; requestBody?: unknown };
  pathParams: Record<string, string>;
}

/** The contract operation the validator routed a request to; undefined before routing and for requests to no operation. */
export function routedOperation(req: Request): OpenApiMetadata['schema'] | undefined {
  return (req as Request & { openapi?: OpenApiMetadata }).openapi?.schema;
}

/** The media types an operation's request body may have; none when it takes no body. */
export function requestMediaTypes(operation: OpenApiMetadata['schema']): string[] {
  return Object.keys((operation.requestBody as { content?: Record<string, unknown> } | undefined)?.content ?? {});
}

/** The path parameters the validator matched, percent-decoded; undefined for requests to no operation. */
export function routedPathParams(req: Request): Readonly<Record<string, string>> | undefined {
  return (req as Request & { openapi?: OpenApiMetadata }).openapi?.pathParams;
}
