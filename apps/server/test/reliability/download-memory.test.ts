/**
 * Memory of downloads: a large clip (GAMECLIPS_DOWNLOAD_MB, 64 MB) is stored in blocks and
 * downloaded whole, by a client that reads as fast as it can and by one that stops reading;
 * the `serve` child process's resident memory must stay far below the clip's size, as a
 * download holds about one block at a time. Figures are printed; no assertion is on a duration.
 */
import { connect } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { demo, mintToken } from '../../src/index.js';
import { putBlock, reserved, untilPublished } from '../support/upload-client.js';
import { childSecret, killAllChildren, startChild, stopChild, type ChildServer } from './support/child-server.js';
import { printFigures } from './support/figures.js';
import { intFrom } from './support/prng.js';

const MB = 1024 * 1024;
const SIZE = intFrom('GAMECLIPS_DOWNLOAD_MB', 64) * MB;
/** How much the server may grow while it serves the download: a bound well below the clip's size. */
const GROWTH_LIMIT_BYTES = 48 * MB;

let dir: string;
let server: ChildServer;
let owner: string;
let uri: string;

/** Samples the child's RSS until `done` settles; the peak. */
async function peakWhile(done: Promise<unknown>): Promise<number> {
  let finished = false;
  void done.finally(() => (finished = true));
  let peak = server.rssBytes();
  while (!finished) {
    peak = Math.max(peak, server.rssBytes());
    await sleep(5);
  }
  return Math.max(peak, server.rssBytes());
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gameclips-download-memory-'));
  server = await startChild(['--db', join(dir, 'clips.sqlite'), '--seed', 'none', '--processing-delay', '0', '--quota-bytes', String(4 * SIZE)]);
  owner = await mintToken(new TextEncoder().encode(childSecret), { xuid: demo.ownerXuid, scid: demo.scid, titleId: demo.titleId });
  const beforeUpload = server.rssBytes();
  // The clip's bytes: a repeating pattern, so the test process itself holds one block, not the clip.
  const block = Buffer.alloc(2 * MB);
  for (let i = 0; i < block.length; i++) block[i] = (i * 31) & 0xff;
  const blocks = Array.from({ length: Math.ceil(SIZE / (2 * MB)) }, () => block);
  const reservation = await reserved(server.url, owner, demo.scid, { fileSize: SIZE, expectedBlocks: blocks.length });
  for (const [n, bytes] of blocks.entries()) expect((await putBlock(reservation.uploadUri, owner, n, bytes)).status).toBe(n === blocks.length - 1 ? 201 : 202);
  uri = (await untilPublished(server.url, owner, demo.scid, reservation.gameClipId)).gameClipUris[0]!.uri;
  printFigures('upload, one block at a time', { 'clip MB': SIZE / MB, 'RSS before MB': beforeUpload / MB, 'RSS after MB': server.rssBytes() / MB });
}, 300_000);

afterAll(async () => {
  if (server && !server.hasExited()) await stopChild(server);
  killAllChildren();
  rmSync(dir, { recursive: true, force: true });
});

describe(`downloading a ${SIZE / MB} MB clip keeps the server's memory flat`, () => {
  test(`a reader as fast as it can: RSS grows less than ${GROWTH_LIMIT_BYTES / MB} MB`, { timeout: 300_000 }, async () => {
    const baseline = server.rssBytes();
    let received = 0;
    const reading = (async () => {
      const response = await fetch(uri, { headers: { Authorization: owner, 'X-RequestedServiceVersion': '1' } });
      for await (const chunk of response.body!) received += (chunk as Uint8Array).byteLength;
    })();
    const peak = await peakWhile(reading);
    printFigures('download, fast reader', { 'clip MB': SIZE / MB, 'baseline RSS MB': baseline / MB, 'peak RSS MB': peak / MB, 'growth MB': (peak - baseline) / MB });
    expect(received).toBe(SIZE);
    expect(peak - baseline).toBeLessThan(GROWTH_LIMIT_BYTES);
  });

  test(`a reader that stops reading: RSS grows less than ${GROWTH_LIMIT_BYTES / MB} MB, and the rest arrives once it reads again`, { timeout: 300_000 }, async () => {
    const baseline = server.rssBytes();
    const { hostname, port, pathname } = new URL(uri);
    const socket = connect(Number(port), hostname);
    socket.write(`GET ${pathname} HTTP/1.1\r\nHost: ${hostname}\r\nAuthorization: ${owner}\r\nX-RequestedServiceVersion: 1\r\nConnection: close\r\n\r\n`);
    socket.pause();
    // While the client reads nothing, the server must wait on the socket, not read ahead.
    const peakPaused = await peakWhile(sleep(1000));
    let received = 0;
    const ended = new Promise<void>((resolve, reject) => {
      socket.on('data', (chunk: Buffer) => (received += chunk.length));
      socket.on('end', resolve);
      socket.on('error', reject);
    });
    socket.resume();
    const peak = Math.max(peakPaused, await peakWhile(ended));
    printFigures('download, reader that pauses', { 'clip MB': SIZE / MB, 'baseline RSS MB': baseline / MB, 'peak RSS MB': peak / MB, 'growth MB': (peak - baseline) / MB });
    expect(received).toBeGreaterThan(SIZE);
    expect(peak - baseline).toBeLessThan(GROWTH_LIMIT_BYTES);
  });
});
