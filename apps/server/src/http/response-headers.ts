import type { RequestHandler } from 'express';
import { findOperation, supportedServiceVersions } from '../contract/contract.js';
import { ServiceError } from '../errors/service-error.js';
import { contextOf } from './request-context.js';

/** The headers every response carries, the service version that served it first. */
export const COMMON_HEADERS: Readonly<Record<string, string>> = {
  'X-RequestedServiceVersion': supportedServiceVersions[0]!,
  'Cache-Control': 'private, no-cache',
  Vary: 'Authorization, Accept, Accept-Encoding, X-RequestedServiceVersion',
};

/**
 * Sets the headers every response carries and notes which operation a request is for.
 * Clip data is per caller, so caches may keep it only privately and must revalidate.
 */
export const responseHeaders: RequestHandler = (req, res, next) => {
  for (const name in COMMON_HEADERS) res.setHeader(name, COMMON_HEADERS[name]!);
  if (req.httpVersionMinor >= 1 && req.headers.host === undefined) {
    throw new ServiceError('MalformedHttp', 'An HTTP/1.1 request needs a Host header');
  }
  const operation = findOperation(req.method, req.path);
  if (operation) contextOf(res).operation = operation;
  next();
};

/**
 * For requests to an operation: the service version must be given (400) and supported
 * (406), and `Accept` must allow JSON (406). Runs before routing and validation, as the
 * service checks the version before it routes a request.
 */
export const negotiate: RequestHandler = (req, res, next) => {
  if (!contextOf(res).operation) return next();
  const version = req.get('X-RequestedServiceVersion');
  if (version === undefined || version.trim() === '') throw new ServiceError('MissingServiceVersion');
  if (!supportedServiceVersions.includes(version.trim())) {
    throw new ServiceError(
      'UnsupportedServiceVersion',
      `Unsupported X-RequestedServiceVersion: ${version.slice(0, 32)} (supported: ${supportedServiceVersions.join(', ')})`,
    );
  }
  if (req.get('Accept') && !req.accepts('application/json')) throw new ServiceError('NotAcceptable');
  next();
};
