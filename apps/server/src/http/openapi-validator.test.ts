import express, { type RequestHandler } from 'express';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { mintToken } from '../auth/token-minter.js';
import { TokenVerifier } from '../auth/token-verifier.js';
import { openApiValidator, splitAfterRouting } from './openapi-validator.js';
import { contextOf } from './request-context.js';
import { routedPathParams } from './routed-operation.js';

const secret = new TextEncoder().encode('a key of at least thirty-two bytes');
const names = (middlewares: RequestHandler[]) => middlewares.map((middleware) => middleware.name);

describe('openApiValidator', () => {
  // The server's version and Accept negotiation and its JSON body parser run between the two
  // halves: after the validator has decided the operation, before it validates anything.
  it('routes in its first half and validates in its second', () => {
    // Responses are validated by the server's own res.json (validateJsonResponses), not by it.
    const { routing, validation } = openApiValidator({ verifier: new TokenVerifier(secret) });
    // The validator's own routing steps are inside memoizedRouting, for what it has not seen before.
    expect(names(routing)).toEqual(['memoizedRouting', 'keepPathParams']);
    expect(names(validation)).toEqual(['securityMiddleware', 'requestMiddleware']);
  });

  it('refuses a validator without a routing step rather than serve unrouted requests', () => {
    const other: RequestHandler = function somethingElse(_req, _res, next) {
      next();
    };
    expect(() => splitAfterRouting([other])).toThrow(/metadataMiddleware/);
  });

  // Handlers read the kept copy; once the validator stops coercing in place, the copy can go.
  it('keeps the path parameters as sent, since request validation coerces them in place', async () => {
    const { routing, validation } = openApiValidator({ verifier: new TokenVerifier(secret) });
    const answer: RequestHandler = (req, res) => {
      res.json({ validated: routedPathParams(req)?.ratingValue, kept: contextOf(res).pathParams?.ratingValue });
    };
    const app = express();
    app.use(routing, validation, answer);
    const http = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => http.once('listening', resolve));
    try {
      const scid = 'ffffffff-ffff-4fff-bfff-ffffffffffff';
      const { port } = http.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/users/me/scids/${scid}/clips/${scid}/ratings/3e0`, {
        method: 'POST',
        headers: { Authorization: await mintToken(secret, { xuid: '1', scid }), 'X-RequestedServiceVersion': '1' },
      });
      expect(await response.json()).toEqual({ validated: 3, kept: '3e0' });
    } finally {
      await new Promise((resolve) => http.close(resolve));
    }
  });
});
