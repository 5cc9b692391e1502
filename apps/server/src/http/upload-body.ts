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
 * Reads the body of an upload route as bytes, whatever its media type (the contract
 * validator then refuses a type the operation does not take with 415). A body over 2 MiB is
 * refused with 413: before it is read when `Content-Length` says so (see requestLimits), as
 * soon as it passes the limit otherwise.
 */
export const uploadBody: RequestHandler = express.raw({ limit: MAX_BLOCK_BYTES, type: () => true });

/** The body read by uploadBody: empty when the request had none. */
export function bytesOf(req: Request): Uint8Array {
  return Buffer.isBuffer(req.body) ? req.body : new Uint8Array(0);
}
