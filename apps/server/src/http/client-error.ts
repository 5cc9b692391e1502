import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { ServiceError } from '../errors/service-error.js';
import { COMMON_HEADERS } from './response-headers.js';

/**
 * Answers what Node's HTTP parser refuses before any route runs (malformed requests,
 * headers over the size limit, requests not received in time) with a ServiceErrorResponse,
 * as every other refusal, closes the connection, and logs it as a request (with the parser's
 * reason; no header is logged).
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex, logger?: Logger): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const refusal =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? new ServiceError('HeaderFieldsTooLarge')
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? new ServiceError('RequestTimeout')
        : new ServiceError('MalformedHttp');
  const body = JSON.stringify({ errorCode: refusal.errorCode, errorMessage: refusal.message });
  const headers = {
    ...COMMON_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
    Connection: 'close',
  };
  const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
  logger?.info({ status: refusal.status, errorCode: refusal.errorCode, reason: error.code }, 'request refused by the HTTP parser');
  socket.end(`HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status]}\r\n${head}\r\n${body}`);
}

/** The `clientError` listener of an HTTP server: answerClientError, logged to `logger`. */
export function clientErrorHandler(logger: Logger): (error: Error & { code?: string }, socket: Duplex) => void {
  return (error, socket) => answerClientError(error, socket, logger);
}
