import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { createServer } from '../create-server.js';
import { openStore } from '../store/open-store.js';
import { cacheRoutePatterns } from './cache-route-patterns.js';

interface Compiled {
  regexp: RegExp;
  keys: Array<{ name: string }>;
}
type PathToRegexp = (path: string, options?: object) => Compiled;

const requireFromValidator = createRequire(createRequire(import.meta.url).resolve('express-openapi-validator'));
const pathToRegexpModule = requireFromValidator('path-to-regexp') as { pathToRegexp: PathToRegexp };

describe('cacheRoutePatterns', () => {
  it('compiles a route pattern once, for the validator, with the same answers', () => {
    cacheRoutePatterns();
    cacheRoutePatterns();
    const { pathToRegexp } = pathToRegexpModule;
    const route = '/users/:ownerId/scids/:scid/clips/:gameClipId';
    const first = pathToRegexp(route, { sensitive: true, strict: false });
    expect(pathToRegexp(route, { sensitive: true, strict: false })).toBe(first);
    expect(pathToRegexp(route, { sensitive: false, strict: false })).not.toBe(first);
    expect(first.regexp.exec('/users/me/scids/a/clips/b')?.slice(1)).toEqual(['me', 'a', 'b']);
    expect(first.regexp.exec('/USERS/me/scids/a/clips/b')).toBeNull();
    expect(first.keys.map((k) => k.name)).toEqual(['ownerId', 'scid', 'gameClipId']);
  });

  // The cache is worth keeping only while the validator compiles patterns per request it routes
  // (the server leaves it the requests of no operation, see memoizedRouting), and it works only
  // while the validator calls the module's export: when either changes, this fails.
  it('is still needed: the validator asks the module for route patterns on every request it routes', async () => {
    const store = await openStore({});
    const http = createHttpServer(createServer({ store, tokenSecret: new TextEncoder().encode('a key of at least thirty-two bytes') }).app);
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const cached = pathToRegexpModule.pathToRegexp;
    let calls = 0;
    pathToRegexpModule.pathToRegexp = (path, options) => {
      calls++;
      return cached(path, options);
    };
    try {
      const { port } = http.address() as AddressInfo;
      const url = `http://127.0.0.1:${port}/users/me/scids/ffffffff-ffff-4fff-bfff-ffffffffffff/nothing`;
      for (let i = 0; i < 3; i++) {
        const before = calls;
        const response = await fetch(url, { headers: { 'X-RequestedServiceVersion': '1' } });
        expect(response.status).toBe(404);
        await response.arrayBuffer();
        expect(calls).toBeGreaterThan(before);
      }
    } finally {
      pathToRegexpModule.pathToRegexp = cached;
      await new Promise((resolve) => http.close(resolve));
      await store.close();
    }
  });
});
