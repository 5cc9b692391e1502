import { createRequire } from 'node:module';

type PathToRegexp = (path: unknown, options?: { sensitive?: boolean; strict?: boolean }) => unknown;
interface PathToRegexpModule {
  pathToRegexp: PathToRegexp;
}

const CACHED = Symbol.for('gameclips.cachedPathToRegexp');
const MAX_CACHED = 1_000;

/**
 * express-openapi-validator 5.6 compiles every route's pattern with `path-to-regexp` on
 * every request it routes while it looks the route up (70 µs a request when the contract
 * had four routes; it has eighteen now). The server routes the operations it has seen itself
 * (memoizedRouting) but leaves the validator every request of no operation, which a client
 * could send as fast as it likes; the framework ceiling of the benchmark routes every request
 * through the validator. The function is pure and the validator calls
 * it through the module's exports, so this wraps that export once with a cache of the
 * patterns it is asked for. Its results are only read (`regexp.exec` without the `g` flag,
 * `keys.map`), so sharing them is safe. Its test fails once the validator stops asking for a
 * pattern on every request: then this can go.
 */
export function cacheRoutePatterns(): void {
  const requireFromValidator = createRequire(createRequire(import.meta.url).resolve('express-openapi-validator'));
  const module = requireFromValidator('path-to-regexp') as PathToRegexpModule & { [CACHED]?: true };
  if (module[CACHED]) return;
  const original = module.pathToRegexp;
  const cache = new Map<string, unknown>();
  module.pathToRegexp = (path, options) => {
    const extra = options && Object.keys(options).some((key) => key !== 'sensitive' && key !== 'strict');
    if (typeof path !== 'string' || extra) return original(path, options);
    const key = `${options?.sensitive ? 's' : '-'}${options?.strict ? 's' : '-'}${path}`;
    let compiled = cache.get(key);
    if (compiled === undefined) {
      if (cache.size >= MAX_CACHED) cache.clear();
      compiled = original(path, options);
      cache.set(key, compiled);
    }
    return compiled;
  };
  module[CACHED] = true;
}
