import type { RequestHandler } from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import { loadContract } from '@gameclips/contract';
import type { TokenVerifier } from '../auth/token-verifier.js';
import { ServiceError } from '../errors/service-error.js';
import { cacheRoutePatterns } from './cache-route-patterns.js';
import { contextOf } from './request-context.js';
import { routedPathParams } from './routed-operation.js';

/** Options of the contract validation. */
export interface ValidationOptions {
  /** Validate every response against the contract too; a violation becomes a logged 500. */
  validateResponses: boolean;
  /** Validate requests' parameters, headers and bodies; only the benchmark turns it off. */
  validateRequests?: boolean;
  /** Verifies the `Authorization` header of a request. */
  verifier: TokenVerifier;
}

/** The contract validator in two halves, so that the server's own steps can run between them. */
export interface ContractValidator {
  /** Decides the operation: sets `req.openapi` (see `routedOperation`), or refuses with 404 or 405. */
  routing: RequestHandler[];
  /** The security scheme (401), parameters, headers and body (400, 415) and, when asked, every response. */
  validation: RequestHandler[];
}

// The name of the validator's routing step among the middlewares it returns, in that order:
// path parameters, metadata (the routing), security, request and response validation.
const ROUTING_STEP = 'metadataMiddleware';

/**
 * Splits the validator's middlewares after its routing step. Throws if the validator no
 * longer has that step, rather than serving requests whose operation nobody decided.
 */
export function splitAfterRouting(middlewares: RequestHandler[]): ContractValidator {
  const index = middlewares.findIndex((middleware) => middleware.name === ROUTING_STEP);
  if (index < 0) {
    throw new Error(`express-openapi-validator has no ${ROUTING_STEP}: the server cannot run its steps between routing and validation`);
  }
  return { routing: middlewares.slice(0, index + 1), validation: middlewares.slice(index + 1) };
}

/**
 * Keeps the path parameters as the validator matched them: its request validation coerces
 * them in place to their schema's type (`3e0`, `03` and `3.0` all become the rating 3).
 */
const keepPathParams: RequestHandler = (req, res, next) => {
  const pathParams = routedPathParams(req);
  if (pathParams) contextOf(res).pathParams = { ...pathParams };
  next();
};

/** The contract, enforced by express-openapi-validator, which also routes each request to its operation. */
export function openApiValidator({ validateResponses, validateRequests = true, verifier }: ValidationOptions): ContractValidator {
  cacheRoutePatterns();
  const middlewares = OpenApiValidator.middleware({
    apiSpec: loadContract() as never,
    validateRequests: validateRequests && { allowUnknownQueryParameters: false },
    validateResponses,
    validateFormats: true,
    ignoreUndocumented: false,
    // The contract has no multipart body: no upload step on every request.
    fileUploader: false,
    validateSecurity: {
      handlers: {
        xblAuth: async (req) => {
          const res = req.res!;
          try {
            contextOf(res).caller = await verifier.verifyHeader(req.get('Authorization'));
            return true;
          } catch (error) {
            // The validator keeps only a message; keep the error itself for the error handler.
            if (error instanceof ServiceError) contextOf(res).authFailure = error;
            throw error;
          }
        },
      },
    },
  }) as unknown as RequestHandler[];
  const { routing, validation } = splitAfterRouting(middlewares);
  return { routing: [...routing, keepPathParams], validation };
}
