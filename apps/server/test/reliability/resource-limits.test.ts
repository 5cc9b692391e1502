/**
 * Resource limits: request bodies over 64 KiB (413, however sent), header blocks over 16 KiB
 * (431), slow clients (headers or body a byte a second: cut off by headersTimeout and
 * requestTimeout, set small here so the test stays short), idle and long-lived keep-alive
 * connections, and resident memory of `gameclips-server serve` over a sustained load.
 * No assertion is on a duration: only on what the server did (status, closed or not, bytes).
 *
 * Settings: GAMECLIPS_MEMORY_REQUESTS (20000), GAMECLIPS_MEMORY_CONCURRENCY (32).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { demo, mintToken, startServer, type RunningServer } from '../../src/index.js';
import { apiHeaders, clipPath } from './support/api.js';
import { childSecret, killAllChildren, startChild, stopChild } from './support/child-server.js';
import { printFigures, sortedCounts } from './support/figures.js';
import { parseRawResponse, send, sendRaw, type HttpRequest } from './support/http-client.js';
import { runPool } from './support/pool.js';
import { intFrom } from './support/prng.js';
import { serviceErrorProblems } from './support/service-error.js';
import { holdOpen, trickle } from './support/slow-client.js';

const HEADERS_TIMEOUT_MS = 1_000;
const REQUEST_TIMEOUT_MS = 2_000;
const BODY_LIMIT = 64 * 1024;
const MEMORY_REQUESTS = intFrom('GAMECLIPS_MEMORY_REQUESTS', 20_000);
const MEMORY_CONCURRENCY = intFrom('GAMECLIPS_MEMORY_CONCURRENCY', 32);

const errorLogs: string[] = [];
let server: RunningServer;
let owner: string;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gameclips-limits-'));
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (JSON.parse(chunk.toString()).level >= 50) errorLogs.push(chunk.toString());
      done();
    },
  });
  server = await startServer({
    seed: 'demo',
    tokenSecret: randomBytes(32).toString('hex'),
    headersTimeoutMs: HEADERS_TIMEOUT_MS,
    requestTimeoutMs: REQUEST_TIMEOUT_MS,
    logger: pino({ level: 'info' }, sink),
  });
  owner = await server.mintToken({ xuid: demo.ownerXuid, scid: demo.scid });
});

afterAll(async () => {
  killAllChildren();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const updatePath = () => clipPath('me', demo.scid, demo.clips.fresh);
const requestHead = (method: string, path: string, headers: Record<string, string | number>) =>
  `${method} ${path} HTTP/1.1\r\nHost: localhost\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;

/** A JSON update body of exactly `bytes` bytes. */
function bodyOf(bytes: number): string {
  const shell = JSON.stringify({ titleData: '' });
  return JSON.stringify({ titleData: 'x'.repeat(bytes - shell.length) });
}

async function healthy(): Promise<boolean> {
  return (await send(server.url, { path: '/healthz' })).status === 200;
}

describe('resource limits', () => {
  test('request bodies over 64 KiB are refused with 413 however they are sent; nothing is buffered without bound', async () => {
    const json = apiHeaders(owner, { 'Content-Type': 'application/json' });
    const bomb = gzipSync(Buffer.alloc(10 * 1024 * 1024, 0x20));
    const cases: Array<[string, HttpRequest]> = [
      [`exactly ${BODY_LIMIT} bytes`, { method: 'POST', path: updatePath(), headers: json, body: bodyOf(BODY_LIMIT) }],
      [`${BODY_LIMIT + 1} bytes`, { method: 'POST', path: updatePath(), headers: json, body: bodyOf(BODY_LIMIT + 1) }],
      ['1 MiB, chunked (no Content-Length)', { method: 'POST', path: updatePath(), headers: { ...json, 'Transfer-Encoding': 'chunked' }, body: bodyOf(1024 * 1024) }],
      [`gzip bomb (${bomb.length} bytes inflating to 10 MiB)`, { method: 'POST', path: updatePath(), headers: { ...json, 'Content-Encoding': 'gzip' }, body: bomb }],
      ['Content-Encoding: compress', { method: 'POST', path: updatePath(), headers: { ...json, 'Content-Encoding': 'compress' }, body: '{}' }],
    ];
    const figures: Record<string, string> = {};
    const results: Record<string, number> = {};
    for (const [name, req] of cases) {
      const res = await send(server.url, req);
      expect(serviceErrorProblems(res), name).toEqual([]);
      results[name] = res.status;
      figures[name] = `${res.status} ${res.text}`;
    }
    // Declares 100 MB and sends a few bytes: the body parser waits for the rest (to answer a
    // client that is still sending), and requestTimeout ends the wait.
    const declared = await sendRaw(server.url, `${requestHead('POST', updatePath(), { ...(json as Record<string, string>), 'Content-Length': 100_000_000 })}{"titleData":"`, 20_000);
    figures['Content-Length 100 MB, 14 bytes sent'] = `${declared.status ?? 'no response'}, closed by server: ${declared.closedByServer}`;
    printFigures('resource limits: request bodies', figures);

    expect(results[`exactly ${BODY_LIMIT} bytes`]).toBe(400); // within the limit: refused by the schema (titleData too long), not 413
    expect(results[`${BODY_LIMIT + 1} bytes`]).toBe(413);
    expect(results['1 MiB, chunked (no Content-Length)']).toBe(413);
    expect(results[`gzip bomb (${bomb.length} bytes inflating to 10 MiB)`]).toBe(413);
    expect(results['Content-Encoding: compress']).toBe(415);
    expect(declared.closedByServer).toBe(true);
    expect([408, 413, undefined]).toContain(declared.status);
    expect(await healthy()).toBe(true);
  });

  test('a header block over 16 KiB gets 431 (a ServiceErrorResponse) and the connection is closed; under it, the request is served', async () => {
    const path = clipPath('me', demo.scid, demo.clips.public);
    const under = await sendRaw(server.url, requestHead('GET', path, { ...(apiHeaders(owner) as Record<string, string>), 'X-Pad': 'p'.repeat(15_000), Connection: 'close' }));
    const over = await sendRaw(server.url, requestHead('GET', path, { ...(apiHeaders(owner) as Record<string, string>), 'X-Pad': 'p'.repeat(17 * 1024), Connection: 'close' }));
    printFigures('resource limits: header size (maxHeaderSize 16 KiB)', {
      '15,000-byte header': `${under.status}`,
      '17 KiB header': `${over.status} ${JSON.stringify(over.data.toString('latin1'))}`,
    });
    expect(under.status).toBe(200);
    expect(over.closedByServer).toBe(true);
    expect(over.status).toBe(431);
    expect(JSON.parse(parseRawResponse(over.data).body)).toEqual({ errorCode: 4310, errorMessage: 'The request headers are too large' });
    expect(await healthy()).toBe(true);
  });

  test(`a client sending its headers a byte a second is cut off (headersTimeout ${HEADERS_TIMEOUT_MS} ms)`, { timeout: 60_000 }, async () => {
    // A complete, valid request, if it were ever all sent: 20 bytes at one a second.
    const slow = await trickle(server.url, 'GET /healthz HTTP/1.1\r\nHost: localhost\r\n', 'X-Slow: 0123456\r\n\r\n');
    const idle = await holdOpen(server.url, undefined, 30_000);
    printFigures('resource limits: slow headers', {
      'header bytes sent before the cut': `${slow.sentBytes} of ${slow.totalBytes}`,
      'answer': JSON.stringify(slow.received),
      'connection that never sends a byte': `closed by server: ${idle.closedByServer}, answer ${JSON.stringify(idle.received)}`,
    });
    expect(slow.closedByServer).toBe(true);
    expect(slow.sentBytes).toBeLessThan(slow.totalBytes);
    const cut = parseRawResponse(Buffer.from(slow.received, 'latin1'));
    expect(cut.status).toBe(408);
    expect(JSON.parse(cut.body).errorCode).toBe(4080);
    expect(idle.closedByServer).toBe(true);
    expect(await healthy()).toBe(true);
  });

  test(`a client sending its body a byte a second is cut off (requestTimeout ${REQUEST_TIMEOUT_MS} ms) and nothing is written`, { timeout: 60_000 }, async () => {
    const read = async () => JSON.parse((await send(server.url, { path: updatePath(), headers: apiHeaders(owner) })).text).gameClip.userCaption as string;
    const before = await read();
    const body = JSON.stringify({ userCaption: 'slowly' });
    const head = requestHead('POST', updatePath(), { ...(apiHeaders(owner, { 'Content-Type': 'application/json' }) as Record<string, string>), 'Content-Length': body.length });
    const slow = await trickle(server.url, head, body);
    printFigures('resource limits: slow body', { 'body bytes sent before the cut': `${slow.sentBytes} of ${slow.totalBytes}`, answer: JSON.stringify(slow.received) });
    expect(slow.closedByServer).toBe(true);
    expect(slow.sentBytes).toBeLessThan(slow.totalBytes);
    expect(parseRawResponse(Buffer.from(slow.received, 'latin1')).status ?? 408).toBe(408);
    expect(await read()).toBe(before);
    expect(errorLogs).toEqual([]);
  });

  test('keep-alive: an idle connection is closed after keepAliveTimeout; after 10,000 requests the server says close and closes', { timeout: 120_000 }, async () => {
    // Runs while the pipelined requests below are sent.
    const idlePromise = holdOpen(server.url, 'GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n', 30_000);

    // 10,002 pipelined requests on one connection, in batches of 100 (the server closes a
    // connection with more than MAX_PIPELINED_REQUESTS unanswered requests).
    const limit = 10_000;
    const total = limit + 2;
    const url = new URL(server.url);
    const { connect } = await import('node:net');
    const socket = connect(Number(url.port), url.hostname);
    let received = '';
    let responseCount = 0;
    let closedByServer = false;
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.on('data', (chunk: Buffer) => {
      // Count status lines as they arrive (one may straddle two chunks).
      const text = chunk.toString('latin1');
      const seam = received.slice(-16) + text;
      responseCount += (seam.match(/HTTP\/1\.1 \d{3}/g) ?? []).length - (received.slice(-16).match(/HTTP\/1\.1 \d{3}/g) ?? []).length;
      received += text;
    });
    socket.on('end', () => {
      closedByServer = true;
      socket.end();
    });
    socket.on('error', () => (closedByServer = true));
    const one = 'GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n';
    for (let sent = 0; sent < total && !socket.destroyed; ) {
      const batch = Math.min(100, total - sent);
      socket.write(one.repeat(batch));
      sent += batch;
      for (let spins = 0; responseCount < sent && !socket.destroyed && spins < 2_000; spins++) await new Promise((r) => setTimeout(r, 5));
    }
    const timer = setTimeout(() => socket.destroy(), 20_000);
    await closed;
    clearTimeout(timer);
    const idle = await idlePromise;
    const keepAlive = /keep-alive: ([^\r\n]+)/i.exec(idle.received)?.[1];
    const responses = received.split(/(?=HTTP\/1\.1 \d{3} )/).filter((r) => r.startsWith('HTTP/1.1'));
    const statuses = responses.map((r) => Number(r.slice(9, 12)));
    const connectionOf = (r: string | undefined) => /\r\nconnection: ([^\r\n]+)/i.exec(r ?? '')?.[1];
    const after = new Map<number, number>();
    for (const s of statuses.slice(limit)) after.set(s, (after.get(s) ?? 0) + 1);
    printFigures('resource limits: keep-alive', {
      'idle keep-alive connection': `closed by server: ${idle.closedByServer} (Keep-Alive: ${keepAlive})`,
      'pipelined requests sent on one connection': total,
      'responses': responses.length,
      [`responses 1..${limit}`]: JSON.stringify(sortedCounts(new Map([...new Set(statuses.slice(0, limit))].map((s) => [s, statuses.slice(0, limit).filter((x) => x === s).length])))),
      [`Connection header of response ${limit - 1} / ${limit}`]: `${connectionOf(responses[limit - 2])} / ${connectionOf(responses[limit - 1])}`,
      [`requests past ${limit} (pipelined regardless of "close")`]: JSON.stringify(sortedCounts(after)),
      'connection closed by server': closedByServer,
    });
    expect(idle.closedByServer).toBe(true);
    expect(keepAlive).toMatch(/timeout=5/);
    expect(statuses.slice(0, limit).every((s) => s === 200)).toBe(true);
    expect(connectionOf(responses[limit - 2])).toBe('keep-alive');
    expect(connectionOf(responses[limit - 1])).toBe('close');
    expect(closedByServer).toBe(true);
    expect(await healthy()).toBe(true);
  });

  test(`resident memory of gameclips-server serve stays flat over ${MEMORY_REQUESTS} requests`, { timeout: 600_000 }, async () => {
    const child = await startChild(['--db', join(dir, 'memory.sqlite'), '--seed', 'demo', '--log-level', 'info']);
    const secret = new TextEncoder().encode(childSecret);
    const ownerToken = await mintToken(secret, { xuid: demo.ownerXuid, scid: demo.scid });
    const otherToken = await mintToken(secret, { xuid: demo.otherXuid, scid: demo.scid });
    const agent = new Agent({ keepAlive: true, maxSockets: MEMORY_CONCURRENCY });
    const statuses = new Map<number, number>();
    const clip = (id: string, action = '') => clipPath(`xuid(${demo.ownerXuid})`, demo.scid, id, action);
    // A mix of reads, writes (views, ratings by ever new raters, updates) and refusals.
    const request = async (i: number): Promise<HttpRequest> => {
      switch (i % 8) {
        case 0: return { path: clip(demo.clips.public), headers: apiHeaders(ownerToken, { 'Accept-Encoding': 'gzip' }) };
        case 1: return { method: 'POST', path: clip(demo.clips.public, '/views'), headers: apiHeaders(otherToken) };
        case 2: return { method: 'POST', path: clip(demo.clips.fresh, `/ratings/${(i % 5) + 1}`), headers: apiHeaders(await mintToken(secret, { xuid: String(3_000_000_000 + i), scid: demo.scid })) };
        case 3: return { method: 'POST', path: clip(demo.clips.ownerOnly), headers: apiHeaders(ownerToken, { 'Content-Type': 'application/json' }), body: JSON.stringify({ userCaption: `caption ${i}`, titleData: 't'.repeat(i % 9000) }) };
        case 4: return { path: clip(demo.clips.public), headers: apiHeaders(`Xauth=${ownerToken.split(';')[1]}x`) };
        case 5: return { path: `/users/me/nowhere/${i}`, headers: apiHeaders(ownerToken) };
        case 6: return { method: 'POST', path: clip(demo.clips.ownerOnly), headers: apiHeaders(ownerToken, { 'Content-Type': 'application/json' }), body: `{"userCaption": ${i}` };
        default: return { path: clip(demo.clips.othersPublic).replace(demo.ownerXuid, demo.otherXuid), headers: apiHeaders(otherToken) };
      }
    };
    const load = (count: number, offset: number) =>
      runPool(count, MEMORY_CONCURRENCY, async (i) => {
        const res = await send(child.url, await request(offset + i), { agent });
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      });

    await load(2_000, 0); // warm-up: schemas compiled, caches and pools filled
    const rssWarm = child.rssBytes();
    const samples: number[] = [];
    const phases = 4;
    for (let p = 0; p < phases; p++) {
      await load(MEMORY_REQUESTS / phases, 2_000 + (p * MEMORY_REQUESTS) / phases);
      samples.push(child.rssBytes());
    }
    agent.destroy();
    const rssEnd = samples[samples.length - 1]!;
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
    printFigures(`resource limits: memory (${MEMORY_REQUESTS} requests after a 2,000 warm-up, concurrency ${MEMORY_CONCURRENCY})`, {
      'RSS after warm-up': mb(rssWarm),
      [`RSS after each ${MEMORY_REQUESTS / phases}`]: samples.map(mb).join(', '),
      'growth': `${mb(rssEnd - rssWarm)} (ratio ${(rssEnd / rssWarm).toFixed(2)})`,
      statuses: JSON.stringify(sortedCounts(statuses)),
    });
    expect(child.hasExited()).toBe(false);
    expect(statuses.get(500) ?? 0).toBe(0);
    expect(child.errorLines).toEqual([]);
    expect(rssEnd - rssWarm).toBeLessThan(100 * 1024 * 1024);
    expect((await stopChild(child)).code).toBe(0);
  });
});
