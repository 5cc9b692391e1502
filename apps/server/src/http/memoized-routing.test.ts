import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractDocument, contractOperations, loadContract } from '@gameclips/contract';
import { memoizedRouting } from './memoized-routing.js';
import { chain } from './middleware-chain.js';
import { ROUTING_OPTIONS, splitAfterRouting } from './openapi-validator.js';

const ID = 'ffffffff-ffff-4fff-bfff-ffffffffffff';

// Values for a path parameter: ordinary ones, ones another route spells as a static segment,
// percent-encoded ones (well and badly), and characters a pattern might treat specially.
const VALUES = [ID, 'me', 'xuid(2814613569642996)', 'saved', 'thumbnails', '3', '%41b', '%E0%A4%A', '%2F', 'a;b', 'ÄÖ'];
const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'PATCH'];

/** Request paths made from every contract path: each parameter in turn takes every value, plus spelling variants of the whole path. */
function samplePaths(): string[] {
  const paths = new Set<string>(['/', '/users', '/users/me', '/public/scids', '/nowhere', '/users/me/scids//clips']);
  for (const template of new Set(contractOperations.map((operation) => operation.path))) {
    const names = [...template.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!);
    const fill = (chosen: Record<string, string>) => template.replace(/\{([^}]+)\}/g, (_, name: string) => chosen[name] ?? ID);
    const plain = fill({});
    paths.add(plain);
    for (const name of names) for (const value of VALUES) paths.add(fill({ [name]: value }));
    paths.add(`${plain}/`);
    paths.add(`${plain}//`);
    paths.add(plain.toUpperCase());
    paths.add(`${plain}/extra`);
    paths.add(`${plain}?maxItems=3`);
    paths.add(plain.replace('/clips', '/Clips'));
  }
  return [...paths];
}

/** What a request's routing decided: the validator's `req.openapi` and `req.params`, or the error it refused with. */
const answer: RequestHandler = (req, res) => {
  const openapi = (req as { openapi?: { expressRoute: string; openApiRoute: string; pathParams: object; schema?: { operationId?: string }; serial: number } }).openapi;
  res.json({
    openapi: openapi && { ...openapi, schema: openapi.schema?.operationId },
    params: req.params,
  });
};
const refusal: ErrorRequestHandler = (error: { status?: number; message?: string; headers?: object }, _req, res, _next) => {
  res.status(error.status ?? 500).json({ refused: error.message, headers: error.headers });
};

async function listen(routing: RequestHandler): Promise<{ server: Server; url: string }> {
  const app = express();
  app.set('case sensitive routing', ROUTING_OPTIONS.sensitive);
  app.set('strict routing', ROUTING_OPTIONS.strict);
  app.use(routing, answer, refusal);
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function routed(url: string, method: string, path: string): Promise<unknown> {
  const response = await fetch(`${url}${path}`, { method });
  return { status: response.status, body: method === 'HEAD' ? undefined : await response.json() };
}

describe('memoizedRouting', () => {
  const validator = splitAfterRouting(
    OpenApiValidator.middleware({ apiSpec: loadContract() as never, validateRequests: false, validateResponses: false, validateSecurity: false }) as never,
  );
  let validatorCalls = 0;
  const countedRouting = chain((_req, _res, next) => {
    validatorCalls++;
    next();
  }, ...validator.routing);
  let plain: Awaited<ReturnType<typeof listen>>;
  let memoized: Awaited<ReturnType<typeof listen>>;

  beforeAll(async () => {
    plain = await listen(chain(...validator.routing));
    memoized = await listen(memoizedRouting(contractDocument, countedRouting, ROUTING_OPTIONS));
  });
  afterAll(() => {
    plain.server.close();
    memoized.server.close();
  });

  it('decides every request as the validator does, the first time and once it has learnt the route', { timeout: 120_000 }, async () => {
    const cases = samplePaths().flatMap((path) => METHODS.map((method) => ({ method, path })));
    expect(cases.length).toBeGreaterThan(2_000);
    // A few paths at a time; each path's three requests one after the other.
    for (let start = 0; start < cases.length; start += 32) {
      await Promise.all(
        cases.slice(start, start + 32).map(async ({ method, path }) => {
          const expected = await routed(plain.url, method, path);
          expect(await routed(memoized.url, method, path), `${method} ${path}`).toEqual(expected);
          expect(await routed(memoized.url, method, path), `${method} ${path}, again`).toEqual(expected);
        }),
      );
    }
  });

  it('asks the validator once per route and method, not on every request', async () => {
    const path = `/users/me/scids/${ID}/clips/${ID}/views`;
    await routed(memoized.url, 'POST', path);
    const before = validatorCalls;
    for (let i = 0; i < 5; i++) {
      const { body } = (await routed(memoized.url, 'POST', path.replace(/ffff-4fff/, `ffff-4ff${i}`))) as { body: { openapi?: { schema: string } } };
      expect(body.openapi?.schema).toBe('recordClipView');
    }
    expect(validatorCalls).toBe(before);
    // A method the route does not have is the validator's to refuse, every time.
    await routed(memoized.url, 'PATCH', path);
    await routed(memoized.url, 'PATCH', path);
    expect(validatorCalls).toBe(before + 2);
  });

  it('refuses a contract whose server URL has a base path rather than route it wrongly', () => {
    const document = { ...loadContract(), servers: [{ url: 'https://example.com/v2' }] };
    expect(() => memoizedRouting(document, countedRouting, ROUTING_OPTIONS)).toThrow(/base path/);
  });
});
