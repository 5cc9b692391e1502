import type { RequestHandler } from 'express';

const ALLOW_HEADERS = 'Authorization, Content-Type, If-Match, If-Range, Range, X-RequestedServiceVersion, x-xbl-contract-version, MS-CV, Accept-Language, Cache-Control';
const EXPOSE_HEADERS = 'ETag, Retry-After, X-RequestedServiceVersion, Accept-Ranges, Content-Range, Content-Length';

/**
 * Lets web apps on any origin call the reference server: tokens travel in the
 * Authorization header, never in cookies, so any origin may be allowed. Answers preflight
 * requests itself with 204.
 */
export const cors: RequestHandler = (req, res, next) => {
  const origin = req.get('Origin');
  if (!origin) return next();
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Expose-Headers', EXPOSE_HEADERS);
  res.append('Vary', 'Origin');
  if (req.method === 'OPTIONS' && req.get('Access-Control-Request-Method')) {
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, DELETE');
    res.setHeader('Access-Control-Allow-Headers', ALLOW_HEADERS);
    res.setHeader('Access-Control-Max-Age', '600');
    res.status(204).end();
    return;
  }
  next();
};
