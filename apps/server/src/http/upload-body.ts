import express, { type Request, type RequestHandler } from 'express';
import { MAX_BLOCK_BYTES } from '../domain/upload-service.js';

/** The paths whose bodies are bytes (blocks, thumbnails) rather than JSON: the contract's upload routes. */
const UPLOAD_PATH = /^\/uploads\//;

/** Whether a request goes to an upload route; known from the path alone, before routing. */
function isUploadPath(path: string): boolean {
  return UPLOAD_PATH.test(path);
}

/** The largest body a request to `path` may carry: 2 MiB on the upload routes, `jsonLimitBytes` elsewhere. */
export function bodyLimitFor(path: string, jsonLimitBytes: number): number {
  return isUploadPath(path) ? MAX_BLOCK_BYTES : jsonLimitBytes;
}

/**
 * How many 2 MiB body buffers are kept for the next uploads once their request is done (at
 * most 8 MiB). Without them every block would allocate 2 MiB that only the garbage collector
 * gives back, as Node's own body reader does.
 */
const SPARE_BUFFERS = 4;
const spare: Buffer[] = [];

function giveBack(buffer: Buffer): void {
  if (spare.length < SPARE_BUFFERS) spare.push(buffer);
}

/** The buffer behind each request's body, while its handler runs. */
const lent = new WeakMap<Request, Buffer>();

/** Any other body of an upload route (chunked, compressed, empty): read and concatenated by Express. */
const anyBody: RequestHandler = express.raw({ limit: MAX_BLOCK_BYTES, type: () => true });

/** The length a body declares, when it is read as sent: a plain `Content-Length` of 1 byte to 2 MiB and no `Content-Encoding`. */
function plainLength(req: Request): number | undefined {
  const value = req.headers['content-length'];
  const encoding = req.headers['content-encoding'];
  if (value === undefined || !/^\s*\d+\s*$/.test(value) || (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity')) return undefined;
  const length = Number(value);
  return length > 0 && length <= MAX_BLOCK_BYTES ? length : undefined;
}

/** The error of a request whose client went away before its body was whole; the error handler answers it as a 400. */
function abortedError(): Error {
  return Object.assign(new Error('The request was aborted before its body was complete'), { status: 400, type: 'request.aborted' });
}

/**
 * Reads the body of an upload route as bytes, whatever its media type (the contract
 * validator then refuses a type the operation does not take with 415). A body over 2 MiB is
 * refused with 413: before it is read when `Content-Length` says so (see requestLimits), as
 * soon as it passes the limit otherwise. A body of known length, not compressed (every block
 * the client sends), is copied as it arrives into a reused 2 MiB buffer, given back by
 * `withBytes`: so an upload allocates no new buffer per block beyond what Node's HTTP parser
 * hands over.
 */
export const uploadBody: RequestHandler = (req, res, next) => {
  const length = plainLength(req);
  if (length === undefined) return anyBody(req, res, next);
  const buffer = spare.pop() ?? Buffer.allocUnsafeSlow(MAX_BLOCK_BYTES);
  let received = 0;
  const onData = (chunk: Buffer) => {
    // Node's parser ends the body at Content-Length; the check only keeps the copy in bounds.
    if (received + chunk.length <= length) chunk.copy(buffer, received);
    received += chunk.length;
  };
  const finish = (error?: Error) => {
    req.off('data', onData).off('end', onEnd).off('aborted', onAborted).off('close', onAborted).off('error', finish);
    if (error) {
      giveBack(buffer);
      next(error);
      return;
    }
    req.body = buffer.subarray(0, received);
    lent.set(req, buffer);
    next();
  };
  const onEnd = () => finish(received === length ? undefined : abortedError());
  const onAborted = () => finish(abortedError());
  // A request cut off (by its client or by the server's request timeout) closes without ending.
  req.on('data', onData).on('end', onEnd).on('aborted', onAborted).on('close', onAborted).on('error', finish);
};

/** The body read by uploadBody: empty when the request had none. */
function bytesOf(req: Request): Uint8Array {
  return Buffer.isBuffer(req.body) ? req.body : new Uint8Array(0);
}

/**
 * Runs `use` with the body of an upload request, then gives its buffer back for the next
 * request: `use` must be done with the bytes when its promise settles (the stores copy them
 * into the database before that).
 */
export async function withBytes<T>(req: Request, use: (bytes: Uint8Array) => Promise<T>): Promise<T> {
  try {
    return await use(bytesOf(req));
  } finally {
    const buffer = lent.get(req);
    if (buffer) {
      lent.delete(req);
      req.body = undefined;
      giveBack(buffer);
    }
  }
}
