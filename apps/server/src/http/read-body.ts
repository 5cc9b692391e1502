import type { RequestHandler } from 'express';
import { chain } from './middleware-chain.js';
import { requestMediaTypes, routedOperation } from './routed-operation.js';

/** What a routed operation's request body is: JSON, bytes (an upload's block or thumbnail), or none. */
type BodyKind = 'json' | 'bytes' | 'none';

/** The body kind of each operation object the validator routes to, found once per operation. */
const kinds = new WeakMap<object, BodyKind>();

function kindOf(operation: Parameters<typeof requestMediaTypes>[0]): BodyKind {
  let kind = kinds.get(operation);
  if (kind === undefined) {
    const types = requestMediaTypes(operation);
    kind = types.length === 0 ? 'none' : types.includes('application/json') ? 'json' : 'bytes';
    kinds.set(operation, kind);
  }
  return kind;
}

/** Reads a routed request's body with the readers of its operation's media types: `json` steps for JSON, `bytes` for files. */
export function readBody(readers: { json: RequestHandler[]; bytes: RequestHandler }): RequestHandler {
  const json = chain(...readers.json);
  return (req, res, next) => {
    const operation = routedOperation(req);
    const kind = operation === undefined ? 'none' : kindOf(operation);
    if (kind === 'json') return json(req, res, next);
    if (kind === 'bytes') return readers.bytes(req, res, next);
    return next();
  };
}
