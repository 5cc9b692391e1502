import type { RequestHandler } from 'express';
import { supportedServiceVersions } from '@gameclips/contract';
import { ServiceError } from '../errors/service-error.js';
import { routedOperation } from './routed-operation.js';

/** The headers every response carries, the service version that served it first. */
export const COMMON_HEADERS: Readonly<Record<string, string>> = {
  'X-RequestedServiceVersion': supportedServiceVersions[0]!,
  'Cache-Control': 'private, no-cache',
  Vary: 'Authorization, Accept, Accept-Encoding, X-RequestedServiceVersion',
};

/**
 * Sets the headers every response carries. Clip data is per caller, so caches may keep it
 * only privately and must revalidate.
 */
export const responseHeaders: RequestHandler = (req, res, next) => {
  for (const name in COMMON_HEADERS) res.setHeader(name, COMMON_HEADERS[name]!);
  if (req.httpVersionMinor >= 1 && req.headers.host === undefined) {
    throw new ServiceError('MalformedHttp', 'An HTTP/1.1 request needs a Host header');
  }
  next();
};

/**
 * For requests to an operation: the service version must be given (400) and supported
 * (406), and `Accept` must allow JSON (406). Runs right after routing, before the body is
 * read and validated, as the service checks the version before anything else of a request.
 */
export const negotiate: RequestHandler = (req, _res, next) => {
  if (!routedOperation(req)) return next();
  const version = req.get('X-RequestedServiceVersion');
  if (version === undefined || version.trim() === '') throw new ServiceError('MissingServiceVersion');
  if (!supportedServiceVersions.includes(version.trim())) {
    throw new ServiceError(
      'UnsupportedServiceVersion',
      `Unsupported X-RequestedServiceVersion: ${version.slice(0, 32)} (supported: ${supportedServiceVersions.join(', ')})`,
    );
  }
  const accept = req.headers.accept;
  // The usual values skip the full negotiation.
  if (accept && accept !== 'application/json' && accept !== '*/*' && !req.accepts('application/json')) throw new ServiceError('NotAcceptable');
  next();
};
