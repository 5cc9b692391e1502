import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { cacheRoutePatterns } from './cache-route-patterns.js';

interface Compiled {
  regexp: RegExp;
  keys: Array<{ name: string }>;
}

describe('cacheRoutePatterns', () => {
  it('compiles a route pattern once, for the validator, with the same answers', () => {
    cacheRoutePatterns();
    cacheRoutePatterns();
    const require = createRequire(createRequire(import.meta.url).resolve('express-openapi-validator'));
    const { pathToRegexp } = require('path-to-regexp') as { pathToRegexp: (path: string, options?: object) => Compiled };
    const route = '/users/:ownerId/scids/:scid/clips/:gameClipId';
    const first = pathToRegexp(route, { sensitive: true, strict: false });
    expect(pathToRegexp(route, { sensitive: true, strict: false })).toBe(first);
    expect(pathToRegexp(route, { sensitive: false, strict: false })).not.toBe(first);
    expect(first.regexp.exec('/users/me/scids/a/clips/b')?.slice(1)).toEqual(['me', 'a', 'b']);
    expect(first.regexp.exec('/USERS/me/scids/a/clips/b')).toBeNull();
    expect(first.keys.map((k) => k.name)).toEqual(['ownerId', 'scid', 'gameClipId']);
  });
});
