import { createRequire } from 'node:module';
import type { Request, RequestHandler } from 'express';
import type { OpenApiObject } from '@gameclips/contract';

interface CompiledPattern {
  regexp: RegExp;
  keys: ReadonlyArray<{ name: string }>;
}

/** The parts of express-openapi-validator 5.6 its routing is made of, used here as it uses them. */
interface ValidatorRouting {
  pathToRegexp(path: string, options: { sensitive: boolean; strict: boolean }): CompiledPattern;
  sortRoutes(a: { expressRoute: string }, b: { expressRoute: string }): number;
  toExpressParams(part: string): string;
}

function validatorRouting(): ValidatorRouting {
  const requireFromValidator = createRequire(createRequire(import.meta.url).resolve('express-openapi-validator'));
  const { pathToRegexp } = requireFromValidator('path-to-regexp') as Pick<ValidatorRouting, 'pathToRegexp'>;
  const { sortRoutes, OpenApiSpecLoader } = requireFromValidator('./framework/openapi.spec.loader.js') as {
    sortRoutes: ValidatorRouting['sortRoutes'];
    OpenApiSpecLoader: { prototype: Pick<ValidatorRouting, 'toExpressParams'> };
  };
  return { pathToRegexp, sortRoutes, toExpressParams: OpenApiSpecLoader.prototype.toExpressParams };
}

/** What the validator's routing step leaves on a request (`req.openapi`), but the path parameters. */
interface RouteAnswer {
  expressRoute: string;
  openApiRoute: string;
  schema: object;
  serial: number;
}

interface Route {
  expressRoute: string;
  pattern: CompiledPattern;
  /** The validator's answer per HTTP method, learnt from its first request of the route and method. */
  answers: Map<string, RouteAnswer>;
}

const NOT_METHODS = new Set(['parameters', 'summary', 'description']);

/**
 * The contract's routes in the order the validator tries them: its own route list (every path
 * and method), sorted by its own comparator, each express route kept at its first place.
 */
function routeTable(document: OpenApiObject, routing: ValidatorRouting, options: { sensitive: boolean; strict: boolean }): Route[] {
  for (const server of (document.servers ?? []) as { url: string }[]) {
    const path = new URL(server.url).pathname;
    if (path !== '/' && path !== '') throw new Error(`The contract's server ${server.url} has a base path: the memoized routing does not handle one`);
  }
  const routes: { expressRoute: string }[] = [];
  for (const [path, item] of Object.entries((document.paths ?? {}) as Record<string, object>)) {
    for (const method of Object.keys(item)) {
      if (method.startsWith('x-') || NOT_METHODS.has(method)) continue;
      routes.push({ expressRoute: path.split(':').map(routing.toExpressParams).join('\\:') });
    }
  }
  routes.sort(routing.sortRoutes);
  const table = new Map<string, Route>();
  for (const { expressRoute } of routes) {
    if (!table.has(expressRoute)) table.set(expressRoute, { expressRoute, pattern: routing.pathToRegexp(expressRoute, options), answers: new Map() });
  }
  return [...table.values()];
}

type RoutedRequest = Request & { openapi?: RouteAnswer & { pathParams: Record<string, string> } };

/**
 * The contract validator's routing step (`routing`: its path-parameter and metadata
 * middlewares), with its answer kept per route and method. The validator finds a request's
 * route by compiling and trying every route pattern in turn, on every request (about a
 * tenth of a request's CPU time here); this tries the same patterns, compiled once by the
 * same function, in the same order, and for a route and method the validator has answered
 * before, sets `req.openapi` and `req.params` as it does. Everything else (a route or
 * method seen for the first time, no route, a method the route does not have, a path
 * parameter that does not decode) goes to the validator itself, which answers as it always
 * does. The server's warm-up routes every operation once, so that clients' requests take
 * the short way from the first.
 */
export function memoizedRouting(
  document: OpenApiObject,
  routing: RequestHandler,
  options: { sensitive: boolean; strict: boolean },
): RequestHandler {
  const routes = routeTable(document, validatorRouting(), options);
  const byExpressRoute = new Map(routes.map((route) => [route.expressRoute, route]));

  const learn: RequestHandler = (req: RoutedRequest, res, next) =>
    routing(req, res, (error?: unknown) => {
      const answer = req.openapi;
      if (error === undefined && answer?.schema !== undefined) {
        const { expressRoute, openApiRoute, schema, serial } = answer;
        byExpressRoute.get(expressRoute)?.answers.set(req.method, { expressRoute, openApiRoute, schema, serial });
      }
      next(error);
    });

  return function memoizedRouting(req: RoutedRequest, res, next) {
    const url = req.originalUrl;
    const query = url.indexOf('?');
    const path = query < 0 ? url : url.slice(0, query);
    for (const route of routes) {
      const match = route.pattern.regexp.exec(path);
      if (match === null) continue;
      const answer = route.answers.get(req.method);
      if (answer === undefined) break;
      const pathParams: Record<string, string> = {};
      const { keys } = route.pattern;
      try {
        for (let i = 0; i < keys.length; i++) pathParams[keys[i]!.name] = decodeURIComponent(match[i + 1]!);
      } catch {
        break;
      }
      req.openapi = { expressRoute: answer.expressRoute, openApiRoute: answer.openApiRoute, pathParams, schema: answer.schema, serial: answer.serial };
      req.params = pathParams;
      return next();
    }
    return learn(req, res, next);
  };
}
