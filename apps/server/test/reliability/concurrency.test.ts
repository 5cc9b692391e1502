/**
 * Concurrency: counters, ratings and conditional writes stay exact when many requests race
 * over many keep-alive connections. Sizes: GAMECLIPS_CONCURRENCY_VIEWS (2000),
 * GAMECLIPS_CONCURRENCY_CONNECTIONS (64), GAMECLIPS_CONCURRENCY_RATERS (500),
 * GAMECLIPS_CONCURRENCY_UPDATES (32 writers per If-Match race).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { GameClip } from '@gameclips/types';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, type RunningServer } from '../../src/index.js';
import { apiHeaders, clipPath, etagVersion } from './support/api.js';
import { printFigures, sortedCounts } from './support/figures.js';
import { send, type HttpResult } from './support/http-client.js';
import { Prng, intFrom, seedFrom } from './support/prng.js';
import { serviceErrorProblems } from './support/service-error.js';

const VIEWS = intFrom('GAMECLIPS_CONCURRENCY_VIEWS', 2000);
const CONNECTIONS = intFrom('GAMECLIPS_CONCURRENCY_CONNECTIONS', 64);
const RATERS = intFrom('GAMECLIPS_CONCURRENCY_RATERS', 500);
const UPDATERS = intFrom('GAMECLIPS_CONCURRENCY_UPDATES', 32);
const IF_MATCH_ROUNDS = 5;
const SEED = seedFrom('GAMECLIPS_CONCURRENCY_SEED', 0xc0ffee);

let dir: string;
let dbFile: string;
let server: RunningServer;
let agent: Agent;
let owner: string;
const prng = new Prng(SEED);

/** Distinct sockets used, and the most open at once. */
const sockets = { seen: new WeakSet<Socket>(), distinct: 0, open: 0, maxOpen: 0 };
function track(socket: Socket): void {
  if (sockets.seen.has(socket)) return;
  sockets.seen.add(socket);
  sockets.distinct++;
  sockets.maxOpen = Math.max(sockets.maxOpen, ++sockets.open);
  socket.once('close', () => sockets.open--);
}

function call(method: string, path: string, authorization: string, extra: Record<string, string> = {}, body?: string): Promise<HttpResult> {
  return send(server.url, { method, path, headers: apiHeaders(authorization, extra), ...(body === undefined ? {} : { body }) }, { agent, onSocket: track });
}

async function readClip(id: string, authorization = owner): Promise<{ clip: GameClip; etag: string }> {
  const res = await call('GET', clipPath('me', server.demo.scid, id), authorization);
  expect(res.status, res.text).toBe(200);
  return { clip: (JSON.parse(res.text) as { gameClip: GameClip }).gameClip, etag: String(res.headers.etag) };
}

function count(statuses: number[]): Record<string, number> {
  const counts = new Map<number, number>();
  for (const s of statuses) counts.set(s, (counts.get(s) ?? 0) + 1);
  return sortedCounts(counts);
}

function xuidOf(i: number): string {
  return String(2_600_000_000_000_000 + i);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gameclips-concurrency-'));
  dbFile = join(dir, 'clips.sqlite');
  server = await startServer({ db: dbFile, seed: 'demo', tokenSecret: randomBytes(32).toString('hex') });
  agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  owner = await server.mintToken({ xuid: server.demo.ownerXuid, scid: server.demo.scid });
});

afterAll(async () => {
  agent?.destroy();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('concurrency', () => {
  test(`${VIEWS} view calls over ${CONNECTIONS} keep-alive connections add exactly ${VIEWS}`, async () => {
    const { demo } = server;
    const viewers = await Promise.all(
      [demo.ownerXuid, demo.otherXuid, xuidOf(900_001), xuidOf(900_002)].map((xuid) => server.mintToken({ xuid, scid: demo.scid })),
    );
    const before = await readClip(demo.clips.public);
    const path = clipPath(`xuid(${demo.ownerXuid})`, demo.scid, demo.clips.public, '/views');
    const results = await Promise.all(Array.from({ length: VIEWS }, (_, i) => call('POST', path, viewers[i % viewers.length]!)));
    const after = await readClip(demo.clips.public);

    const versions = results.filter((r) => r.status === 200).map((r) => etagVersion(r.headers.etag as string));
    printFigures('concurrency: views', {
      'view calls': VIEWS,
      'connections (max open, distinct)': `${sockets.maxOpen}, ${sockets.distinct}`,
      'statuses': JSON.stringify(count(results.map((r) => r.status))),
      'views before -> after': `${before.clip.views} -> ${after.clip.views} (+${after.clip.views - before.clip.views})`,
      'distinct ETag versions': new Set(versions).size,
    });
    expect(count(results.map((r) => r.status))).toEqual({ 200: VIEWS });
    expect(after.clip.views - before.clip.views).toBe(VIEWS);
    // Views are not metadata: every one answered the ETag the clip had before and after.
    expect(new Set(versions)).toEqual(new Set([etagVersion(before.etag)]));
    expect(after.etag).toBe(before.etag);
    expect(sockets.maxOpen).toBeLessThanOrEqual(CONNECTIONS);
    expect(sockets.maxOpen).toBeGreaterThan(1);
  });

  test(`${RATERS} distinct raters rating at once: ratingCount +${RATERS} and the exact mean`, async () => {
    const { demo } = server;
    const clip = demo.clips.fresh;
    const path = (value: number) => clipPath(`xuid(${demo.ownerXuid})`, demo.scid, clip, `/ratings/${value}`);
    const tokens = await Promise.all(Array.from({ length: RATERS }, (_, i) => server.mintToken({ xuid: xuidOf(i), scid: demo.scid })));
    const before = await readClip(clip);
    const baseSum = before.clip.rating * before.clip.ratingCount;

    const first = tokens.map(() => prng.int(1, 5));
    const wave1 = await Promise.all(tokens.map((t, i) => call('POST', path(first[i]!), t)));
    const mid = await readClip(clip);

    // A second wave: a fifth of the raters change their rating at once. Replacing a rating
    // keeps the count and moves the mean.
    const changers = Math.max(1, Math.floor(RATERS / 5));
    const second = first.map((v, i) => (i < changers ? (v % 5) + 1 : v));
    const wave2 = await Promise.all(tokens.slice(0, changers).map((t, i) => call('POST', path(second[i]!), t)));
    const after = await readClip(clip);

    const sum1 = first.reduce((a, b) => a + b, 0);
    const sum2 = second.reduce((a, b) => a + b, 0);
    const expected1 = (baseSum + sum1) / (before.clip.ratingCount + RATERS);
    const expected2 = (baseSum + sum2) / (before.clip.ratingCount + RATERS);
    printFigures('concurrency: ratings', {
      raters: RATERS,
      'wave 1 statuses': JSON.stringify(count(wave1.map((r) => r.status))),
      'ratingCount before -> after wave 1': `${before.clip.ratingCount} -> ${mid.clip.ratingCount}`,
      'mean after wave 1 (expected)': `${mid.clip.rating} (${expected1})`,
      're-raters in wave 2': changers,
      'wave 2 statuses': JSON.stringify(count(wave2.map((r) => r.status))),
      'ratingCount / mean after wave 2 (expected)': `${after.clip.ratingCount} / ${after.clip.rating} (${before.clip.ratingCount + RATERS} / ${expected2})`,
    });
    expect(count(wave1.map((r) => r.status))).toEqual({ 200: RATERS });
    expect(mid.clip.ratingCount).toBe(before.clip.ratingCount + RATERS);
    expect(mid.clip.rating).toBe(expected1);
    expect(count(wave2.map((r) => r.status))).toEqual({ 200: changers });
    expect(after.clip.ratingCount).toBe(before.clip.ratingCount + RATERS);
    expect(after.clip.rating).toBe(expected2);
  });

  test('the same rater rating twice at once counts once, with one of the two values', async () => {
    const { demo } = server;
    const clip = demo.clips.othersPublic;
    const raters = 50;
    const path = (value: number) => clipPath(`xuid(${demo.otherXuid})`, demo.scid, clip, `/ratings/${value}`);
    const tokens = await Promise.all(Array.from({ length: raters }, (_, i) => server.mintToken({ xuid: xuidOf(10_000 + i), scid: demo.scid })));
    const before = await readClip(clip, await server.mintToken({ xuid: demo.otherXuid, scid: demo.scid }));
    const pairs = tokens.map(() => [prng.int(1, 5), prng.int(1, 5)] as const);
    const results = await Promise.all(tokens.flatMap((t, i) => pairs[i]!.map((v) => call('POST', path(v), t))));
    const after = await readClip(clip, await server.mintToken({ xuid: demo.otherXuid, scid: demo.scid }));

    const db = new Database(dbFile, { readonly: true });
    const rows = db
      .prepare<[string], { rater_xuid: string; value: number }>('SELECT rater_xuid, value FROM ratings WHERE game_clip_id = ?')
      .all(clip);
    db.close();
    const byRater = new Map(rows.map((r) => [r.rater_xuid, r.value]));
    printFigures('concurrency: duplicate raters', {
      'raters x concurrent ratings': `${raters} x 2`,
      statuses: JSON.stringify(count(results.map((r) => r.status))),
      'ratingCount before -> after': `${before.clip.ratingCount} -> ${after.clip.ratingCount}`,
    });
    expect(count(results.map((r) => r.status))).toEqual({ 200: 2 * raters });
    expect(after.clip.ratingCount).toBe(before.clip.ratingCount + raters);
    for (let i = 0; i < raters; i++) expect(pairs[i]).toContain(byRater.get(xuidOf(10_000 + i)));
    const baseSum = before.clip.rating * before.clip.ratingCount;
    const sum = tokens.reduce((acc, _, i) => acc + byRater.get(xuidOf(10_000 + i))!, 0);
    expect(after.clip.rating).toBeCloseTo((baseSum + sum) / after.clip.ratingCount, 12);
  });

  test(`${UPDATERS} caption updates with the same If-Match: exactly one 200, the rest 412 (${IF_MATCH_ROUNDS} rounds)`, async () => {
    const { demo } = server;
    const path = clipPath('me', demo.scid, demo.clips.ownerOnly);
    const perRound: string[] = [];
    for (let round = 0; round < IF_MATCH_ROUNDS; round++) {
      const before = await readClip(demo.clips.ownerOnly);
      const captions = Array.from({ length: UPDATERS }, (_, i) => `round ${round} writer ${i}`);
      const results = await Promise.all(
        captions.map((userCaption) =>
          call('POST', path, owner, { 'Content-Type': 'application/json', 'If-Match': before.etag }, JSON.stringify({ userCaption })),
        ),
      );
      const after = await readClip(demo.clips.ownerOnly);
      const statuses = count(results.map((r) => r.status));
      perRound.push(JSON.stringify(statuses));
      expect(statuses).toEqual({ 200: 1, 412: UPDATERS - 1 });
      const winner = results.findIndex((r) => r.status === 200);
      expect(after.clip.userCaption).toBe(captions[winner]);
      expect(etagVersion(after.etag)).toBe(etagVersion(before.etag) + 1);
      expect(results[winner]!.headers.etag).toBe(after.etag);
      for (const r of results.filter((x) => x.status === 412)) {
        expect(serviceErrorProblems(r)).toEqual([]);
        expect(JSON.parse(r.text).errorCode).toBe(4120);
      }
    }

    // Conditional views at once: views leave the ETag (the owner's metadata), so all pass.
    const before = await readClip(demo.clips.fresh);
    const views = await Promise.all(
      Array.from({ length: UPDATERS }, () => call('POST', clipPath('me', demo.scid, demo.clips.fresh, '/views'), owner, { 'If-Match': before.etag })),
    );
    const after = await readClip(demo.clips.fresh);
    printFigures('concurrency: If-Match races', {
      'writers per round': UPDATERS,
      'caption update statuses per round': perRound.join(' '),
      'conditional view statuses': JSON.stringify(count(views.map((r) => r.status))),
      'views before -> after': `${before.clip.views} -> ${after.clip.views}`,
    });
    expect(count(views.map((r) => r.status))).toEqual({ 200: UPDATERS });
    expect(after.clip.views).toBe(before.clip.views + UPDATERS);
    expect(after.etag).toBe(before.etag);
  });
});
