import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { contextOf } from './request-context.js';
import { routedOperation } from './routed-operation.js';

/**
 * One log line per request: method, path (no query string), status, time, operation and
 * error code. Headers are never logged, so neither are tokens.
 */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const context = contextOf(res);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const line = {
        method: req.method,
        path: req.path,
        status: res.statusCode,
        ms: Math.round(ms * 100) / 100,
        operationId: routedOperation(req)?.operationId,
        xuid: context.caller?.xuid,
        errorCode: context.error?.errorCode,
      };
      if (res.statusCode >= 500) logger.error(line, 'request failed');
      else logger.info(line, 'request');
    });
    next();
  };
}
