import type { RequestHandler } from 'express';
import type { Socket } from 'node:net';

/**
 * The most requests one connection may have waiting for their answers (HTTP/1.1 pipelining).
 * A client that reads its answers stays far below it, however deep it pipelines; each waiting
 * answer costs a few kilobytes (large bodies such as /docs are shared buffers).
 */
export const MAX_PIPELINED_REQUESTS = 128;

/** The most response bytes one connection may leave unread before it is cut. */
export const MAX_UNREAD_OUTPUT_BYTES = 8 * 1024 * 1024;

const pending = new WeakMap<Socket, number>();

/**
 * Bounds what one connection can make the server hold: Node parses every request of a
 * pipelined burst and queues each answer until the ones before it are sent, so a client that
 * sends many requests and never reads would grow the server without bound. A connection
 * with more than MAX_PIPELINED_REQUESTS unanswered requests, or more than
 * MAX_UNREAD_OUTPUT_BYTES of output it has not read, is closed.
 */
export const pipelineLimit: RequestHandler = (req, res, next) => {
  const socket = req.socket;
  const waiting = (pending.get(socket) ?? 0) + 1;
  if (waiting > MAX_PIPELINED_REQUESTS || socket.writableLength > MAX_UNREAD_OUTPUT_BYTES) {
    socket.destroy();
    return;
  }
  pending.set(socket, waiting);
  res.once('close', () => pending.set(socket, (pending.get(socket) ?? 1) - 1));
  next();
};
