import type { FuzzContext } from './hostile-requests.js';
import type { Prng } from './prng.js';

/** A request malformed at the HTTP level, sent as raw bytes on its own connection. */
export interface RawHostileRequest {
  label: string;
  bytes: Buffer;
}

const CRLF = '\r\n';

/**
 * Raw requests `node:http` would refuse to send. None carries X-RequestedServiceVersion, so
 * even one the HTTP parser accepts is invalid for the API. Each ends its headers (and body)
 * and asks for `Connection: close`, so the server never waits for more bytes.
 */
export function rawHostileRequest(prng: Prng, ctx: FuzzContext): RawHostileRequest {
  const path = `/users/me/scids/${ctx.scid}/clips/${prng.pick(ctx.ownClips)}/views`;
  const auth = `Authorization: Xauth=${ctx.ownerToken}`;
  const head = (requestLine: string, headers: string[]) => Buffer.from([requestLine, ...headers, 'Connection: close', '', ''].join(CRLF), 'latin1');
  const cases: Array<[string, () => Buffer]> = [
    ['unknown method', () => head(`${prng.pick(['FOO', 'GETT', 'get', 'P0ST', 'BREW', 'PRI'])} ${path} HTTP/1.1`, ['Host: x', auth])],
    ['space in path', () => head(`POST /users/me x/${path} HTTP/1.1`, ['Host: x', auth])],
    ['control byte in path', () => head(`POST ${path}${prng.pick(['\x01', '\x7f', '\x00', '\x1b[31m'])} HTTP/1.1`, ['Host: x', auth])],
    ['raw non-ASCII bytes in path', () => head(`POST /users/${prng.pick(['\xff\xfe', '\xc3\x28', '\xe9'])}/scids HTTP/1.1`, ['Host: x', auth])],
    ['no leading slash', () => head(`POST users/me/scids HTTP/1.1`, ['Host: x', auth])],
    ['absolute-form target', () => head(`POST http://evil.example${path} HTTP/1.1`, ['Host: x', auth])],
    ['bad HTTP version', () => head(`POST ${path} ${prng.pick(['HTTP/1.2', 'HTTP/2.0', 'HTTP/0.9', 'HTTX/1.1', 'HTTP/1.1 extra', 'HTTP/11'])}`, ['Host: x', auth])],
    ['missing Host', () => head(`POST ${path} HTTP/1.1`, [auth])],
    ['header without colon', () => head(`POST ${path} HTTP/1.1`, ['Host: x', auth, 'X-No-Colon'])],
    ['space in header name', () => head(`POST ${path} HTTP/1.1`, ['Host: x', auth, 'X Bad: 1'])],
    ['space before colon', () => head(`POST ${path} HTTP/1.1`, ['Host: x', 'Authorization : x'])],
    ['NUL in header value', () => head(`POST ${path} HTTP/1.1`, ['Host: x', auth, 'X-A: a\x00b'])],
    ['obs-fold header', () => head(`POST ${path} HTTP/1.1`, ['Host: x', auth, 'X-A: a', ' folded'])],
    ['bare LF line ends', () => Buffer.from(`POST ${path} HTTP/1.1\nHost: x\n${auth}\nConnection: close\n\n`, 'latin1')],
    ['invalid UTF-8 header value', () => head(`POST ${path} HTTP/1.1`, ['Host: x', auth, 'X-A: \xff\xfe\xc3\x28'])],
    ['Content-Length and Transfer-Encoding', () => Buffer.concat([head(`POST ${path} HTTP/1.1`, ['Host: x', auth, 'Content-Type: application/json', 'Content-Length: 2', 'Transfer-Encoding: chunked']), Buffer.from('2\r\n{}\r\n0\r\n\r\n')])],
    ['two Content-Length values', () => Buffer.concat([head(`POST ${path} HTTP/1.1`, ['Host: x', auth, 'Content-Length: 2', 'Content-Length: 3']), Buffer.from('{}')])],
    ['bad Content-Length', () => head(`POST ${path} HTTP/1.1`, ['Host: x', auth, `Content-Length: ${prng.pick(['-1', 'abc', '1e3', '0x10', '2 2', '99999999999999999999999'])}`])],
    ['bad chunk size', () => Buffer.concat([head(`POST ${path} HTTP/1.1`, ['Host: x', auth, 'Transfer-Encoding: chunked']), Buffer.from('zz\r\n{}\r\n0\r\n\r\n')])],
    ['unknown transfer coding', () => Buffer.concat([head(`POST ${path} HTTP/1.1`, ['Host: x', auth, `Transfer-Encoding: ${prng.pick(['xchunked', 'chunked, identity', 'identity', 'gzip'])}`]), Buffer.from('0\r\n\r\n')])],
    ['header block over 16 KiB', () => head(`POST ${path} HTTP/1.1`, ['Host: x', auth, `X-Big: ${'a'.repeat(prng.int(16_500, 40_000))}`])],
    ['request target over 16 KiB', () => head(`GET /users/${'a'.repeat(prng.int(16_500, 40_000))} HTTP/1.1`, ['Host: x'])],
    ['1500 headers', () => head(`POST ${path} HTTP/1.1`, ['Host: x', auth, ...Array.from({ length: 1500 }, (_, i) => `a${i}: 1`)])],
    ['If-Match after 2100 header lines', () => Buffer.concat([head(`POST ${path.slice(0, -'/views'.length)} HTTP/1.1`, ['Host: x', auth, 'X-RequestedServiceVersion: 1', 'Content-Type: application/json', 'Content-Length: 19', ...Array.from({ length: 2100 }, () => 'a:1'), 'If-Match: "stale"']), Buffer.from('{"userCaption":"x"}')])],
    ['Content-Length far over the limit', () => Buffer.concat([head(`POST ${path.slice(0, -'/views'.length)} HTTP/1.1`, ['Host: x', auth, 'X-RequestedServiceVersion: 1', 'Content-Type: application/json', `Content-Length: ${prng.pick(['65537', '1000000', '1000000000', '9007199254740991'])}`]), Buffer.from('{"userCaption":')])],
    ['two Authorization headers', () => head(`POST ${path} HTTP/1.1`, ['Host: x', auth, `Authorization: Xauth=${ctx.otherToken}`, 'X-RequestedServiceVersion: 1'])],
    ['pipelined junk after a request', () => Buffer.from(`GET ${path.slice(0, -'/views'.length)} HTTP/1.1${CRLF}Host: x${CRLF}${auth}${CRLF}${CRLF}\x00\x01\x02 GARBAGE${CRLF}${CRLF}`, 'latin1')],
    ['TLS hello on the HTTP port', () => Buffer.from([0x16, 0x03, 0x01, 0x00, 0xa5, 0x01, 0x00, 0x00, 0xa1, 0x03, 0x03, ...Array.from({ length: 32 }, () => prng.int(0, 255))])],
    ['HTTP/2 preface', () => Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n')],
  ];
  const [label, build] = prng.pick(cases);
  return { label, bytes: build() };
}
