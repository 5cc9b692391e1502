import type { RequestHandler } from 'express';
import { ServiceError } from '../errors/service-error.js';

const CHARSET = /;\s*charset\s*=\s*(?:"([^"]*)"|([^;\s]*))/i;

/**
 * JSON bodies are UTF-8 (RFC 8259): a `charset` parameter other than `utf-8` (`utf-7`,
 * `utf-16`, `latin1`...) is refused with 415 before the body is decoded, as the body parser
 * would otherwise decode it in that charset.
 */
export const jsonCharset: RequestHandler = (req, _res, next) => {
  const contentType = req.get('Content-Type');
  const match = contentType ? CHARSET.exec(contentType) : null;
  if (match) {
    const charset = (match[1] ?? match[2] ?? '').toLowerCase();
    if (charset !== 'utf-8') {
      throw new ServiceError('UnsupportedMediaType', `Unsupported charset: ${JSON.stringify(charset.slice(0, 40))} (JSON bodies are utf-8)`);
    }
  }
  next();
};
