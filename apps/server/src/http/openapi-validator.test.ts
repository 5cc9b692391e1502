import type { RequestHandler } from 'express';
import { describe, expect, it } from 'vitest';
import { TokenVerifier } from '../auth/token-verifier.js';
import { openApiValidator, splitAfterRouting } from './openapi-validator.js';

const names = (middlewares: RequestHandler[]) => middlewares.map((middleware) => middleware.name);

describe('openApiValidator', () => {
  // The server's version and Accept negotiation and its JSON body parser run between the two
  // halves: after the validator has decided the operation, before it validates anything.
  it('routes in its first half and validates in its second', () => {
    const { routing, validation } = openApiValidator({
      validateResponses: true,
      verifier: new TokenVerifier(new TextEncoder().encode('a key of at least thirty-two bytes')),
    });
    expect(names(routing)).toEqual(['pathParamsMiddleware', 'metadataMiddleware', 'keepPathParams']);
    expect(names(validation)).toEqual(['securityMiddleware', 'requestMiddleware', 'responseMiddleware']);
  });

  it('refuses a validator without a routing step rather than serve unrouted requests', () => {
    const other: RequestHandler = function somethingElse(_req, _res, next) {
      next();
    };
    expect(() => splitAfterRouting([other])).toThrow(/metadataMiddleware/);
  });
});
