/**
 * Memory under pipelined requests that are never read: each socket sends many `GET /docs`
 * (a 2.5 MB page) in one burst and never reads a byte. Node parses every request of a burst
 * and queues every answer, so without a bound one connection could make the server hold
 * hundreds of megabytes. Measured as the resident memory of a `serve` child process; no
 * assertion is on a duration.
 *
 * Settings: GAMECLIPS_PIPELINE_SOCKETS (8), GAMECLIPS_PIPELINE_REQUESTS (200 per socket).
 */
import { connect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { killAllChildren, startChild, stopChild, type ChildServer } from './support/child-server.js';
import { printFigures } from './support/figures.js';
import { send } from './support/http-client.js';
import { intFrom } from './support/prng.js';

const SOCKETS = intFrom('GAMECLIPS_PIPELINE_SOCKETS', 8);
const REQUESTS = intFrom('GAMECLIPS_PIPELINE_REQUESTS', 200);
/** How much the server may grow while the sockets are open. */
const GROWTH_LIMIT_BYTES = 200 * 1024 * 1024;
const MB = 1024 * 1024;

let server: ChildServer;

beforeAll(async () => {
  server = await startChild(['--db', ':memory:', '--seed', 'demo']);
});

afterAll(async () => {
  if (server && !server.hasExited()) await stopChild(server);
  killAllChildren();
});

function burst(index: number): Buffer {
  const encoding = index % 2 === 0 ? 'Accept-Encoding: gzip\r\n' : '';
  return Buffer.from(`GET /docs HTTP/1.1\r\nHost: x\r\n${encoding}\r\n`.repeat(REQUESTS));
}

describe('pipelined requests that are never read do not grow the server without bound (finding 3)', () => {
  test(`${SOCKETS} sockets x ${REQUESTS} pipelined GET /docs, never read: RSS grows less than ${GROWTH_LIMIT_BYTES / MB} MB`, { timeout: 120_000 }, async () => {
    // Warm: the page is loaded once, as any first visitor would.
    expect((await send(server.url, { path: '/docs', headers: { 'Accept-Encoding': 'gzip' } })).status).toBe(200);
    expect((await send(server.url, { path: '/docs' })).status).toBe(200);
    const baseline = server.rssBytes();

    const { port, hostname } = new URL(server.url);
    const sockets: Socket[] = [];
    for (let i = 0; i < SOCKETS; i++) {
      const socket = connect(Number(port), hostname);
      socket.pause(); // never read
      socket.on('error', () => {});
      socket.write(burst(i));
      sockets.push(socket);
    }

    // Sample the server's memory while it works through the bursts (a paused socket does not
    // see the server close it, so the sampling runs its whole course).
    let peak = baseline;
    for (let sample = 0; sample < 40; sample++) {
      await sleep(100);
      peak = Math.max(peak, server.rssBytes());
    }
    const health = await send(server.url, { path: '/healthz' });
    peak = Math.max(peak, server.rssBytes());
    for (const socket of sockets) socket.destroy();

    printFigures('pipelined /docs, never read', {
      'sockets x requests': `${SOCKETS} x ${REQUESTS}`,
      'RSS before': `${Math.round(baseline / MB)} MB`,
      'RSS peak': `${Math.round(peak / MB)} MB`,
      growth: `${Math.round((peak - baseline) / MB)} MB`,
    });
    expect(health.status).toBe(200);
    expect(peak - baseline).toBeLessThan(GROWTH_LIMIT_BYTES);
    expect(server.hasExited()).toBe(false);
    expect(server.errorLines).toEqual([]);
  });
});
