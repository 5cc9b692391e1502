import type { RequestHandler } from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import { loadContract } from '../contract/contract.js';
import type { TokenVerifier } from '../auth/token-verifier.js';
import { ServiceError } from '../errors/service-error.js';
import { cacheRoutePatterns } from './cache-route-patterns.js';
import { contextOf } from './request-context.js';

/** Options of the contract validation. */
export interface ValidationOptions {
  /** Validate every response against the contract too; a violation becomes a logged 500. */
  validateResponses: boolean;
  /** Validate requests' parameters, headers and bodies; only the benchmark turns it off. */
  validateRequests?: boolean;
  /** Verifies the `Authorization` header of a request. */
  verifier: TokenVerifier;
}

/**
 * The contract, enforced: routing (404, 405), the security scheme (401), parameters, headers
 * and body (400, 415) and, when asked, every response.
 */
export function openApiValidator({ validateResponses, validateRequests = true, verifier }: ValidationOptions): RequestHandler[] {
  cacheRoutePatterns();
  return OpenApiValidator.middleware({
    apiSpec: loadContract() as never,
    validateRequests: validateRequests && { allowUnknownQueryParameters: false },
    validateResponses,
    validateFormats: true,
    ignoreUndocumented: false,
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
}
