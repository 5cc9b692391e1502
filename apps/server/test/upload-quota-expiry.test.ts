/**
 * The per-user quota (`quotaBytes`, 400 when a reservation would exceed it) and the expiry of
 * reservations never completed (`uploadTtlMs`): the clip and its blocks are removed, and
 * the space they held is free again. No assertion is on a duration: the expiry is awaited.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../src/index.js';
import { errorCodeOf, send } from './support/api-client.js';
import { putBlock, readClip, reserve, reserved, uploadWhole, fileBytes } from './support/upload-client.js';

const QUOTA = 1000;

let dir: string;
let server: RunningServer;
let owner: string;
let other: string;
let scid: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gameclips-quota-'));
  server = await startServer({ db: join(dir, 'clips.sqlite'), seed: 'demo', quotaBytes: QUOTA, uploadTtlMs: 1000, processingDelayMs: 0 });
  scid = server.demo.scid;
  owner = await server.mintToken({ xuid: server.demo.ownerXuid, scid, titleId: server.demo.titleId });
  other = await server.mintToken({ xuid: server.demo.otherXuid, scid, titleId: server.demo.titleId });
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function clipCount(): Promise<number> {
  return server.store.countClips();
}

async function blockCount(gameClipId: string): Promise<number> {
  return (await server.store.uploads.blocks({ scid, gameClipId }, 'clip')).length;
}

/** Waits until the owner no longer sees the clip (the expiry sweep removed it). */
async function untilGone(gameClipId: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (!(await readClip(server.url, owner, scid, gameClipId))) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`clip ${gameClipId} did not expire`);
}

describe('the quota', () => {
  it('refuses with 400 4009 a reservation that would exceed it, creating nothing; a delete frees the space', async () => {
    const kept = await uploadWhole(server.url, owner, scid, fileBytes(600), 600);
    const before = await clipCount();
    const over = await reserve(server.url, owner, scid, { fileSize: QUOTA - 600 + 1 });
    expect([over.status, errorCodeOf(over)]).toEqual([400, 4009]);
    expect(await clipCount()).toBe(before);
    // Another user has a quota of their own.
    expect((await reserve(server.url, other, scid, { fileSize: QUOTA })).status).toBe(200);
    const deleted = await send(`${server.url}/users/me/scids/${scid}/clips/${kept.gameClipId}`, { method: 'DELETE', headers: { Authorization: owner, 'X-RequestedServiceVersion': '1' } });
    expect(deleted.status).toBe(204);
    const fits = await reserve(server.url, owner, scid, { fileSize: QUOTA });
    expect(fits.status).toBe(200);
    await untilGone(fits.json.gameClipId);
  });

  it('lets exactly as many parallel reservations through as fit', async () => {
    const responses = await Promise.all(Array.from({ length: 8 }, () => reserve(server.url, owner, scid, { fileSize: 300 })));
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 400, 400, 400, 400, 400]);
    for (const r of responses.filter((r) => r.status === 200)) await untilGone(r.json.gameClipId);
  });
});

describe('reservations never completed', () => {
  it('expire with their blocks: the clip is gone, a later block is 404, and the space is free again', async () => {
    const reservation = await reserved(server.url, owner, scid, { fileSize: QUOTA, expectedBlocks: 2 });
    expect((await putBlock(reservation.uploadUri, owner, 0, Buffer.alloc(500))).status).toBe(202);
    expect(await blockCount(reservation.gameClipId)).toBe(1);
    await untilGone(reservation.gameClipId);
    expect(await server.store.getClip({ scid, gameClipId: reservation.gameClipId })).toBeUndefined();
    expect(await blockCount(reservation.gameClipId)).toBe(0);
    const late = await putBlock(reservation.uploadUri, owner, 1, Buffer.alloc(500));
    expect([late.status, errorCodeOf(late)]).toEqual([404, 4042]);
    const again = await reserve(server.url, owner, scid, { fileSize: QUOTA });
    expect(again.status).toBe(200);
    await untilGone(again.json.gameClipId);
  });

  it('do not touch a completed upload', async () => {
    const clip = await uploadWhole(server.url, owner, scid, fileBytes(100), 100);
    // Once another reservation made after it has expired, the completed clip is still there.
    const later = await reserved(server.url, owner, scid, { fileSize: 10 });
    await untilGone(later.gameClipId);
    expect((await readClip(server.url, owner, scid, clip.gameClipId))?.state).toBe('Published');
    await send(`${server.url}/users/me/scids/${scid}/clips/${clip.gameClipId}`, { method: 'DELETE', headers: { Authorization: owner, 'X-RequestedServiceVersion': '1' } });
  });
});
