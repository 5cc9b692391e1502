import { once } from 'node:events';
import type { Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import express, { type ErrorRequestHandler } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uploadBody, withBytes } from './upload-body.js';

/** The buffer behind each body the handler saw, in order. */
const seen: ArrayBufferLike[] = [];
/** Errors the body reader passed on. */
const errors: { type?: string; status?: number }[] = [];
/** Holds a request named `held` in its handler until released. */
let release: () => void = () => undefined;

let server: Server;
let base: string;

beforeAll(async () => {
  const app = express();
  app.put('/uploads/:name', uploadBody, async (req, res) => {
    const echo = await withBytes(req, async (bytes) => {
      seen.push(bytes.buffer);
      if (req.params.name === 'held') await new Promise<void>((resolve) => (release = resolve));
      return Buffer.from(bytes);
    });
    res.type('application/octet-stream').send(echo);
  });
  app.use(((error, _req, res, _next) => {
    errors.push(error);
    res.status(error.status ?? 500).end();
  }) satisfies ErrorRequestHandler);
  server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => server.close());

async function put(name: string, body: RequestInit['body'], headers: Record<string, string> = {}): Promise<Buffer> {
  const res = await fetch(`${base}/uploads/${name}`, { method: 'PUT', body, headers, duplex: 'half' } as RequestInit);
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

describe('uploadBody', () => {
  it('reads a block of known length as sent, into the buffer the previous block used once that one is done', async () => {
    const first = randomBytes(2 * 1024 * 1024);
    const second = randomBytes(1000);
    expect((await put('a', first)).equals(first)).toBe(true);
    expect((await put('b', second)).equals(second)).toBe(true);
    expect(seen.at(-1) === seen.at(-2)).toBe(true); // not toBe: a failure would print two 2 MiB buffers
  });

  it('gives a block that arrives while another is in use a buffer of its own', async () => {
    const held = randomBytes(5000);
    const other = randomBytes(7000);
    const count = seen.length;
    const answer = put('held', held);
    await expect.poll(() => seen.length).toBeGreaterThan(count);
    expect((await put('other', other)).equals(other)).toBe(true);
    expect(seen.at(-1) === seen.at(-2)).toBe(false);
    release();
    expect((await answer).equals(held)).toBe(true);
  });

  it('reads a chunked body and a gzip body as Express does', async () => {
    const bytes = randomBytes(100_000);
    const chunked = new ReadableStream({
      start(controller) {
        controller.enqueue(bytes.subarray(0, 50_000));
        controller.enqueue(bytes.subarray(50_000));
        controller.close();
      },
    });
    expect((await put('chunked', chunked)).equals(bytes)).toBe(true);
    expect((await put('gzip', gzipSync(bytes), { 'Content-Encoding': 'gzip' })).equals(bytes)).toBe(true);
  });

  it('passes a body cut short on as an aborted request, and its buffer serves the next block', async () => {
    const socket = connect((server.address() as AddressInfo).port, '127.0.0.1');
    await once(socket, 'connect');
    const arrived = once(server, 'request');
    socket.write('PUT /uploads/cut HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1000\r\n\r\n0123456789');
    await arrived;
    const before = seen.length;
    socket.destroy();
    await expect.poll(() => errors.at(-1)?.type).toBe('request.aborted');
    expect(seen.length).toBe(before);
    const bytes = randomBytes(3000);
    expect((await put('after', bytes)).equals(bytes)).toBe(true);
  });
});
