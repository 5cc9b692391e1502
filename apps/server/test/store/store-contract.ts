/**
 * The store contract: one suite that every ClipStore engine must pass. Each engine's test
 * file calls `describeClipStore(name, openEmptyStore)`; every test gets a new, empty store.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClipStore, WriteOutcome } from '../../src/store/clip-store.js';
import { clipId, keyOf, makeClip, OWNER, userXuid } from './clip-fixture.js';

const T1 = '2026-11-01T10:00:00.000Z';
const T2 = '2026-11-01T10:00:01.000Z';

/** The version a write returned; fails the test when the write was refused. */
function versionOf(outcome: WriteOutcome): number {
  if (typeof outcome === 'string') throw new Error(`expected a write, got ${outcome}`);
  return outcome.version;
}

export function describeClipStore(engine: string, openEmptyStore: () => Promise<ClipStore>): void {
  describe(`ClipStore contract: ${engine}`, () => {
    let store: ClipStore;
    const A = keyOf(clipId(1));
    const B = keyOf(clipId(2));

    beforeEach(async () => {
      store = await openEmptyStore();
    });
    afterEach(async () => {
      await store.close();
    });

    it('names its engine, passes its health check, and fails every call once closed', async () => {
      expect(store.engine).toBe(engine);
      await expect(store.check()).resolves.toBeUndefined();
      await store.close();
      await store.close();
      await expect(store.getClip(A)).rejects.toThrow();
      await expect(store.recordView(A, { now: T1 })).rejects.toThrow();
    });

    it('reads back a clip exactly as it was inserted, at version 1', async () => {
      const clip = makeClip(A.gameClipId, { rating: 4, ratingCount: 2, views: 7, titleId: 4294967295, durationInSeconds: 3600 });
      await store.insertClips([clip, makeClip(B.gameClipId)]);
      const stored = await store.getClip(A);
      expect(stored).toEqual({ clip, version: 1 });
      // Key order of nested objects is kept too (JSON responses look the same on every engine).
      expect(JSON.stringify(stored!.clip)).toBe(JSON.stringify(clip));
      expect(await store.countClips()).toBe(2);
      expect(await store.getClip(keyOf(clipId(99)))).toBeUndefined();
      expect(await store.getClip({ scid: '00000000-0000-0000-0000-000000000001', gameClipId: A.gameClipId })).toBeUndefined();
    });

    it('updates only the metadata members given, and bumps version and lastModified', async () => {
      const clip = makeClip(A.gameClipId);
      await store.insertClips([clip]);
      expect(await store.updateMetadata(A, { userCaption: 'new caption' }, { now: T1 })).toEqual({ version: 2 });
      expect(await store.getClip(A)).toEqual({ version: 2, clip: { ...clip, userCaption: 'new caption', lastModified: T1 } });

      expect(await store.updateMetadata(A, { visibility: 'Owner', titleData: '' }, { now: T2 })).toEqual({ version: 3 });
      expect(await store.getClip(A)).toEqual({
        version: 3,
        clip: { ...clip, userCaption: 'new caption', visibility: 'Owner', titleData: '', lastModified: T2 },
      });
    });

    it('keeps one rating per rater, replaces it on a re-rate, and means it with the seeded rating', async () => {
      // Seeded with 2 ratings of mean 4 (sum 8).
      await store.insertClips([makeClip(A.gameClipId, { rating: 4, ratingCount: 2 })]);
      // A rating is not metadata: the version stays.
      expect(await store.rate(A, userXuid(1), 5, { now: T1 })).toEqual({ version: 1 });
      let clip = (await store.getClip(A))!.clip;
      expect([clip.ratingCount, clip.rating, clip.lastModified]).toEqual([3, 13 / 3, T1]);

      expect(await store.rate(A, userXuid(1), 1, { now: T2 })).toEqual({ version: 1 });
      clip = (await store.getClip(A))!.clip;
      expect([clip.ratingCount, clip.rating]).toEqual([3, 9 / 3]);

      await store.rate(A, userXuid(2), 2, { now: T2 });
      clip = (await store.getClip(A))!.clip;
      expect([clip.ratingCount, clip.rating]).toEqual([4, 11 / 4]);
    });

    it('means the ratings to the last bit as a recount of them does, after ratings and re-ratings one by one', async () => {
      // A seeded sum that uses every bit of its mantissa: the ratings added to it one at a
      // time would round differently from their total added once.
      const seeded = 0.47142857142857136;
      await store.insertClips([makeClip(A.gameClipId, { rating: seeded, ratingCount: 1 })]);
      const values = new Map<number, number>();
      for (let i = 0; i < 15; i++) {
        const rater = i < 12 ? i : i - 12;
        values.set(rater, ((i * 7) % 5) + 1);
        await store.rate(A, userXuid(rater), values.get(rater)!, { now: T1 });
      }
      const sum = [...values.values()].reduce((total, value) => total + value, 0);
      expect((await store.getClip(A))!.clip).toMatchObject({ ratingCount: 13, rating: (seeded + sum) / 13 });
    });

    it('rates a clip with no earlier ratings, and keeps ratings per clip', async () => {
      await store.insertClips([makeClip(A.gameClipId), makeClip(B.gameClipId, { rating: 2, ratingCount: 1 })]);
      await store.rate(A, userXuid(1), 3, { now: T1 });
      await store.rate(B, userXuid(1), 5, { now: T1 });
      expect((await store.getClip(A))!.clip).toMatchObject({ rating: 3, ratingCount: 1 });
      expect((await store.getClip(B))!.clip).toMatchObject({ rating: 3.5, ratingCount: 2 });
    });

    it('records a flag once per user and sets Flagged at the threshold', async () => {
      await store.insertClips([makeClip(A.gameClipId)]);
      await store.updateMetadata(A, { userCaption: 'v2' }, { now: T1 });
      expect(await store.hasFlagged(A, userXuid(1))).toBe(false);
      expect(await store.flag(A, userXuid(1), 2, { now: T1 })).toEqual({ version: 2 });
      expect((await store.getClip(A))!.clip.state).toBe('Published');
      expect(await store.hasFlagged(A, userXuid(1))).toBe(true);
      expect(await store.hasFlagged(A, userXuid(2))).toBe(false);
      expect(await store.hasFlagged(B, userXuid(1))).toBe(false);

      // The same user again: nothing changes, the current version comes back.
      expect(await store.flag(A, userXuid(1), 2, { now: T2 })).toEqual({ version: 2 });
      expect(await store.getClip(A)).toMatchObject({ version: 2, clip: { state: 'Published', lastModified: T1 } });

      expect(await store.flag(A, userXuid(2), 2, { now: T2 })).toEqual({ version: 2 });
      expect((await store.getClip(A))!.clip.state).toBe('Flagged');

      // Once the flag has hidden the clip, the flagger's repeat still changes nothing.
      expect(await store.flag(A, userXuid(2), 2, { now: '2026-11-01T10:00:02.000Z' })).toEqual({ version: 2 });
      expect(await store.getClip(A)).toMatchObject({ version: 2, clip: { state: 'Flagged', lastModified: T2 } });
      expect(await store.hasFlagged(A, userXuid(2))).toBe(true);
    });

    it('flags at threshold 1 at once, and never turns a Banned clip into Flagged', async () => {
      await store.insertClips([makeClip(A.gameClipId), makeClip(B.gameClipId, { state: 'Banned' })]);
      await store.flag(A, userXuid(1), 1, { now: T1 });
      await store.flag(B, userXuid(1), 1, { now: T1 });
      expect((await store.getClip(A))!.clip.state).toBe('Flagged');
      expect((await store.getClip(B))!.clip.state).toBe('Banned');
    });

    it('adds one view per call', async () => {
      await store.insertClips([makeClip(A.gameClipId, { views: 10 })]);
      for (let i = 0; i < 3; i++) expect(await store.recordView(A, { now: T1 })).toEqual({ version: 1 });
      expect(await store.getClip(A)).toMatchObject({ version: 1, clip: { views: 13, lastModified: T1 } });
    });

    it('moves the version on for metadata updates only', async () => {
      await store.insertClips([makeClip(A.gameClipId)]);
      await store.recordView(A, { now: T1 });
      await store.rate(A, userXuid(1), 4, { now: T1 });
      await store.flag(A, userXuid(1), 10, { now: T1 });
      expect((await store.getClip(A))!.version).toBe(1);
      expect(await store.updateMetadata(A, { titleData: 'x' }, { now: T2 })).toEqual({ version: 2 });
      await store.recordView(A, { now: T2 });
      expect((await store.getClip(A))!).toMatchObject({ version: 2, clip: { views: 2, ratingCount: 1 } });
    });

    it('writes only at the expected version, and writes nothing otherwise', async () => {
      const clip = makeClip(A.gameClipId);
      await store.insertClips([clip]);
      const stale = { now: T1, expectedVersion: 7 };
      expect(await store.updateMetadata(A, { userCaption: 'x' }, stale)).toBe('precondition-failed');
      expect(await store.rate(A, userXuid(1), 5, stale)).toBe('precondition-failed');
      expect(await store.flag(A, userXuid(1), 1, stale)).toBe('precondition-failed');
      expect(await store.recordView(A, stale)).toBe('precondition-failed');
      expect(await store.getClip(A)).toEqual({ clip, version: 1 });

      expect(await store.updateMetadata(A, { userCaption: 'x' }, { now: T1, expectedVersion: 1 })).toEqual({ version: 2 });
      expect(await store.rate(A, userXuid(1), 5, { now: T1, expectedVersion: 2 })).toEqual({ version: 2 });
      expect(await store.recordView(A, { now: T1, expectedVersion: 2 })).toEqual({ version: 2 });
      expect(await store.flag(A, userXuid(1), 1, { now: T1, expectedVersion: 2 })).toEqual({ version: 2 });
      expect(await store.recordView(A, { now: T1, expectedVersion: 1 })).toBe('precondition-failed');
      expect(await store.updateMetadata(A, { userCaption: 'y' }, { now: T1, expectedVersion: 1 })).toBe('precondition-failed');
      expect((await store.getClip(A))!.clip).toMatchObject({ userCaption: 'x', rating: 5, ratingCount: 1, views: 1, state: 'Flagged' });
    });

    it('answers not-found for every write to a clip that does not exist', async () => {
      await store.insertClips([makeClip(A.gameClipId)]);
      const missing = keyOf(clipId(404));
      for (const condition of [{ now: T1 }, { now: T1, expectedVersion: 1 }]) {
        expect(await store.updateMetadata(missing, { userCaption: 'x' }, condition)).toBe('not-found');
        expect(await store.rate(missing, userXuid(1), 3, condition)).toBe('not-found');
        expect(await store.flag(missing, userXuid(1), 1, condition)).toBe('not-found');
        expect(await store.recordView(missing, condition)).toBe('not-found');
      }
      expect(await store.countClips()).toBe(1);
    });

    it('writes only where the guard lets the caller see the clip, and says not-found, then 412, otherwise', async () => {
      const titleId = 1234;
      const C = keyOf(clipId(3));
      const D = keyOf(clipId(4));
      const clip = makeClip(A.gameClipId, { visibility: 'Owner', titleId });
      await store.insertClips([clip, makeClip(B.gameClipId, { visibility: 'Title', titleId }), makeClip(C.gameClipId, { state: 'Flagged' }), makeClip(D.gameClipId)]);
      const as = (xuid: string, extra: { expectedVersion?: number; owner?: string; titleId?: number } = {}) => ({
        now: T1,
        ...(extra.expectedVersion === undefined ? {} : { expectedVersion: extra.expectedVersion }),
        guard: { owner: extra.owner ?? OWNER, xuid, titleId: extra.titleId },
      });
      const other = userXuid(7);
      const writes = (key: typeof A, condition: ReturnType<typeof as>) => [
        () => store.updateMetadata(key, { userCaption: 'x' }, condition),
        () => store.rate(key, other, 4, condition),
        () => store.flag(key, other, 2, condition),
        () => store.recordView(key, condition),
      ];
      // Owner-only, Title-only from another title (or none), Flagged, and a clip of another owner: not found.
      for (const [key, condition] of [
        [A, as(other, { titleId })],
        [B, as(other)],
        [B, as(other, { titleId: titleId + 1 })],
        [C, as(other)],
        [D, as(other, { owner: userXuid(8) })],
        [D, as(OWNER, { owner: other })],
      ] as const) {
        for (const write of writes(key, condition)) expect(await write()).toBe('not-found');
      }
      expect(await store.getClip(A)).toEqual({ clip, version: 1 });
      // Not found comes before the version: an invisible clip at another version is still not found.
      expect(await store.recordView(A, as(other, { expectedVersion: 9 }))).toBe('not-found');
      // The owner sees their Owner-only and Flagged clips; the title sees its Title-only clip.
      expect(await store.updateMetadata(A, { userCaption: 'mine' }, as(OWNER))).toEqual({ version: 2 });
      expect(await store.recordView(C, as(OWNER))).toEqual({ version: 1 });
      for (const write of writes(B, as(other, { titleId }))) expect(await write()).toEqual({ version: 2 });
      // A visible clip at another version is a failed precondition.
      for (const write of writes(D, as(other, { expectedVersion: 5 }))) expect(await write()).toBe('precondition-failed');
      // A repeated flag changes nothing and answers the current version.
      expect(await store.flag(B, other, 2, as(other, { titleId, expectedVersion: 2 }))).toEqual({ version: 2 });
      expect((await store.getClip(B))!.clip).toMatchObject({ userCaption: 'x', rating: 4, ratingCount: 1, views: 1, state: 'Published' });
    });

    it('inserts clips all or none', async () => {
      await store.insertClips([makeClip(A.gameClipId)]);
      // B is new, but the batch also repeats A: nothing of it may land.
      await expect(store.insertClips([makeClip(B.gameClipId), makeClip(A.gameClipId)])).rejects.toThrow();
      await expect(store.insertClips([makeClip(clipId(3)), makeClip(clipId(3))])).rejects.toThrow();
      expect(await store.countClips()).toBe(1);
      expect(await store.getClip(B)).toBeUndefined();
      expect(await store.getClip(keyOf(clipId(3)))).toBeUndefined();
      await store.insertClips([]);
      expect(await store.countClips()).toBe(1);
    });

    it('loads a large seed in one go', async () => {
      const clips = Array.from({ length: 1234 }, (_, i) => makeClip(clipId(1000 + i)));
      await store.insertClips(clips);
      expect(await store.countClips()).toBe(1234);
      expect((await store.getClip(keyOf(clipId(2233))))!.clip).toEqual(clips[1233]);
    });

    it('loses no view of 500 concurrent ones', async () => {
      await store.insertClips([makeClip(A.gameClipId)]);
      const outcomes = await Promise.all(Array.from({ length: 500 }, () => store.recordView(A, { now: T1 })));
      expect(outcomes.map(versionOf)).toEqual(Array.from({ length: 500 }, () => 1));
      expect(await store.getClip(A)).toMatchObject({ version: 1, clip: { views: 500 } });
    });

    it('keeps count and mean exact under concurrent ratings and re-ratings', async () => {
      await store.insertClips([makeClip(A.gameClipId, { rating: 4, ratingCount: 2 })]);
      const raters = Array.from({ length: 120 }, (_, i) => userXuid(i));
      const first = (i: number) => (i % 5) + 1;
      const second = (i: number) => ((i * 3) % 5) + 1;
      await Promise.all(raters.map((rater, i) => store.rate(A, rater, first(i), { now: T1 })));
      // Half of them change their mind, all at once, while the other half view the clip.
      await Promise.all(raters.map((rater, i) => (i % 2 === 0 ? store.rate(A, rater, second(i), { now: T2 }) : store.recordView(A, { now: T2 }))));

      const sum = 8 + raters.reduce((total, _, i) => total + (i % 2 === 0 ? second(i) : first(i)), 0);
      const stored = (await store.getClip(A))!;
      expect(stored.clip.ratingCount).toBe(122);
      expect(stored.clip.rating).toBeCloseTo(sum / 122, 12);
      expect(stored.clip.views).toBe(60);
      expect(stored.version).toBe(1);
    });

    it('counts a rater once, with one of their values, when they rate the same clip many times at once', async () => {
      await store.insertClips([makeClip(A.gameClipId, { rating: 4, ratingCount: 2 })]);
      await Promise.all(Array.from({ length: 30 }, (_, i) => store.rate(A, userXuid(1), (i % 5) + 1, { now: T1 })));
      const { ratingCount, rating } = (await store.getClip(A))!.clip;
      expect(ratingCount).toBe(3);
      expect([1, 2, 3, 4, 5].map((value) => (8 + value) / 3)).toContain(rating);
    });

    it('counts each user\'s flag once when many users flag at once', async () => {
      await store.insertClips([makeClip(A.gameClipId)]);
      const outcomes = await Promise.all(
        Array.from({ length: 40 }, (_, i) => store.flag(A, userXuid(i % 20), 21, { now: T1 })),
      );
      outcomes.forEach(versionOf);
      // 20 distinct users, each twice: 20 flags, one short of the threshold.
      expect(await store.getClip(A)).toMatchObject({ version: 1, clip: { state: 'Published' } });
      await store.flag(A, userXuid(20), 21, { now: T1 });
      expect(await store.getClip(A)).toMatchObject({ version: 1, clip: { state: 'Flagged' } });
    });

    it('lets exactly one of many metadata updates at the same expected version through, whatever else happens', async () => {
      await store.insertClips([makeClip(A.gameClipId)]);
      const updates = Array.from({ length: 12 }, (_, i) =>
        store.updateMetadata(A, { userCaption: `caption ${i}` }, { now: T1, expectedVersion: 1 }),
      );
      const others = Array.from({ length: 24 }, (_, i) => {
        switch (i % 3) {
          case 0: return store.rate(A, userXuid(i), 4, { now: T1 });
          case 1: return store.flag(A, userXuid(i), 100, { now: T1 });
          default: return store.recordView(A, { now: T1 });
        }
      });
      const [updated, rest] = await Promise.all([Promise.all(updates), Promise.all(others)]);
      expect(updated.filter((o) => o === 'precondition-failed')).toHaveLength(11);
      expect(updated.filter((o) => typeof o === 'object')).toEqual([{ version: 2 }]);
      rest.forEach(versionOf);
      expect(await store.getClip(A)).toMatchObject({ version: 2, clip: { views: 8, ratingCount: 8 } });
    });
  });
}
