/**
 * The list part of the store contract, for every engine: pages walked by position return
 * each clip once and in order (ties included), the read rule and the filters are applied in
 * SQL, and deleting a clip takes its ratings and flags with it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GameClip } from '@gameclips/types';
import type { ClipListQuery, ListPosition } from '../../src/store/clip-list-query.js';
import type { ClipStore } from '../../src/store/clip-store.js';
import type { ListEpochOptions } from '../../src/store/list-epochs.js';
import { clipId, keyOf, makeClip, OWNER, SCID, userXuid } from './clip-fixture.js';

const NOW = '2026-11-01T10:00:00.000Z';
const MINUTE = 60_000;

/** A clock the test moves: epochs of a minute, walks of an hour, ten seconds to settle. */
function testClock() {
  const clock = { ms: Date.parse(NOW), lists: {} as ListEpochOptions };
  clock.lists = { epochMs: MINUTE, walkLifetimeMs: 60 * MINUTE, settleMs: 10_000, clock: () => clock.ms };
  return clock;
}

/**
 * Checks what migrations made of clips stored before lists existed: the `created` sort value
 * (computed in SQL) and a unique list_seq (numbered in SQL), and that a clip stored after
 * them gets the next list_seq.
 */
export async function expectAdoptedForLists(store: ClipStore, adopted: readonly GameClip[]): Promise<void> {
  const listed = await store.listClips({ ownerXuid: OWNER, saved: false, qualifier: 'created', order: 'A', limit: 100 });
  expect(listed.map((item) => [item.clip.gameClipId, item.position.sortValue])).toEqual(
    [...adopted].sort((a, b) => Date.parse(a.dateRecorded) - Date.parse(b.dateRecorded)).map((clip) => [clip.gameClipId, Date.parse(clip.dateRecorded)]),
  );
  const seqs = listed.map((item) => item.position.seq);
  expect(new Set(seqs).size).toBe(adopted.length);
  const later = makeClip(clipId(999), { dateRecorded: adopted[0]!.dateRecorded });
  await store.insertClips([later]);
  const again = await store.listClips({ ownerXuid: OWNER, saved: false, qualifier: 'created', order: 'A', limit: 100 });
  expect(again.find((item) => item.clip.gameClipId === later.gameClipId)!.position.seq).toBeGreaterThan(Math.max(...seqs));
}
const VIEWER = userXuid(900);

/** The clip of number n: recorded in groups of three at the same time, views and ratings repeating, so sort values tie. */
function numbered(n: number, changes: Partial<GameClip> = {}): GameClip {
  return makeClip(clipId(n), {
    dateRecorded: new Date(Date.UTC(2026, 0, 1) + Math.floor(n / 3) * 60_000).toISOString(),
    views: n % 7,
    rating: n % 4,
    ratingCount: n % 4 === 0 ? 0 : 1,
    savedByUser: false,
    ...changes,
  });
}

/** The orders whose sort values views and ratings change, and all orders. */
const RESORTED_ORDERS = [
  ['views', 'D'],
  ['views', 'A'],
  ['rating', 'D'],
  ['rating', 'A'],
] as const;
const ORDERS = [['created', 'D'], ['created', 'A'], ...RESORTED_ORDERS] as const;

/** Every clip of a list, page by page, each page starting after the last one's position. */
async function walk(store: ClipStore, query: Omit<ClipListQuery, 'limit' | 'after'>, pageSize: number): Promise<string[]> {
  const ids: string[] = [];
  let after: ListPosition | undefined;
  for (let pages = 0; pages < 1000; pages += 1) {
    const page = await store.listClips({ ...query, limit: pageSize, ...(after && { after }) });
    ids.push(...page.map((item) => item.clip.gameClipId));
    if (page.length < pageSize) return ids;
    after = page.at(-1)!.position;
  }
  throw new Error('the walk did not end');
}

export function describeClipLists(engine: string, openEmptyStore: (lists?: ListEpochOptions) => Promise<ClipStore>): void {
  describe(`ClipStore lists: ${engine}`, () => {
    let store: ClipStore;
    let clock: ReturnType<typeof testClock>;
    beforeEach(async () => {
      clock = testClock();
      store = await openEmptyStore(clock.lists);
    });
    afterEach(async () => {
      await store.close();
    });

    it.each(ORDERS)('walks a list by %s, %s, page by page: every clip once, in order, ties by list key', async (qualifier, order) => {
      const clips = Array.from({ length: 47 }, (_, n) => numbered(n));
      await store.insertClips(clips);
      const all = await store.listClips({ ownerXuid: OWNER, saved: false, qualifier, order, limit: 100 });
      expect(all).toHaveLength(47);
      const sortOf = (clip: GameClip) => (qualifier === 'created' ? Date.parse(clip.dateRecorded) : qualifier === 'views' ? clip.views : clip.rating);
      const sign = order === 'D' ? -1 : 1;
      for (let i = 1; i < all.length; i += 1) {
        const [a, b] = [all[i - 1]!, all[i]!];
        const bySort = Math.sign(sortOf(b.clip) - sortOf(a.clip));
        expect(bySort === sign || (bySort === 0 && Math.sign(b.position.seq - a.position.seq) === sign), `${i}`).toBe(true);
      }
      const ids = all.map((item) => item.clip.gameClipId);
      for (const size of [1, 5, 46]) {
        expect(await walk(store, { ownerXuid: OWNER, saved: false, qualifier, order }, size)).toEqual(ids);
      }
    });

    it('keeps to its place while clips are added and deleted between pages (created order)', async () => {
      await store.insertClips(Array.from({ length: 30 }, (_, n) => numbered(n)));
      const query = { ownerXuid: OWNER, saved: false, qualifier: 'created', order: 'D' } as const;
      const first = await store.listClips({ ...query, limit: 10 });
      // A newer clip (before the position), an older one (after it), and a deleted clip of the rest.
      await store.insertClips([numbered(100, { dateRecorded: '2027-01-01T00:00:00.000Z' }), numbered(101, { dateRecorded: '2020-01-01T00:00:00.000Z' })]);
      const remaining = (await store.listClips({ ...query, limit: 100, after: first.at(-1)!.position })).map((i) => i.clip.gameClipId);
      const deleted = remaining[3]!;
      expect(await store.deleteClip(keyOf(deleted), OWNER)).toBe(true);
      const rest = await walk(store, query, 100).then((ids) => ids.slice(ids.indexOf(first.at(-1)!.clip.gameClipId) + 1));
      expect(rest).toEqual(remaining.filter((id) => id !== deleted));
      expect(rest).toContain(clipId(101));
      expect(rest).not.toContain(clipId(100));
    });

    it('orders a walk by the mean rating at the start of its epoch, and a later walk by the new one', async () => {
      await store.insertClips([numbered(1, { rating: 0, ratingCount: 0 }), numbered(2, { rating: 2, ratingCount: 1 })]);
      await store.rate(keyOf(clipId(1)), userXuid(1), 5, { now: NOW });
      const query = { ownerXuid: OWNER, saved: false, qualifier: 'rating', order: 'D', limit: 10 } as const;
      const order = async () => (await store.listClips(query)).map((item) => [item.clip.gameClipId, item.position.sortValue, item.clip.rating]);
      // A walk that starts now began in the epoch of the rating, or earlier: it orders by the old mean, and shows the new one.
      expect(await order()).toEqual([
        [clipId(2), 2, 2],
        [clipId(1), 0, 5],
      ]);
      clock.ms += MINUTE + 10_000;
      expect(await order()).toEqual([
        [clipId(1), 5, 5],
        [clipId(2), 2, 2],
      ]);
    });

    it.each(RESORTED_ORDERS)('walks by %s, %s, over several epochs while clips are viewed, rated, added and deleted: every lasting clip once, in the order of its start', async (qualifier, order) => {
      const clips = Array.from({ length: 40 }, (_, n) => numbered(n));
      await store.insertClips(clips);
      // Changes before the walk, in its epoch and the one before: the walk orders by the values at its epoch's start.
      for (let n = 0; n < 40; n += 3) await store.recordView(keyOf(clipId(n)), { now: NOW });
      clock.ms += MINUTE;
      for (let n = 1; n < 40; n += 4) await store.rate(keyOf(clipId(n)), userXuid(n), (n % 5) + 1, { now: NOW });
      clock.ms += 5_000;
      const query = { ownerXuid: OWNER, saved: false, qualifier, order } as const;
      const snapshot = await store.listClips({ ...query, limit: 100 });
      const lasting = new Set(snapshot.map((item) => item.clip.gameClipId));
      const seen: string[] = [];
      const positions: Array<[number, number]> = [];
      let after: ListPosition | undefined;
      let random = 7;
      const next = (n: number) => (random = (random * 1_103_515_245 + 12_345) % 2 ** 31) % n;
      for (let pages = 0; pages < 100; pages += 1) {
        const page = await store.listClips({ ...query, limit: 4, ...(after && { after }) });
        seen.push(...page.map((item) => item.clip.gameClipId));
        positions.push(...page.map((item): [number, number] => [item.position.sortValue, item.position.seq]));
        if (page.length < 4) break;
        after = page.at(-1)!.position;
        for (let change = 0; change < 6; change += 1) {
          const n = next(40);
          if (change === 0 && pages % 3 === 1) {
            await store.insertClips([numbered(200 + pages, { views: next(9), rating: next(5) })]);
          } else if (change === 0 && pages % 3 === 2 && lasting.delete(clipId(n))) {
            await store.deleteClip(keyOf(clipId(n)), OWNER);
          } else if (change % 2 === 0) {
            await store.recordView(keyOf(clipId(n)), { now: NOW });
          } else {
            await store.rate(keyOf(clipId(n)), userXuid(100 + next(3)), next(5) + 1, { now: NOW });
          }
        }
        clock.ms += 20_000;
      }
      const lastingSeen = seen.filter((id) => lasting.has(id));
      expect(lastingSeen.sort()).toEqual([...lasting].sort());
      expect(new Set(seen).size).toBe(seen.length);
      // The walk's positions never go back: one total order, the walk's own.
      const sign = order === 'D' ? -1 : 1;
      const breaks = positions.slice(1).filter(([value, seq], i) => {
        const [v0, s0] = positions[i]!;
        return Math.sign(value - v0 || seq - s0) !== sign;
      });
      expect(breaks).toEqual([]);
      // It is the order of the values at its start: the clips that lasted, in the first page's snapshot order.
      expect(seen.filter((id) => lasting.has(id))).toEqual(snapshot.map((item) => item.clip.gameClipId).filter((id) => lasting.has(id)));
    });

    it('prunes only the history no live walk needs, and refuses the positions of walks older than their lifetime', async () => {
      await store.insertClips(Array.from({ length: 12 }, (_, n) => numbered(n)));
      const query = { ownerXuid: OWNER, saved: false, qualifier: 'views', order: 'D' } as const;
      // History from two epochs before the walk's: no walk still live once the walk is near its end reads it.
      for (let n = 0; n < 12; n += 2) await store.recordView(keyOf(clipId(n)), { now: NOW });
      clock.ms += 3 * MINUTE;
      const first = await store.listClips({ ...query, limit: 5 });
      const snapshot = (await store.listClips({ ...query, limit: 100 })).map((item) => item.clip.gameClipId);
      for (let n = 0; n < 12; n += 1) await store.recordView(keyOf(clipId(n)), { now: NOW });
      // In the walk's last live epoch: what it reads stays, what came before it goes.
      clock.ms += 59 * MINUTE + 30_000;
      expect(store.walkExpired(first.at(-1)!.position)).toBe(false);
      expect(await store.pruneSortHistory()).toBe(6);
      expect(await store.pruneSortHistory()).toBe(0);
      const rest = await store.listClips({ ...query, limit: 100, after: first.at(-1)!.position });
      expect([...first, ...rest].map((item) => item.clip.gameClipId)).toEqual(snapshot);
      clock.ms += MINUTE;
      expect(store.walkExpired(first.at(-1)!.position)).toBe(true);
      clock.ms += 2 * MINUTE;
      expect(await store.pruneSortHistory()).toBe(12);
    });

    it('shows a viewer their own clips and only the published, visible clips of others', async () => {
      const title = makeClip(clipId(0)).titleId;
      await store.insertClips([
        numbered(1),
        numbered(2, { visibility: 'Owner' }),
        numbered(3, { visibility: 'Title' }),
        numbered(4, { visibility: 'Title', titleId: title + 1 }),
        numbered(5, { state: 'Flagged' }),
        numbered(6, { state: 'Banned' }),
        numbered(7, { state: 'PendingUpload' }),
        numbered(8, { state: 'Processing' }),
        numbered(9, { visibility: 'Default' }),
        numbered(10, { xuid: VIEWER, visibility: 'Owner', state: 'PendingUpload' }),
      ]);
      const ids = async (query: Partial<ClipListQuery>) =>
        (await store.listClips({ saved: false, qualifier: 'created', order: 'A', limit: 100, ...query })).map((i) => i.clip.gameClipId).sort();
      expect(await ids({ ownerXuid: OWNER })).toHaveLength(9);
      expect(await ids({ ownerXuid: OWNER, viewer: { xuid: VIEWER, titleId: title } })).toEqual([clipId(1), clipId(3), clipId(9)]);
      expect(await ids({ ownerXuid: OWNER, viewer: { xuid: VIEWER } })).toEqual([clipId(1), clipId(9)]);
      expect(await ids({ scid: SCID, viewer: { xuid: VIEWER } })).toEqual([clipId(1), clipId(9), clipId(10)].sort());
      expect(await ids({ titleId: title + 1, viewer: { xuid: VIEWER, titleId: title + 1 } })).toEqual([clipId(4)]);
      expect(await store.countListed({ ownerXuid: OWNER, saved: false, viewer: { xuid: VIEWER, titleId: title } }, 100)).toBe(3);
      expect(await store.countListed({ ownerXuid: OWNER, saved: false }, 5)).toBe(5);
    });

    it('filters by saved, type, event id, achievement and greatest moment', async () => {
      await store.insertClips([
        numbered(1, { savedByUser: true, type: 'DeveloperInitiated, Achievement', achievementId: 'Ach1' }),
        numbered(2, { savedByUser: false, type: 'UserGenerated', greatestMomentId: 'Moment1' }),
        numbered(3, { type: 'achievement' }),
      ]);
      const ids = async (query: Partial<ClipListQuery>) =>
        (await store.listClips({ saved: false, qualifier: 'created', order: 'A', limit: 100, ownerXuid: OWNER, ...query })).map((i) => i.clip.gameClipId).sort();
      expect(await ids({ saved: true })).toEqual([clipId(1)]);
      expect(await ids({ types: ['Achievement'] })).toEqual([clipId(1), clipId(3)]);
      expect(await ids({ types: ['UserGenerated', 'DeveloperInitiated'] })).toEqual([clipId(1), clipId(2)]);
      expect(await ids({ types: ['Developer'] })).toEqual([]);
      expect(await ids({ eventIds: ['Moment1', 'Ach1'] })).toEqual([clipId(1), clipId(2)]);
      expect(await ids({ achievementId: 'Ach1' })).toEqual([clipId(1)]);
      expect(await ids({ greatestMomentId: 'Ach1' })).toEqual([]);
      expect(await store.countListed({ ownerXuid: OWNER, saved: true }, 100)).toBe(1);
    });

    it('skips a bounded number of clips', async () => {
      await store.insertClips(Array.from({ length: 10 }, (_, n) => numbered(n)));
      const query = { ownerXuid: OWNER, saved: false, qualifier: 'created', order: 'D' } as const;
      const all = (await store.listClips({ ...query, limit: 100 })).map((i) => i.clip.gameClipId);
      expect((await store.listClips({ ...query, limit: 3, skip: 4 })).map((i) => i.clip.gameClipId)).toEqual(all.slice(4, 7));
    });

    it("deletes the owner's clip with its ratings and flags, once", async () => {
      const clip = numbered(1, { rating: 0, ratingCount: 0 });
      await store.insertClips([clip, numbered(2)]);
      await store.rate(keyOf(clipId(1)), userXuid(1), 4, { now: NOW });
      await store.flag(keyOf(clipId(1)), userXuid(2), 5, { now: NOW });
      expect(await store.deleteClip(keyOf(clipId(1)), userXuid(1))).toBe(false);
      expect(await store.deleteClip(keyOf(clipId(1)), OWNER)).toBe(true);
      expect(await store.getClip(keyOf(clipId(1)))).toBeUndefined();
      expect(await store.deleteClip(keyOf(clipId(1)), OWNER)).toBe(false);
      expect(await store.countClips()).toBe(1);
      // A clip inserted again under the id starts with no ratings and no flags.
      await store.insertClips([clip]);
      expect((await store.getClip(keyOf(clipId(1))))!.clip).toMatchObject({ rating: 0, ratingCount: 0 });
      expect(await store.hasFlagged(keyOf(clipId(1)), userXuid(2))).toBe(false);
    });
  });
}
