import { once } from 'node:events';
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compressBody, COMPRESS_THRESHOLD_BYTES } from './compress-body.js';

const large = { items: Array.from({ length: 100 }, (_, n) => ({ n, caption: `clip number ${n}` })) };
const small = { ok: true };

let server: Server;
let base: string;

beforeAll(async () => {
  const app = express();
  app.use(compressBody);
  app.get('/large', (_req, res) => void res.json(large));
  app.post('/large', (_req, res) => void res.json(large));
  app.get('/small', (_req, res) => void res.json(small));
  app.get('/no-transform', (_req, res) => void res.setHeader('Cache-Control', 'no-transform').json(large));
  app.get('/binary', (_req, res) => void res.type('video/mp4').send(Buffer.alloc(4096)));
  server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => server.close());

function get(path: string, headers: Record<string, string>, method = 'GET') {
  return new Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    const req = request(`${base}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('compressBody', () => {
  it.each([
    ['gzip', gunzipSync],
    ['br', brotliDecompressSync],
    ['deflate', inflateSync],
  ] as const)('compresses a JSON body of %s, with its length', async (encoding, decode) => {
    const res = await get('/large', { 'Accept-Encoding': encoding });
    expect(res.headers['content-encoding']).toBe(encoding);
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(JSON.parse(decode(res.body).toString())).toEqual(large);
  });

  it('takes the encoding the client prefers', async () => {
    expect((await get('/large', { 'Accept-Encoding': 'br;q=0.5, gzip' })).headers['content-encoding']).toBe('gzip');
  });

  it.each([
    ['no Accept-Encoding', '/large', {}],
    ['only identity', '/large', { 'Accept-Encoding': 'identity' }],
    ['gzip refused', '/large', { 'Accept-Encoding': 'gzip;q=0' }],
    [`a body under ${COMPRESS_THRESHOLD_BYTES} bytes`, '/small', { 'Accept-Encoding': 'gzip' }],
    ['Cache-Control: no-transform', '/no-transform', { 'Accept-Encoding': 'gzip' }],
    ['a type that does not compress', '/binary', { 'Accept-Encoding': 'gzip' }],
  ])('sends the body as it is with %s', async (_name, path, headers: Record<string, string>) => {
    const res = await get(path, headers);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
  });

  // Only GET answers are compressed: a POST's body goes as it is (a HEAD's has no body to test).
  it('leaves answers to other methods than GET alone', async () => {
    const res = await get('/large', { 'Accept-Encoding': 'gzip' }, 'POST');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(JSON.stringify(large)));
  });
});
