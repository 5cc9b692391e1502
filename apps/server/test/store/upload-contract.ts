/**
 * The upload store contract: one suite that every engine's `store.uploads` must pass
 * (reservations under a quota, blocks written under the clip's lock and not at all when the
 * rules refuse them, thumbnails, reads of blocks, publishing and expiry, delete removing the
 * bytes). Each engine's test file calls `describeUploadStore(name, openEmptyStore)`.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClipStore } from '../../src/store/clip-store.js';
import type { BlockDecision } from '../../src/store/upload-store.js';
import { clipId, keyOf, makeClip, OWNER, userXuid } from './clip-fixture.js';

const T0 = '2026-11-01T10:00:00.000Z';
const T1 = '2026-11-01T10:00:01.000Z';
const LATER = '2026-11-02T10:00:00.000Z';
const QUOTA = 1000;

const keep: () => BlockDecision = () => ({ complete: false });
const complete: () => BlockDecision = () => ({ complete: true, publishAt: T1 });
const terms = (fileSize: number, expectedBlocks = 1) => ({ fileSize, expectedBlocks, thumbnailSource: 'Upload', expiresAt: LATER });
const pending = (n: number, xuid = OWNER) => makeClip(clipId(n), { xuid, state: 'PendingUpload', gameClipUris: [], thumbnails: [] });

export function describeUploadStore(engine: string, openEmptyStore: () => Promise<ClipStore>): void {
  describe(`UploadStore contract: ${engine}`, () => {
    let store: ClipStore;
    const A = keyOf(clipId(1));

    beforeEach(async () => {
      store = await openEmptyStore();
    });
    afterEach(async () => {
      await store.close();
    });

    it('reserves within the quota, counting every clip of the owner by its size, and others apart', async () => {
      expect(await store.uploads.reserve(pending(1), terms(600), QUOTA, T0)).toBe(true);
      expect(await store.uploads.reserve(pending(2), terms(401), QUOTA, T0)).toBe(false);
      expect(await store.getClip(keyOf(clipId(2)))).toBeUndefined();
      expect(await store.uploads.reserve(pending(2), terms(400), QUOTA, T0)).toBe(true);
      expect(await store.uploads.reserve(pending(3, userXuid(1)), terms(QUOTA), QUOTA, T0)).toBe(true);
      expect(await store.uploads.getUpload(A)).toMatchObject({ fileSize: 600, expectedBlocks: 1, thumbnailSource: 'Upload', expiresAt: LATER, clip: { state: 'PendingUpload' } });
    });

    it('lets exactly as many racing reservations through as fit', async () => {
      const results = await Promise.all(Array.from({ length: 6 }, (_, i) => store.uploads.reserve(pending(10 + i), terms(300), QUOTA, T0)));
      expect(results.filter(Boolean)).toHaveLength(3);
    });

    it('stores blocks (a block sent again replaces it), reads them back, and counts the others for the rules', async () => {
      await store.uploads.reserve(pending(1), terms(30, 3), QUOTA, T0);
      const seen: Array<{ count: number; bytes: number }> = [];
      const watch = () => (upload: { others: { count: number; bytes: number } }) => (seen.push(upload.others), { complete: false as const });
      await store.uploads.putBlock(A, 2, new Uint8Array(10).fill(2), T0, watch());
      await store.uploads.putBlock(A, 0, new Uint8Array(5).fill(9), T0, watch());
      await store.uploads.putBlock(A, 0, new Uint8Array(10).fill(0), T0, watch());
      // The others are every block but the one written, so a block sent again does not count itself.
      expect(seen).toEqual([{ count: 0, bytes: 0 }, { count: 1, bytes: 10 }, { count: 1, bytes: 10 }]);
      expect((await store.uploads.blocks(A, 'clip')).map((b) => [b.blockNum, b.size, b.contentType])).toEqual([[0, 10, 'video/mp4'], [2, 10, 'video/mp4']]);
      expect([...(await store.uploads.readBlock(A, 'clip', 0))!]).toEqual(new Array(10).fill(0));
      expect(await store.uploads.readBlock(A, 'clip', 1)).toBeUndefined();
      expect(await store.uploads.putBlock(keyOf(clipId(9)), 0, new Uint8Array(1), T0, keep)).toBeUndefined();
    });

    it('writes nothing when the rules refuse a block', async () => {
      await store.uploads.reserve(pending(1), terms(20, 2), QUOTA, T0);
      await store.uploads.putBlock(A, 0, new Uint8Array(10).fill(1), T0, keep);
      const refuse = () => {
        throw new Error('refused');
      };
      await expect(store.uploads.putBlock(A, 0, new Uint8Array(10).fill(7), T0, refuse)).rejects.toThrow('refused');
      await expect(store.uploads.putBlock(A, 1, new Uint8Array(10), T0, refuse)).rejects.toThrow('refused');
      expect((await store.uploads.blocks(A, 'clip')).map((b) => b.blockNum)).toEqual([0]);
      expect([...(await store.uploads.readBlock(A, 'clip', 0))!]).toEqual(new Array(10).fill(1));
    });

    it('completes the file once: Processing until publishAt, then Published by one sweep only', async () => {
      await store.uploads.reserve(pending(1), terms(10), QUOTA, T0);
      expect(await store.uploads.putBlock(A, 0, new Uint8Array(10), T0, complete)).toEqual({ complete: true, publishAt: T1 });
      expect(await store.uploads.getUpload(A)).toMatchObject({ expiresAt: null, clip: { state: 'Processing' } });
      const uris = (key: { gameClipId: string }, fileSize: number) => [{ uri: `https://clips.example.test/${key.gameClipId}`, fileSize, uriType: 'Download' as const, expiration: LATER }];
      expect(await store.uploads.publishDue(T0, uris)).toBe(0);
      expect(await store.uploads.publishDue(T1, uris)).toBe(1);
      expect(await store.uploads.publishDue(LATER, uris)).toBe(0);
      expect((await store.getClip(A))!.clip).toMatchObject({ state: 'Published', lastModified: T1, gameClipUris: uris(A, 10) });
    });

    it('stores a thumbnail as one block and writes the thumbnails the rules give', async () => {
      await store.uploads.reserve(pending(1), terms(10), QUOTA, T0);
      const listed = [{ uri: 'https://clips.example.test/small', fileSize: 3, thumbnailType: 'Small' as const }];
      expect(await store.uploads.putThumbnail(A, 'small', new Uint8Array([1, 2, 3]), 'image/png', T1, () => listed)).toBe(true);
      expect((await store.getClip(A))!.clip.thumbnails).toEqual(listed);
      expect(await store.uploads.blocks(A, 'small')).toEqual([{ blockNum: 0, size: 3, contentType: 'image/png', writtenAt: T1 }]);
      expect(await store.uploads.putThumbnail(keyOf(clipId(9)), 'small', new Uint8Array(1), 'image/png', T1, () => listed)).toBe(false);
    });

    it('expires pending reservations due, with their blocks, and nothing else', async () => {
      await store.uploads.reserve(pending(1), terms(20, 2), QUOTA, T0);
      await store.uploads.putBlock(A, 0, new Uint8Array(10), T0, keep);
      await store.uploads.reserve(pending(2), terms(10), QUOTA, T0);
      await store.uploads.putBlock(keyOf(clipId(2)), 0, new Uint8Array(10), T0, complete);
      expect(await store.uploads.expireDue(T1)).toBe(0);
      expect(await store.uploads.expireDue(LATER)).toBe(1);
      expect(await store.getClip(A)).toBeUndefined();
      expect(await store.uploads.blocks(A, 'clip')).toEqual([]);
      expect(await store.uploads.blocks(keyOf(clipId(2)), 'clip')).toHaveLength(1);
      // The space it held is free again.
      expect(await store.uploads.reserve(pending(3), terms(QUOTA - 10), QUOTA, LATER)).toBe(true);
    });

    it('deletes the bytes with the clip', async () => {
      await store.uploads.reserve(pending(1), terms(10), QUOTA, T0);
      await store.uploads.putBlock(A, 0, new Uint8Array(10), T0, complete);
      await store.uploads.putThumbnail(A, 'large', new Uint8Array(2), 'image/jpeg', T0, () => []);
      expect(await store.deleteClip(A, OWNER)).toBe(true);
      expect(await store.uploads.blocks(A, 'clip')).toEqual([]);
      expect(await store.uploads.blocks(A, 'large')).toEqual([]);
    });
  });
}
