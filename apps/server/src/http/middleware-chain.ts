import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * Runs middlewares one after the other as one Express layer: each step's `next()` calls the
 * following one, `next(error)` or a throw (or a rejected promise) goes to Express's error
 * path. The server's own steps are chained this way rather than as one `app.use` each, which
 * would make the router match and wrap every step of every request.
 */
export function chain(...steps: RequestHandler[]): RequestHandler {
  return function chained(req: Request, res: Response, done: NextFunction) {
    let index = 0;
    const next: NextFunction = (error?: unknown) => {
      if (error !== undefined && error !== null && error !== 'route' && error !== 'router') return done(error);
      const step = steps[index++];
      if (step === undefined) return done();
      try {
        const result = step(req, res, next) as unknown;
        if (result instanceof Promise) result.catch(done);
      } catch (error) {
        done(error);
      }
    };
    next();
  };
}
