import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { ServiceError } from '../errors/service-error.js';
import { COMMON_HEADERS } from './response-headers.js';

/**
 * Answers what Node's HTTP parser refuses before any route runs (malformed requests,
 * headers over the size limit, requests not received in time) with a ServiceErrorResponse,
 * as every other refusal, and closes the connection.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
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
  socket.end(`HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status]}\r\n${head}\r\n${body}`);
}
