import { request, type Agent, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import { connect, type Socket } from 'node:net';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';

/** A response, with its body read and decoded from any Content-Encoding. */
export interface HttpResult {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text: string;
}

/** One request for `send`. Header values may be arrays to send a header several times. */
export interface HttpRequest {
  method?: string;
  path: string;
  headers?: OutgoingHttpHeaders;
  body?: string | Buffer;
}

function decode(body: Buffer, encoding: string | undefined): Buffer {
  if (body.length === 0 || !encoding || encoding === 'identity') return body;
  if (encoding === 'gzip') return gunzipSync(body);
  if (encoding === 'deflate') return inflateSync(body);
  if (encoding === 'br') return brotliDecompressSync(body);
  throw new Error(`Unexpected Content-Encoding ${encoding}`);
}

/** How `send` sends. */
export interface SendOptions {
  /** The agent (keep-alive pool) to use; a fresh connection per request without one. */
  agent?: Agent;
  /** Give up when no response has ended this long after sending (a safety net, not a measurement). */
  timeoutMs?: number;
  /** Called with the socket the request goes out on. */
  onSocket?: (socket: Socket) => void;
}

/**
 * Sends one request with `node:http` and reads the whole response. Rejects on a network
 * error, or when no response has ended `timeoutMs` after sending.
 */
export function send(baseUrl: string, req: HttpRequest, options: SendOptions = {}): Promise<HttpResult> {
  const { agent, timeoutMs = 30_000, onSocket } = options;
  const url = new URL(baseUrl);
  return new Promise<HttpResult>((resolve, reject) => {
    const headers: OutgoingHttpHeaders = { ...req.headers };
    const declared = Object.keys(headers).some((h) => /^(content-length|transfer-encoding)$/i.test(h));
    if (req.body !== undefined && !declared) {
      headers['Content-Length'] = Buffer.byteLength(req.body);
    }
    const client = request(
      { host: url.hostname, port: url.port, method: req.method ?? 'GET', path: req.path, headers, ...(agent ? { agent } : {}) },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          try {
            const body = decode(Buffer.concat(chunks), res.headers['content-encoding']);
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text: body.toString('utf8') });
          } catch (error) {
            reject(error);
          }
        });
      },
    );
    client.setTimeout(timeoutMs, () => client.destroy(new Error(`No response within ${timeoutMs} ms: ${req.method ?? 'GET'} ${req.path.slice(0, 120)}`)));
    client.on('error', reject);
    if (onSocket) client.on('socket', onSocket);
    client.end(req.body);
  });
}

/** What came back on a raw socket before it closed. */
export interface RawResult {
  /** Everything the server wrote. */
  data: Buffer;
  /** The status of the first response, or undefined when there was none. */
  status?: number;
  /** The first response's header block (lower-cased names). */
  headers: Record<string, string>;
  /** The first response's body (by Content-Length, else everything after the headers). */
  body: string;
  /** Whether the server closed (or reset) the connection before `timeoutMs`. */
  closedByServer: boolean;
}

/** Parses the first response of a raw byte stream. */
export function parseRawResponse(data: Buffer): Omit<RawResult, 'data' | 'closedByServer'> {
  const text = data.toString('latin1');
  const end = text.indexOf('\r\n\r\n');
  if (!text.startsWith('HTTP/') || end < 0) return { headers: {}, body: '' };
  const [statusLine, ...lines] = text.slice(0, end).split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const rest = data.subarray(Buffer.byteLength(text.slice(0, end + 4), 'latin1'));
  const length = headers['content-length'] === undefined ? rest.length : Number(headers['content-length']);
  return { status: Number(statusLine!.split(' ')[1]), headers, body: rest.subarray(0, length).toString('utf8') };
}

/**
 * Writes raw bytes to the server (for requests `node:http` refuses to send), half-closes
 * nothing, and waits until the server closes the connection or `timeoutMs` passes.
 */
export function sendRaw(baseUrl: string, bytes: Buffer | string, timeoutMs = 5_000): Promise<RawResult> {
  const url = new URL(baseUrl);
  return new Promise<RawResult>((resolve) => {
    const socket = connect(Number(url.port), url.hostname);
    const chunks: Buffer[] = [];
    let closedByServer = false;
    const timer = setTimeout(() => socket.destroy(), timeoutMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => {
      closedByServer = true;
      socket.end();
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNRESET' || error.code === 'EPIPE') closedByServer = true;
    });
    socket.on('close', () => {
      clearTimeout(timer);
      const data = Buffer.concat(chunks);
      resolve({ data, closedByServer, ...parseRawResponse(data) });
    });
    socket.write(bytes);
  });
}
