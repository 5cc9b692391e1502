import type { RequestHandler } from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import { contractDocument, loadContract } from '@gameclips/contract';
import type { TokenVerifier } from '../auth/token-verifier.js';
import { ServiceError } from '../errors/service-error.js';
import { cacheRoutePatterns } from './cache-route-patterns.js';
import { memoizedRouting } from './memoized-routing.js';
import { chain } from './middleware-chain.js';
import { contextOf } from './request-context.js';
import { routedPathParams } from './routed-operation.js';

/**
 * Options of the contract validation. Responses are validated by the server's own step
 * (`validateJsonResponses`), with validators compiled once by the contract's Ajv.
 */
export interface ValidationOptions {
  /** Validate requests' parameters, headers and bodies; only the benchmark turns it off. */
  validateRequests?: boolean;
  /** Verifies the `Authorization` header of a request. */
  verifier: TokenVerifier;
}

/** The contract validator in two halves, so that the server's own steps can run between them. */
export interface ContractValidator {
  /** Decides the operation: sets `req.openapi` (see `routedOperation`), or refuses with 404 or 405. */
  routing: RequestHandler[];
  /** The security scheme (401), parameters, headers and body (400, 415). */
  validation: RequestHandler[];
  /**
   * Runs `warm` (which compiles the validator's lazily compiled schemas) once for every
   * server of this process that shares these middlewares; a failed run is tried again next time.
   */
  warmUpOnce(warm: () => Promise<void>): Promise<void>;
}

// The name of the validator's routing step among the middlewares it returns, in that order:
// path parameters, metadata (the routing), security and request validation.
const ROUTING_STEP = 'metadataMiddleware';

/**
 * Splits the validator's middlewares after its routing step. Throws if the validator no
 * longer has that step, rather than serving requests whose operation nobody decided.
 */
export function splitAfterRouting(middlewares: RequestHandler[]): Pick<ContractValidator, 'routing' | 'validation'> {
  const index = middlewares.findIndex((middleware) => middleware.name === ROUTING_STEP);
  if (index < 0) {
    throw new Error(`express-openapi-validator has no ${ROUTING_STEP}: the server cannot run its steps between routing and validation`);
  }
  return { routing: middlewares.slice(0, index + 1), validation: middlewares.slice(index + 1) };
}

/**
 * Keeps the path parameters as the validator matched them: its request validation coerces
 * them in place to their schema's type (`3e0`, `03` and `3.0` all become the rating 3). Also
 * names the server's token verifier for the shared security handler.
 */
function keepPathParams(verifier: TokenVerifier): RequestHandler {
  return function keepPathParams(req, res, next) {
    const context = contextOf(res);
    context.verifier = verifier;
    const pathParams = routedPathParams(req);
    if (pathParams) context.pathParams = { ...pathParams };
    next();
  };
}

interface SharedValidator extends Omit<ContractValidator, 'warmUpOnce'> {
  warmedUp?: Promise<void>;
}

/**
 * The validator's middlewares, one set per process and settings: what it compiles (the
 * contract's routes, a validator per operation, content type and response) then serves every
 * server of the process, so that only the first one started pays for it.
 */
const sharedValidators = new Map<string, SharedValidator>();

function sharedValidator(validateRequests: boolean): SharedValidator {
  const key = String(validateRequests);
  let shared = sharedValidators.get(key);
  if (!shared) {
    const { routing, validation } = splitAfterRouting(createValidator(validateRequests));
    // The routing answers depend on the contract and this validator alone: the servers of the
    // process share them too, learnt once by the first warm-up.
    shared = { routing: [memoizedRouting(contractDocument, chain(...routing), ROUTING_OPTIONS)], validation };
    sharedValidators.set(key, shared);
  }
  return shared;
}

/**
 * How the app matches paths, as express-openapi-validator reads it from the app's settings:
 * case-sensitive (as the contract's paths are), a trailing slash allowed.
 */
export const ROUTING_OPTIONS = { sensitive: true, strict: false } as const;

/** The contract, enforced by express-openapi-validator, which also routes each request to its operation. */
export function openApiValidator({ validateRequests = true, verifier }: ValidationOptions): ContractValidator {
  const shared = sharedValidator(validateRequests);
  return {
    routing: [...shared.routing, keepPathParams(verifier)],
    validation: shared.validation,
    warmUpOnce: (warm) =>
      (shared.warmedUp ??= warm().catch((error: unknown) => {
        shared.warmedUp = undefined;
        throw error;
      })),
  };
}

function createValidator(validateRequests: boolean): RequestHandler[] {
  cacheRoutePatterns();
  return OpenApiValidator.middleware({
    apiSpec: loadContract() as never,
    validateRequests: validateRequests && { allowUnknownQueryParameters: false },
    // Its response validation parsed content types and looked its validators up on every
    // answer (about twice the Ajv call itself): validateJsonResponses does it instead.
    validateResponses: false,
    validateFormats: true,
    ignoreUndocumented: false,
    // The contract has no multipart body: no upload step on every request.
    fileUploader: false,
    validateSecurity: {
      handlers: {
        xblAuth: async (req) => {
          const res = req.res!;
          const context = contextOf(res);
          try {
            if (!context.verifier) throw new ServiceError('InternalError', 'No token verifier for this request');
            context.caller = await context.verifier.verifyHeader(req.get('Authorization'));
            return true;
          } catch (error) {
            // The validator keeps only a message; keep the error itself for the error handler.
            if (error instanceof ServiceError) context.authFailure = error;
            throw error;
          }
        },
      },
    },
  }) as unknown as RequestHandler[];
}
