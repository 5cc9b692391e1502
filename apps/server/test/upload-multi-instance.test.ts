/**
 * Uploads on two server processes sharing one PostgreSQL database, as behind a load balancer:
 * the bytes live in the database (bytea), so blocks sent to one instance and the last to the
 * other make one file, which either instance serves; and the last blocks racing on both
 * instances still give exactly one 201. Needs the built CLI (`npm run build`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintToken } from '../src/auth/token-minter.js';
import { demo } from '../src/store/demo-clips.js';
import { postgresSkipReason, usePostgres, type TestPostgres } from '../src/testing/postgres-cluster.js';
import { childSecret, killAllChildren, startChild, stopChild, type ChildServer } from './reliability/support/child-server.js';
import { blocksOf, download, fileBytes, putBlock, reserved, untilPublished } from './support/upload-client.js';

const skip = postgresSkipReason();
if (skip) console.warn(skip);

describe.skipIf(skip !== undefined)(skip ?? 'uploads on two instances of one PostgreSQL database', () => {
  let database: TestPostgres;
  let a: ChildServer;
  let b: ChildServer;
  let owner: string;

  /** The same URI on another instance (the reservation's URIs name the instance that made them). */
  const via = (instance: ChildServer, uri: string) => instance.url + new URL(uri).pathname + new URL(uri).search;

  beforeAll(async () => {
    database = await usePostgres();
    const url = await database.freshSchemaUrl();
    const flags = ['--store', 'postgres', '--database-url', url, '--seed', 'none', '--processing-delay', '50'];
    a = await startChild(flags, { GAMECLIPS_PG_POOL_MAX: '5' });
    b = await startChild(flags, { GAMECLIPS_PG_POOL_MAX: '5' });
    owner = await mintToken(new TextEncoder().encode(childSecret), { xuid: demo.ownerXuid, scid: demo.scid, titleId: demo.titleId });
  });

  afterAll(async () => {
    for (const instance of [a, b]) if (instance) await stopChild(instance);
    killAllChildren();
    await database?.stop();
  });

  it('makes one file of blocks sent to A and the last sent to B, and A serves it, whole and by ranges', async () => {
    const bytes = fileBytes(5 * 1024 * 1024 + 123, 17);
    const blocks = blocksOf(bytes, 2 * 1024 * 1024);
    const reservation = await reserved(a.url, owner, demo.scid, { fileSize: bytes.length, expectedBlocks: blocks.length });
    expect(new URL(reservation.uploadUri).origin).toBe(a.url);
    expect((await putBlock(reservation.uploadUri, owner, 0, blocks[0]!)).status).toBe(202);
    expect((await putBlock(reservation.uploadUri, owner, 2, blocks[2]!)).status).toBe(202);
    expect((await putBlock(via(b, reservation.uploadUri), owner, 1, blocks[1]!)).status).toBe(201);
    const clip = await untilPublished(a.url, owner, demo.scid, reservation.gameClipId);
    const uri = via(a, clip.gameClipUris[0]!.uri);
    expect((await download(uri, owner)).bytes.equals(bytes)).toBe(true);
    const across = await download(uri, owner, { Range: 'bytes=2097000-4194400' });
    expect([across.status, across.headers.get('content-range')]).toEqual([206, `bytes 2097000-4194400/${bytes.length}`]);
    expect(across.bytes.equals(bytes.subarray(2097000, 4194401))).toBe(true);
    expect((await download(via(b, uri), owner, { Range: 'bytes=-10' })).bytes.equals(bytes.subarray(-10))).toBe(true);
  });

  it('gives exactly one 201 when the last blocks race on both instances', async () => {
    for (let round = 0; round < 3; round++) {
      const bytes = fileBytes(4000, round + 40);
      const blocks = blocksOf(bytes, 500);
      const reservation = await reserved(b.url, owner, demo.scid, { fileSize: bytes.length, expectedBlocks: blocks.length });
      const sends = [...blocks.keys(), 6, 7, 7, 6].map((n, i) => putBlock(via(i % 2 === 0 ? a : b, reservation.uploadUri), owner, n, blocks[n]!));
      const statuses = (await Promise.all(sends)).map((r) => r.status);
      expect(statuses.filter((s) => s === 201), String(statuses)).toHaveLength(1);
      expect(statuses.every((s) => [201, 202, 409].includes(s)), String(statuses)).toBe(true);
      const clip = await untilPublished(a.url, owner, demo.scid, reservation.gameClipId);
      expect((await download(via(a, clip.gameClipUris[0]!.uri), owner)).bytes.equals(bytes)).toBe(true);
    }
  });
});
