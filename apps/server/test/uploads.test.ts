/**
 * Uploads and downloads over real HTTP on a real SQLite file (rule 14): reservations, blocks in
 * any order, the one block that completes a file, every refused input leaving the database as
 * it was, delete removing the bytes, and who may download what (the quota and the expiry of
 * abandoned reservations are in upload-quota-expiry.test.ts).
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../src/index.js';
import { errorCodeOf, send } from './support/api-client.js';
import { sendRaw } from './reliability/support/http-client.js';
import { blocksOf, download, fileBytes, putBlock, putBlocks, readClip, reserve, reserved, untilPublished, uploadWhole } from './support/upload-client.js';

const MiB = 1024 * 1024;
const PUBLIC_URL = 'https://clips.example.test/base';

let dir: string;
let server: RunningServer;
let dbFile: string;
let owner: string;
let other: string;
let otherTitle: string;
let noTitle: string;
let scid: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gameclips-uploads-'));
  dbFile = join(dir, 'clips.sqlite');
  server = await startServer({ db: dbFile, seed: 'demo', tokenSecret: 'uploads-test-secret-0123456789abcdef0123', processingDelayMs: 10 });
  const { demo } = server;
  scid = demo.scid;
  owner = await server.mintToken({ xuid: demo.ownerXuid, scid, titleId: demo.titleId });
  other = await server.mintToken({ xuid: demo.otherXuid, scid: '11111111-2222-4333-8444-555555555555', titleId: demo.titleId });
  otherTitle = await server.mintToken({ xuid: demo.otherXuid, scid, titleId: demo.titleId + 1 });
  noTitle = await server.mintToken({ xuid: demo.ownerXuid, scid });
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every row of the clips and the blocks (each block's bytes as a digest), to compare before and after a request. */
function snapshot(): { clips: unknown[]; blocks: unknown[] } {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    return {
      clips: db.prepare('SELECT * FROM clips ORDER BY scid, game_clip_id').all(),
      blocks: db
        .prepare<[], Record<string, unknown> & { bytes: Buffer }>('SELECT * FROM clip_blocks ORDER BY scid, game_clip_id, part, block_num')
        .all()
        .map(({ bytes, ...row }) => ({ ...row, sha256: createHash('sha256').update(bytes).digest('hex') })),
    };
  } finally {
    db.close();
  }
}

/** Sends a request that must be refused, and checks status, error code and that the database did not change. */
async function refused(request: () => Promise<{ status: number; json?: unknown; text?: string }>, status: number, errorCode: number): Promise<void> {
  const before = snapshot();
  const response = await request();
  expect([response.status, errorCodeOf(response as never)], response.text).toEqual([status, errorCode]);
  expect(snapshot()).toEqual(before);
}

function blockRows(gameClipId: string): unknown[] {
  return (snapshot().blocks as Array<{ game_clip_id: string }>).filter((row) => row.game_clip_id === gameClipId);
}

describe('reserving an upload', () => {
  it('answers a new PendingUpload clip of the caller with absolute URIs, a new id on every call', async () => {
    const body = { fileSize: 2500, expectedBlocks: 3, userCaption: 'first', visibility: 'Public' as const };
    const [a, b] = [await reserved(server.url, owner, scid, body), await reserved(server.url, owner, scid, body)];
    expect(a.gameClipId).not.toBe(b.gameClipId);
    expect(a).toEqual({ gameClipId: a.gameClipId, uploadUri: `${server.url}/uploads/${scid}/${a.gameClipId}` });
    const clip = await readClip(server.url, owner, scid, a.gameClipId);
    expect(clip).toMatchObject({ state: 'PendingUpload', userCaption: 'first', xuid: server.demo.ownerXuid, titleId: server.demo.titleId, gameClipUris: [] });
  });

  it('gives thumbnail URIs when the uploader sends the thumbnails', async () => {
    const reservation = await reserved(server.url, owner, scid, { fileSize: 10, thumbnailSource: 'Upload' });
    expect(reservation.largeThumbnailUri).toBe(`${reservation.uploadUri}/thumbnails/large`);
    expect(reservation.smallThumbnailUri).toBe(`${reservation.uploadUri}/thumbnails/small`);
  });

  it('hides the pending clip from everyone but its owner', async () => {
    const { gameClipId } = await reserved(server.url, owner, scid, { fileSize: 10, visibility: 'Public' });
    const sameScid = await server.mintToken({ xuid: server.demo.otherXuid, scid, titleId: server.demo.titleId });
    const response = await send(`${server.url}/users/xuid(${server.demo.ownerXuid})/scids/${scid}/clips/${gameClipId}`, {
      headers: { Authorization: sameScid, 'X-RequestedServiceVersion': '1' },
    });
    expect([response.status, errorCodeOf(response)]).toEqual([404, 4040]);
  });

  it('refuses, creating nothing: another owner, another scid, no titleId claim, sizes that blocks cannot hold, a bad body', async () => {
    await refused(() => reserve(server.url, owner, scid, { fileSize: 10 }, `xuid(${server.demo.otherXuid})`), 403, 8377);
    await refused(() => reserve(server.url, owner, '11111111-2222-4333-8444-555555555555', { fileSize: 10 }), 403, 4030);
    await refused(() => reserve(server.url, noTitle, scid, { fileSize: 10 }), 403, 4031);
    await refused(() => reserve(server.url, owner, scid, { fileSize: 3, expectedBlocks: 4 }), 400, 4000);
    await refused(() => reserve(server.url, owner, scid, { fileSize: 2 * MiB + 1 }), 400, 4000);
    await refused(() => reserve(server.url, owner, scid, { fileSize: 0 }), 400, 4000);
    await refused(() => reserve(server.url, owner, scid, { expectedBlocks: 1 }), 400, 4000);
    await refused(() => reserve(server.url, owner, scid, { fileSize: 10, visibility: 'None' as never }), 400, 4000);
    await refused(() => reserve(server.url, owner, scid, { fileSize: 10, unknown: 1 } as never), 400, 4000);
    await refused(() => reserve(server.url, owner, scid, '{"fileSize":"10"'), 400, 4002);
    await refused(() => reserve(server.url, owner, scid, '{"fileSize":10,"userCaption":"\\ud800"}'), 400, 4000);
  });
});

describe('sending the blocks', () => {
  it('takes blocks in any order: 202 until the last, 201 for the one that completes the file; the clip is then Processing, then Published with its Download URI', async () => {
    const bytes = fileBytes(2600);
    const blocks = blocksOf(bytes, 1000);
    const reservation = await reserved(server.url, owner, scid, { fileSize: bytes.length, expectedBlocks: blocks.length });
    expect(await putBlocks(reservation.uploadUri, owner, blocks, [2, 0])).toEqual([202, 202]);
    const last = await putBlock(reservation.uploadUri, owner, 1, blocks[1]!);
    expect([last.status, last.text]).toEqual([201, '']);
    const state = (await readClip(server.url, owner, scid, reservation.gameClipId))!.state;
    expect(['Processing', 'Published']).toContain(state);
    const clip = await untilPublished(server.url, owner, scid, reservation.gameClipId);
    expect(clip.gameClipUris).toEqual([{ uri: `${server.url}/downloads/${scid}/${reservation.gameClipId}`, fileSize: 2600, uriType: 'Download', expiration: expect.any(String) }]);
    expect((await download(clip.gameClipUris[0]!.uri, owner)).bytes.equals(bytes)).toBe(true);
  });

  it('takes a one-block file without blockNum, and a block of exactly 2 MiB', async () => {
    const bytes = fileBytes(2 * MiB, 3);
    const reservation = await reserved(server.url, owner, scid, { fileSize: bytes.length });
    expect((await putBlock(reservation.uploadUri, owner, undefined, bytes)).status).toBe(201);
    const clip = await untilPublished(server.url, owner, scid, reservation.gameClipId);
    expect((await download(clip.gameClipUris[0]!.uri, owner)).bytes.equals(bytes)).toBe(true);
  });

  it('replaces a block sent again before the file is complete', async () => {
    const bytes = fileBytes(200, 11);
    const reservation = await reserved(server.url, owner, scid, { fileSize: 200, expectedBlocks: 2 });
    expect((await putBlock(reservation.uploadUri, owner, 0, Buffer.alloc(100, 1))).status).toBe(202);
    expect((await putBlock(reservation.uploadUri, owner, 0, bytes.subarray(0, 100))).status).toBe(202);
    expect((await putBlock(reservation.uploadUri, owner, 1, bytes.subarray(100))).status).toBe(201);
    const clip = await untilPublished(server.url, owner, scid, reservation.gameClipId);
    expect((await download(clip.gameClipUris[0]!.uri, owner)).bytes.equals(bytes)).toBe(true);
  });

  it('answers exactly one 201 when the blocks, and copies of the last ones, arrive all at once', async () => {
    for (let round = 0; round < 5; round++) {
      const bytes = fileBytes(800, round + 1);
      const blocks = blocksOf(bytes, 100);
      const reservation = await reserved(server.url, owner, scid, { fileSize: 800, expectedBlocks: 8 });
      const sends = [...blocks.keys(), 6, 7, 7, 6].map((n) => putBlock(reservation.uploadUri, owner, n, blocks[n]!));
      const statuses = (await Promise.all(sends)).map((r) => r.status);
      expect(statuses.filter((s) => s === 201), String(statuses)).toHaveLength(1);
      expect(statuses.every((s) => s === 201 || s === 202 || s === 409), String(statuses)).toBe(true);
      const clip = await untilPublished(server.url, owner, scid, reservation.gameClipId);
      expect((await download(clip.gameClipUris[0]!.uri, owner)).bytes.equals(bytes)).toBe(true);
    }
  });

  it('refuses every bad block with its 4xx and changes nothing', async () => {
    const reservation = await reserved(server.url, owner, scid, { fileSize: 300, expectedBlocks: 3 });
    const uri = reservation.uploadUri;
    expect((await putBlock(uri, owner, 0, Buffer.alloc(100))).status).toBe(202);
    // blockNum out of range, missing, or not a plain integer
    await refused(() => putBlock(uri, owner, 3, Buffer.alloc(100)), 400, 4007);
    await refused(() => putBlock(uri, owner, undefined, Buffer.alloc(100)), 400, 4007);
    await refused(() => putBlock(uri, owner, '1e0', Buffer.alloc(100)), 400, 4007);
    await refused(() => putBlock(uri, owner, -1, Buffer.alloc(100)), 400, 4000);
    await refused(() => putBlock(uri, owner, 'one', Buffer.alloc(100)), 400, 4000);
    await refused(() => putBlock(uri, owner, 70000, Buffer.alloc(100)), 400, 4000);
    // too large (declared, and chunked without a length), empty, or of another media type
    await refused(() => oversized(`${uri}?blockNum=1`, owner, 'application/octet-stream', 'declared'), 413, 4130);
    await refused(() => oversized(`${uri}?blockNum=1`, owner, 'application/octet-stream', 'chunked'), 413, 4130);
    await refused(() => putBlock(uri, owner, 1, Buffer.alloc(0)), 400, 4000);
    await refused(() => putBlock(uri, owner, 1, Buffer.alloc(100), { 'Content-Type': 'application/json' }), 415, 4150);
    // sizes that cannot add up to fileSize: too much now, or a last block of the wrong size
    await refused(() => putBlock(uri, owner, 1, Buffer.alloc(200)), 400, 4008);
    expect((await putBlock(uri, owner, 1, Buffer.alloc(100))).status).toBe(202);
    await refused(() => putBlock(uri, owner, 2, Buffer.alloc(99)), 400, 4008);
    await refused(() => putBlock(uri, owner, 2, Buffer.alloc(101)), 400, 4008);
    // another user (who cannot see the pending clip), another scid, no token, an unknown reservation
    await refused(() => putBlock(uri, otherTitle, 2, Buffer.alloc(100)), 404, 4042);
    await refused(() => putBlock(uri, other, 2, Buffer.alloc(100)), 403, 4030);
    await refused(() => send(`${uri}?blockNum=2`, { method: 'PUT', headers: { 'X-RequestedServiceVersion': '1', 'Content-Type': 'application/octet-stream' }, body: Buffer.alloc(100) }), 401, 4010);
    await refused(() => putBlock(`${server.url}/uploads/${scid}/99999999-9999-4999-8999-999999999999`, owner, 0, Buffer.alloc(100)), 404, 4042);
    // a seeded clip has no upload to complete
    await refused(() => putBlock(`${server.url}/uploads/${scid}/${server.demo.clips.fresh}`, owner, 0, Buffer.alloc(100)), 409, 4090);
    // the good last block completes the file; then every PUT is 409, and another user's 403 once they can see it
    expect((await putBlock(uri, owner, 2, Buffer.alloc(100))).status).toBe(201);
    await untilPublished(server.url, owner, scid, reservation.gameClipId);
    await refused(() => putBlock(uri, owner, 2, Buffer.alloc(100)), 409, 4090);
    await refused(() => putBlock(uri, owner, 0, Buffer.alloc(100)), 409, 4090);
  });

  it("answers 403 to another user's PUT on a clip they can see", async () => {
    const clip = await uploadWhole(server.url, owner, scid, fileBytes(50), 50, { visibility: 'Public' });
    await refused(() => putBlock(`${server.url}/uploads/${scid}/${clip.gameClipId}`, otherTitle, 0, Buffer.alloc(50)), 403, 4032);
  });
});

/**
 * PUTs a body one byte over 2 MiB on a raw socket: `declared` says so in Content-Length and
 * sends only its first bytes (the answer must come before the body is read), `chunked` sends
 * it all without a length (the answer comes once the limit is passed).
 */
async function oversized(url: string, authorization: string, contentType: string, how: 'declared' | 'chunked') {
  const { pathname, search } = new URL(url);
  const head = `PUT ${pathname}${search} HTTP/1.1\r\nHost: x\r\nAuthorization: ${authorization}\r\nX-RequestedServiceVersion: 1\r\nContent-Type: ${contentType}\r\n`;
  const size = 2 * MiB + 1;
  const request =
    how === 'declared'
      ? `${head}Content-Length: ${size}\r\n\r\n${'x'.repeat(100)}`
      : Buffer.concat([Buffer.from(`${head}Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n${size.toString(16)}\r\n`), Buffer.alloc(size), Buffer.from('\r\n0\r\n\r\n')]);
  const result = await sendRaw(server.url, request, 10_000);
  return { status: result.status ?? 0, text: result.body, json: JSON.parse(result.body) as unknown };
}

describe('downloads', () => {
  const bytes = fileBytes(2500, 5);
  let uri: string;

  beforeAll(async () => {
    // Blocks of 1000, 1000 and 500 bytes: ranges across their edges are checked below.
    uri = (await uploadWhole(server.url, owner, scid, bytes, 1000, { visibility: 'Public' })).gameClipUris[0]!.uri;
  });

  it('answers the whole file with its length, type, ETag and Accept-Ranges', async () => {
    const whole = await download(uri, owner);
    expect(whole.status).toBe(200);
    expect(whole.bytes.equals(bytes)).toBe(true);
    expect(Object.fromEntries(['content-length', 'content-type', 'accept-ranges'].map((h) => [h, whole.headers.get(h)]))).toEqual({
      'content-length': '2500',
      'content-type': 'video/mp4',
      'accept-ranges': 'bytes',
    });
    expect(whole.headers.get('etag')).toMatch(/^"[^"]+"$/);
    expect(whole.headers.get('content-range')).toBeNull();
  });

  it.each([
    ['the first byte', 'bytes=0-0', 0, 0],
    ['the last byte', 'bytes=2499-2499', 2499, 2499],
    ['a suffix', 'bytes=-700', 1800, 2499],
    ['a suffix longer than the file', 'bytes=-9999', 0, 2499],
    ['an open end', 'bytes=1500-', 1500, 2499],
    ['an end past the file', 'bytes=2400-99999', 2400, 2499],
    ['across a block edge', 'bytes=990-1010', 990, 1010],
    ['across two block edges', 'bytes=999-2000', 999, 2000],
    ['one whole block', 'bytes=1000-1999', 1000, 1999],
  ])('answers 206 with %s (%s)', async (_name, range, first, last) => {
    const part = await download(uri, owner, { Range: range });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes ${first}-${last}/2500`);
    expect(part.headers.get('content-length')).toBe(String(last - first + 1));
    expect(part.bytes.equals(bytes.subarray(first, last + 1))).toBe(true);
  });

  it.each([
    ['a start past the end', 'bytes=2500-'],
    ['a zero-length suffix', 'bytes=-0'],
    ['a malformed range', 'bytes=abc'],
    ['another unit', 'items=0-1'],
    ['a reversed range', 'bytes=5-4'],
    ['several ranges', 'bytes=0-1,5-6'],
  ])('answers 416 with Content-Range bytes */SIZE to %s (%s)', async (_name, range) => {
    const response = await fetch(uri, { headers: { Authorization: owner, 'X-RequestedServiceVersion': '1', Range: range } });
    const text = await response.text();
    expect(response.status).toBe(416);
    expect(response.headers.get('content-range')).toBe('bytes */2500');
    expect(errorCodeOf({ status: 416, headers: response.headers, text, json: JSON.parse(text) })).toBe(4160);
  });

  it('keeps the range when If-Range is the current ETag, and sends the whole file otherwise', async () => {
    const etag = (await download(uri, owner)).headers.get('etag')!;
    expect((await download(uri, owner, { Range: 'bytes=0-9', 'If-Range': etag })).status).toBe(206);
    const stale = await download(uri, owner, { Range: 'bytes=0-9', 'If-Range': '"stale"' });
    expect([stale.status, stale.bytes.length]).toEqual([200, 2500]);
  });

  it('applies the read rule: anyone who may read the clip downloads it, from any scid; others get 404', async () => {
    expect((await download(uri, other)).status).toBe(200);
    expect((await download(uri, undefined)).status).toBe(401);
    const hidden = await uploadWhole(server.url, owner, scid, fileBytes(10), 10, { visibility: 'Owner' });
    const hiddenUri = hidden.gameClipUris[0]!.uri;
    expect((await download(hiddenUri, owner)).status).toBe(200);
    expect((await download(hiddenUri, other)).status).toBe(404);
    const titled = await uploadWhole(server.url, owner, scid, fileBytes(10), 10, { visibility: 'Title' });
    expect((await download(titled.gameClipUris[0]!.uri, other)).status).toBe(200);
    expect((await download(titled.gameClipUris[0]!.uri, otherTitle)).status).toBe(404);
  });

  it('answers 404 once the clip is flagged, but to its owner', async () => {
    const flagged = await uploadWhole(server.url, owner, scid, fileBytes(10), 10, { visibility: 'Public' });
    const flagger = await server.mintToken({ xuid: server.demo.otherXuid, scid, titleId: server.demo.titleId });
    const flag = await send(`${server.url}/users/xuid(${server.demo.ownerXuid})/scids/${scid}/clips/${flagged.gameClipId}/flag`, {
      method: 'POST',
      headers: { Authorization: flagger, 'X-RequestedServiceVersion': '1' },
    });
    expect(flag.status, flag.text).toBe(200);
    expect((await download(flagged.gameClipUris[0]!.uri, other)).status).toBe(404);
    expect((await download(flagged.gameClipUris[0]!.uri, owner)).status).toBe(200);
  });

  it('has no download before the clip is published, even for its owner', async () => {
    const reservation = await reserved(server.url, owner, scid, { fileSize: 10, expectedBlocks: 2 });
    await putBlock(reservation.uploadUri, owner, 0, Buffer.alloc(5));
    const response = await download(`${server.url}/downloads/${scid}/${reservation.gameClipId}`, owner);
    expect(response.status).toBe(404);
  });
});

describe('thumbnails', () => {
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), fileBytes(300)]);
  const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), fileBytes(200)]);

  function putImage(uri: string, authorization: string, body: Uint8Array, type: string) {
    return send(uri, { method: 'PUT', headers: { Authorization: authorization, 'X-RequestedServiceVersion': '1', 'Content-Type': type }, body });
  }

  it('lists an image PUT to a thumbnail URI in the clip, and serves it; a second one replaces it', async () => {
    const reservation = await reserved(server.url, owner, scid, { fileSize: 10, thumbnailSource: 'Upload', visibility: 'Public' });
    expect((await putImage(reservation.largeThumbnailUri!, owner, png, 'image/png')).status).toBe(201);
    expect((await putImage(reservation.smallThumbnailUri!, owner, jpeg, 'image/jpeg')).status).toBe(201);
    expect((await putBlock(reservation.uploadUri, owner, 0, Buffer.alloc(10))).status).toBe(201);
    const clip = await untilPublished(server.url, owner, scid, reservation.gameClipId);
    const base = `${server.url}/downloads/${scid}/${reservation.gameClipId}/thumbnails`;
    expect(clip.thumbnails).toEqual([
      { uri: `${base}/large`, fileSize: png.length, thumbnailType: 'Large' },
      { uri: `${base}/small`, fileSize: jpeg.length, thumbnailType: 'Small' },
    ]);
    const large = await download(`${base}/large`, other);
    expect([large.status, large.headers.get('content-type'), large.bytes.equals(png)]).toEqual([200, 'image/png', true]);
    const part = await download(`${base}/small`, other, { Range: 'bytes=0-2' });
    expect([part.status, part.headers.get('content-type'), [...part.bytes]]).toEqual([206, 'image/jpeg', [0xff, 0xd8, 0xff]]);
    expect((await putImage(reservation.largeThumbnailUri!, owner, jpeg, 'image/jpeg')).status).toBe(201);
    const replaced = await download(`${base}/large`, owner);
    expect([replaced.headers.get('content-type'), replaced.bytes.equals(jpeg)]).toEqual(['image/jpeg', true]);
    expect((await readClip(server.url, owner, scid, reservation.gameClipId))!.thumbnails[0]).toMatchObject({ fileSize: jpeg.length });
  });

  it('refuses, changing nothing: another media type, too large, another user, a clip not reserved for uploaded thumbnails', async () => {
    const reservation = await reserved(server.url, owner, scid, { fileSize: 10, thumbnailSource: 'Upload' });
    const uri = reservation.smallThumbnailUri!;
    await refused(() => putImage(uri, owner, png, 'image/gif'), 415, 4150);
    await refused(() => oversized(uri, owner, 'image/png', 'declared'), 413, 4130);
    await refused(() => oversized(uri, owner, 'image/png', 'chunked'), 413, 4130);
    await refused(() => putImage(uri, owner, Buffer.alloc(0), 'image/png'), 400, 4000);
    await refused(() => putImage(uri, otherTitle, png, 'image/png'), 404, 4042);
    const plain = await reserved(server.url, owner, scid, { fileSize: 10 });
    await refused(() => putImage(`${plain.uploadUri}/thumbnails/small`, owner, png, 'image/png'), 404, 4042);
    expect((await download(`${server.url}/downloads/${scid}/${plain.gameClipId}/thumbnails/small`, owner)).status).toBe(404);
  });
});

describe('deleting an uploaded clip', () => {
  it('removes its bytes with it', async () => {
    const clip = await uploadWhole(server.url, owner, scid, fileBytes(3000), 1000);
    expect(blockRows(clip.gameClipId)).toHaveLength(3);
    const deleted = await send(`${server.url}/users/me/scids/${scid}/clips/${clip.gameClipId}`, { method: 'DELETE', headers: { Authorization: owner, 'X-RequestedServiceVersion': '1' } });
    expect(deleted.status).toBe(204);
    expect(blockRows(clip.gameClipId)).toEqual([]);
    expect((await download(clip.gameClipUris[0]!.uri, owner)).status).toBe(404);
  });

  it('removes a pending upload and its blocks too', async () => {
    const reservation = await reserved(server.url, owner, scid, { fileSize: 20, expectedBlocks: 2 });
    await putBlock(reservation.uploadUri, owner, 0, Buffer.alloc(10));
    const deleted = await send(`${server.url}/users/me/scids/${scid}/clips/${reservation.gameClipId}`, { method: 'DELETE', headers: { Authorization: owner, 'X-RequestedServiceVersion': '1' } });
    expect(deleted.status).toBe(204);
    expect(blockRows(reservation.gameClipId)).toEqual([]);
    expect((await putBlock(reservation.uploadUri, owner, 1, Buffer.alloc(10))).status).toBe(404);
  });
});
