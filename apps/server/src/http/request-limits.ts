import type { RequestHandler } from 'express';
import { ServiceError } from '../errors/service-error.js';

/**
 * The most header lines a request may carry. Node keeps only the first 2000 lines
 * (`maxHeadersCount`) and drops the rest without a word, so an `If-Match` sent after them
 * would vanish and a conditional write become unconditional: past this count the request is
 * refused with 431 instead, well below Node's own cut.
 */
export const MAX_HEADER_LINES = 200;

/** How many `Authorization` lines a request has (`headersDistinct` would build an object of every header to tell). */
function authorizationLines(rawHeaders: readonly string[]): number {
  let count = 0;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!;
    if (name.length === 13 && name.toLowerCase() === 'authorization') count++;
  }
  return count;
}

/** The declared length of a body, when the header is a plain decimal number. */
function declaredLength(value: string | undefined): number | undefined {
  return value !== undefined && /^\s*\d+\s*$/.test(value) ? Number(value) : undefined;
}

/**
 * Refusals decided from the request head alone, before any body is read or any route runs:
 * too many header lines (431), more than one `Authorization` header (400: never "the first
 * one wins"), and a `Content-Length` over the body limit of the path (413 at once, and the
 * connection is closed rather than the body read to its end).
 */
export function requestLimits(bodyLimitOf: (path: string) => number): RequestHandler {
  return (req, _res, next) => {
    const lines = req.rawHeaders.length / 2;
    if (lines > MAX_HEADER_LINES) {
      throw new ServiceError('HeaderFieldsTooLarge', `The request has more than ${MAX_HEADER_LINES} header lines`, { headers: { Connection: 'close' } });
    }
    if (authorizationLines(req.rawHeaders) > 1) {
      throw new ServiceError('InvalidRequest', 'The request has more than one Authorization header: send exactly one');
    }
    const length = declaredLength(req.headers['content-length']);
    const bodyLimitBytes = length === undefined ? 0 : bodyLimitOf(req.path);
    if (length !== undefined && length > bodyLimitBytes) {
      throw new ServiceError('PayloadTooLarge', `The request body is larger than ${bodyLimitBytes} bytes`, { headers: { Connection: 'close' } });
    }
    next();
  };
}
