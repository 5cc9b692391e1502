import { connect, type Socket } from 'node:net';

/** What a slow client saw. */
export interface TrickleResult {
  /** Bytes of `rest` written before the server closed the connection. */
  sentBytes: number;
  totalBytes: number;
  /** Everything the server wrote. */
  received: string;
  /** Whether the server closed (or reset) the connection. */
  closedByServer: boolean;
}

/**
 * Sends `head` at once, then `rest` one byte every `intervalMs`, until everything is sent or
 * the server closes the connection; after the last byte it waits `graceMs` for an answer.
 */
export function trickle(baseUrl: string, head: string, rest: string, intervalMs = 1_000, graceMs = 5_000): Promise<TrickleResult> {
  const url = new URL(baseUrl);
  return new Promise((resolve) => {
    const socket: Socket = connect(Number(url.port), url.hostname);
    let sentBytes = 0;
    let received = '';
    let closedByServer = false;
    let grace: NodeJS.Timeout | undefined;
    const timer = setInterval(() => {
      if (socket.destroyed) return;
      if (sentBytes < rest.length) socket.write(rest[sentBytes++]!);
      if (sentBytes === rest.length && !grace) grace = setTimeout(() => socket.destroy(), graceMs);
    }, intervalMs);
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
    socket.on('end', () => {
      closedByServer = true;
      socket.destroy();
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNRESET' || error.code === 'EPIPE') closedByServer = true;
    });
    socket.on('close', () => {
      clearInterval(timer);
      clearTimeout(grace);
      resolve({ sentBytes, totalBytes: rest.length, received, closedByServer });
    });
    socket.write(head);
  });
}

/** Opens a connection, sends `request` (if any) and waits until the server closes it or `waitMs` passes. */
export function holdOpen(baseUrl: string, request: string | undefined, waitMs: number): Promise<{ received: string; closedByServer: boolean }> {
  const url = new URL(baseUrl);
  return new Promise((resolve) => {
    const socket = connect(Number(url.port), url.hostname);
    let received = '';
    let closedByServer = false;
    const timer = setTimeout(() => socket.destroy(), waitMs);
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
    socket.on('end', () => {
      closedByServer = true;
      socket.destroy();
    });
    socket.on('error', () => {
      closedByServer = true;
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ received, closedByServer });
    });
    if (request) socket.write(request);
  });
}
