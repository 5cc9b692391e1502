import { brotliCompressSync, constants, deflateSync, gzipSync } from 'node:zlib';
import type { Request, RequestHandler, Response } from 'express';

/** Bodies below this many bytes are sent as they are: compressing them saves less than it costs. */
export const COMPRESS_THRESHOLD_BYTES = 1024;

const COMPRESSIBLE = /^(?:application\/(?:[\w.+-]*\+)?(?:json|yaml)|text\/)/i;

const ENCODERS: Readonly<Record<string, (body: Buffer) => Buffer>> = {
  gzip: (body) => gzipSync(body),
  // Brotli's default quality (11) is meant for static files; 4 is as quick as gzip.
  br: (body) => brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } }),
  deflate: (body) => deflateSync(body),
};

function bodyOf(chunk: unknown, encoding: unknown): Buffer | undefined {
  if (typeof chunk === 'string') return Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
  return Buffer.isBuffer(chunk) ? chunk : undefined;
}

/** The body compressed as the request accepts it, or undefined when it is to be sent as it is. */
function compressed(req: Request, res: Response, body: Buffer): { encoding: string; body: Buffer } | undefined {
  if (body.length < COMPRESS_THRESHOLD_BYTES || res.headersSent || res.hasHeader('Content-Encoding')) return undefined;
  if (!COMPRESSIBLE.test(String(res.getHeader('Content-Type') ?? ''))) return undefined;
  if (/no-transform/i.test(String(res.getHeader('Cache-Control') ?? ''))) return undefined;
  const encoding = req.acceptsEncodings('br', 'gzip', 'deflate', 'identity');
  const encode = typeof encoding === 'string' ? ENCODERS[encoding] : undefined;
  return encode && { encoding: encoding as string, body: encode(body) };
}

/**
 * Compresses (gzip, br or deflate, as `Accept-Encoding` asks) the body of a GET answer that
 * is given whole to `res.end`, as every JSON answer is, in one synchronous call when it is
 * sent. A zlib stream per response, as the `compression` middleware makes, cost about ten
 * times more CPU for a list page of 25 clips (1 ms against 0.1). Requests that accept no
 * encoding are not hooked at all; `Vary: Accept-Encoding` is among every response's headers.
 */
export const compressBody: RequestHandler = (req, res, next) => {
  if (req.method !== 'GET' || !req.headers['accept-encoding']) return next();
  const end = res.end;
  res.end = function compressedEnd(this: Response, chunk?: unknown, encoding?: unknown, callback?: unknown) {
    res.end = end;
    const body = typeof chunk === 'function' ? undefined : bodyOf(chunk, encoding);
    const encoded = body && compressed(req, res, body);
    if (!encoded) return end.call(this, chunk as never, encoding as never, callback as never);
    res.setHeader('Content-Encoding', encoded.encoding);
    res.setHeader('Content-Length', encoded.body.length);
    const done = typeof encoding === 'function' ? encoding : callback;
    return end.call(this, encoded.body, undefined as never, done as never);
  } as Response['end'];
  next();
};
