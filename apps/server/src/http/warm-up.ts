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
  gameClipId: 'ffffffff-ffff-4fff-bfff-ffffffffffff',
  ratingValue: '3',
  titleId: '2058984733',
};

// The body clients send to operations that take one, as the JSON parser would leave it.
const BODY = { userCaption: 'warm-up' };

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
 * is answered with a 403 that no one receives.
 */
export async function warmUp(app: Express, contract: ContractValidator, authorization: string): Promise<void> {
  const refusal = new ServiceError('ScidMismatch');
  const refuse: RequestHandler = (_req, res) => {
    res.status(refusal.status).json({ errorCode: refusal.errorCode, errorMessage: refusal.message });
    (res.locals.done as () => void)();
  };
  const router = Router();
  router.use(contract.routing, contract.validation, refuse);
  const headers = { authorization, 'x-requestedserviceversion': supportedServiceVersions[0]!, host: 'localhost' };
  for (const operation of contractOperations) {
    const path = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => PATH_VALUES[name] ?? 'x');
    const [req, res] = operation.hasBody
      ? syntheticExchange(app, operation.method, path, { ...headers, 'content-type': 'application/json' })
      : syntheticExchange(app, operation.method, path, headers);
    if (operation.hasBody) req.body = BODY;
    const error = await new Promise<unknown>((resolve) => {
      res.locals.done = () => resolve(undefined);
      router(req, res, (error?: unknown) => resolve(error ?? new Error(`${operation.operationId} was not answered`)));
    });
    if (error) throw error;
  }
}
