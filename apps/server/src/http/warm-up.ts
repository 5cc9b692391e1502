import { Router, type Express, type Request, type RequestHandler, type Response } from 'express';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { contractOperations, supportedServiceVersions } from '@gameclips/contract';
import { ServiceError } from '../errors/service-error.js';
import type { ContractValidator } from './openapi-validator.js';

// Values each path parameter's pattern accepts.
const PATH_VALUES: Record<string, string> = {
  ownerId: 'me',
  scid: 'ffffffff-ffff-4fff-bfff-ffffffffffff',
  clipScid: 'ffffffff-ffff-4fff-bfff-ffffffffffff',
  gameClipId: 'ffffffff-ffff-4fff-bfff-ffffffffffff',
  ratingValue: '3',
  titleId: '2058984733',
  thumbnailSize: 'small',
};

// The bytes of an upload as the raw parser would leave them.
const BYTES = Buffer.from('warm-up');

interface MediaType {
  example?: unknown;
  examples?: Record<string, { value?: unknown }>;
}

/**
 * The body a client sends to an operation that takes one: the first media type of its body and,
 * for JSON, the contract's first example, as the JSON parser would leave it (a valid body, so
 * that validation goes as far as it does for a client).
 */
function bodyOf(operation: (typeof contractOperations)[number]): { type: string; body: unknown } {
  const content = (operation.operation.requestBody as { content?: Record<string, MediaType> } | undefined)?.content ?? {};
  const [type = 'application/json', media] = Object.entries(content)[0] ?? [];
  if (type !== 'application/json') return { type, body: BYTES };
  return { type, body: media?.example ?? Object.values(media?.examples ?? {})[0]?.value ?? {} };
}

/** A request as Express would hand it to the app's middlewares, without a connection. */
function syntheticExchange(app: Express, method: string, url: string, headers: Record<string, string>): [Request, Response] {
  const req = new IncomingMessage(new Socket()) as unknown as Request;
  Object.assign(req, { method, url, headers });
  Object.setPrototypeOf(req, app.request);
  const res = new ServerResponse(req) as unknown as Response;
  Object.setPrototypeOf(res, app.response);
  Object.assign(req, { res });
  Object.assign(res, { req, locals: Object.create(null) });
  return [req, res];
}

/**
 * Compiles what the contract validator compiles lazily (its parsed contract, then per
 * operation and request content type, its request validators) so that no
 * client's request pays for it. One request per operation goes through the validator's own
 * middlewares in process: no socket, no request log, fault injection, handler or store. Each
 * is answered with a bodiless 403 that no one receives (not a JSON one: the 403 is declared
 * by the operations of a scid only, and the app's `res.json` checks what it sends).
 */
export async function warmUp(app: Express, contract: ContractValidator, authorization: string): Promise<void> {
  const refusal = new ServiceError('ScidMismatch');
  const refuse: RequestHandler = (_req, res) => {
    res.status(refusal.status).end();
    (res.locals.done as () => void)();
  };
  const router = Router();
  router.use(contract.routing, contract.validation, refuse);
  const headers = { authorization, 'x-requestedserviceversion': supportedServiceVersions[0]!, host: 'localhost' };
  for (const operation of contractOperations) {
    const path = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => PATH_VALUES[name] ?? 'x');
    const { type, body } = bodyOf(operation);
    const [req, res] = operation.hasBody
      ? syntheticExchange(app, operation.method, path, { ...headers, 'content-type': type })
      : syntheticExchange(app, operation.method, path, headers);
    if (operation.hasBody) req.body = structuredClone(body);
    const error = await new Promise<unknown>((resolve) => {
      res.locals.done = () => resolve(undefined);
      router(req, res, (error?: unknown) => resolve(error ?? new Error(`${operation.operationId} was not answered`)));
    });
    if (error) throw error;
  }
}
