import { demoClips } from '@gameclips/server';
import type { GameClip } from '@gameclips/types';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness } from './harness.js';
import { filtersSelect, listOrder, mayList, orderBreaks, routePath, routeSelects, type ListCallerIdentity, type ListFilters, type ListRoute, type Order, type Qualifier } from './list-model.js';
import { ListCaller, type ListPage } from './list-walk.js';
import { runProperty } from './run-property.js';

// Properties of the list routes, each run FAST_CHECK_RUNS times (1,000 by default) against
// the real server. Every run gets its own scid, titles and users, so runs never see each
// other's clips, even in the public lists.

let h: Harness;
let run = 0;

beforeAll(async () => {
  h = await Harness.start();
});
afterAll(() => {
  expect(h.checker.violations).toEqual([]);
  return h.close();
});

/** The ids of one run: its scid, another scid, two titles and three users. */
function world() {
  run += 1;
  const hex = run.toString(16).padStart(12, '0');
  return {
    run,
    scid: `5c1d0000-0000-4000-8000-${hex}`,
    otherScid: `5c1d0000-0000-4000-9000-${hex}`,
    titles: [400_000_000 + run * 2, 400_000_001 + run * 2] as const,
    users: [String(3_100_000_000_000 + run * 4), String(3_100_000_000_001 + run * 4), String(3_100_000_000_002 + run * 4)] as const,
  };
}

let clipCounter = 0;
function newClipId(): string {
  clipCounter += 1;
  return `f0000000-0000-4000-8000-${clipCounter.toString(16).padStart(12, '0')}`;
}

const DAY = Date.UTC(2026, 5, 1);
/** A few recording times and values, so the orders have ties that the id must break. */
const recorded = fc.integer({ min: 0, max: 6 }).map((k) => new Date(DAY + k * 60_000).toISOString());
const views = fc.constantFrom(0, 1, 2, 7, 100);
const rating = fc.constantFrom(0, 1, 2.5, 4.5, 5);

function clipOf(fields: Partial<GameClip> & Pick<GameClip, 'xuid' | 'scid' | 'titleId'>): GameClip {
  return {
    ...demoClips[0]!,
    gameClipId: newClipId(),
    visibility: 'Public',
    state: 'Published',
    savedByUser: false,
    rating: 0,
    views: 0,
    ...fields,
    ratingCount: (fields.rating ?? 0) > 0 ? 1 : 0,
    lastModified: fields.dateRecorded ?? demoClips[0]!.dateRecorded,
  };
}

const ids = (clips: readonly GameClip[]) => clips.map((c) => c.gameClipId);

describe('list properties', () => {
  it('lists exactly the clips the caller may read, each once, in order, on every route', async () => {
    const clipSpec = fc.record({
      owner: fc.integer({ min: 0, max: 1 }),
      otherScid: fc.boolean(),
      title: fc.integer({ min: 0, max: 1 }),
      visibility: fc.constantFrom<GameClip['visibility']>('Default', 'Owner', 'Title', 'Public'),
      state: fc.constantFrom<GameClip['state']>('Published', 'Published', 'Flagged', 'PendingUpload', 'Processing', 'Banned'),
      savedByUser: fc.boolean(),
      dateRecorded: recorded,
      views,
      rating,
      achievementId: fc.constantFrom('Ach_1', 'Ach_2', undefined),
      greatestMomentId: fc.constantFrom('FirstBlood', undefined),
    });
    const event = fc.constantFrom('Ach_1', 'Ach_2', 'FirstBlood');
    const scenario = fc.record({
      clips: fc.array(clipSpec, { maxLength: 12 }),
      filters: fc.oneof(
        fc.constant({}),
        fc.record({ eventIds: fc.uniqueArray(event, { minLength: 1, maxLength: 2 }) }),
        fc.record({ achievementId: fc.constantFrom('Ach_1', 'Ach_2') }),
        fc.record({ greatestMomentId: fc.constant('FirstBlood') }),
      ),
      route: fc.record({
        kind: fc.constantFrom<ListRoute['kind']>('user', 'userScid', 'userTitle', 'publicScid', 'publicTitle'),
        owner: fc.integer({ min: 0, max: 1 }),
        title: fc.integer({ min: 0, max: 1 }),
        saved: fc.boolean(),
        asMe: fc.boolean(),
      }),
      caller: fc.record({ user: fc.integer({ min: 0, max: 2 }), title: fc.constantFrom(0, 1, undefined) }),
      maxItems: fc.integer({ min: 1, max: 5 }),
      skipItems: fc.integer({ min: 1, max: 4 }),
      qualifier: fc.constantFrom<Qualifier>('created', 'rating', 'views'),
      order: fc.constantFrom<Order>('A', 'D'),
    });
    await runProperty(
      'a list holds exactly the clips the caller may read',
      fc.asyncProperty(scenario, async (s) => {
        const w = world();
        const clips = s.clips.map(({ achievementId, greatestMomentId, ...c }) =>
          clipOf({
            ...c,
            ...(achievementId === undefined ? {} : { achievementId }),
            ...(greatestMomentId === undefined ? {} : { greatestMomentId }),
            xuid: w.users[c.owner]!,
            scid: c.otherScid ? w.otherScid : w.scid,
            titleId: w.titles[c.title]!,
          }),
        );
        if (clips.length > 0) await h.server.store.insertClips(clips);
        const caller: ListCallerIdentity = { xuid: w.users[s.caller.user]!, scid: w.scid, ...(s.caller.title === undefined ? {} : { titleId: w.titles[s.caller.title] }) };
        const owner = w.users[s.route.owner]!;
        const titleId = w.titles[s.route.title]!;
        const route: ListRoute =
          s.route.kind === 'user' ? { kind: 'user', owner, saved: s.route.saved }
          : s.route.kind === 'userScid' ? { kind: 'userScid', owner, scid: w.scid, saved: s.route.saved }
          : s.route.kind === 'userTitle' ? { kind: 'userTitle', owner, titleId, saved: s.route.saved }
          : s.route.kind === 'publicScid' ? { kind: 'publicScid', scid: w.scid, saved: s.route.saved }
          : { kind: 'publicTitle', titleId, saved: s.route.saved };
        // Public lists are ordered by creation only, and filter by achievement or greatest
        // moment; user lists filter by event (either of the two).
        const isPublic = route.kind.startsWith('public');
        const qualifier = isPublic ? 'created' : s.qualifier;
        const filters: ListFilters = isPublic ? ('eventIds' in s.filters ? {} : s.filters) : 'eventIds' in s.filters ? s.filters : {};
        const filterQuery: Record<string, string> = {
          ...(filters.eventIds ? { eventId: filters.eventIds.join(',') } : {}),
          ...(filters.achievementId ? { achievementId: filters.achievementId } : {}),
          ...(filters.greatestMomentId ? { greatestMomentId: filters.greatestMomentId } : {}),
        };
        const authorization = await h.server.mintToken({ xuid: caller.xuid, scid: caller.scid, ...(caller.titleId === undefined ? {} : { titleId: caller.titleId }) });
        const lists = new ListCaller(h.server.url, authorization, h.fetch);
        const path = routePath(route, caller, s.route.asMe);
        const pages = await lists.walk({ path, query: { maxItems: s.maxItems, qualifier, order: s.order, ...filterQuery } });

        const listed = pages.flatMap((p) => p.gameClips);
        const forbidden = listed.filter((c) => !mayList(c, caller));
        expect(forbidden.map((c) => `${c.gameClipId} (${c.xuid}, ${c.visibility}, ${c.state}, title ${c.titleId})`)).toEqual([]);
        const expected = clips.filter((c) => routeSelects(route, c) && filtersSelect(filters, c) && mayList(c, caller));
        expect(ids(listed).sort()).toEqual(ids(expected).sort());
        expect(new Set(ids(listed)).size).toBe(listed.length);
        expect(orderBreaks(listed, qualifier, s.order)).toEqual([]);
        for (const page of pages) expect(page.gameClips.length).toBeLessThanOrEqual(s.maxItems);
        // The first page counts the list; pages after a token do not.
        expect(pages.map((p) => p.pagingInfo.totalItems)).toEqual([expected.length, ...pages.slice(1).map(() => undefined)]);
        // The other order is the same list reversed, ties included: one total order, both ways.
        const reversed = await lists.walk({ path, query: { maxItems: s.maxItems, qualifier, order: s.order === 'A' ? 'D' : 'A', ...filterQuery } });
        expect(ids(reversed.flatMap((p) => p.gameClips))).toEqual(ids(listed).reverse());
        // skipItems starts the same list further on, and the tokens from there go on to its end.
        const skipped = await lists.walk({ path, query: { maxItems: s.maxItems, qualifier, order: s.order, skipItems: s.skipItems, ...filterQuery } });
        expect(ids(skipped.flatMap((p) => p.gameClips))).toEqual(ids(listed).slice(s.skipItems));
      }),
    );
  });

  it('walks every page of a list once and in order while clips are added, deleted, viewed and rated between pages', async () => {
    type Change = { kind: 'add'; dateRecorded: string; views: number } | { kind: 'delete' | 'view'; pick: number } | { kind: 'rate'; pick: number; value: 1 | 2 | 3 | 4 | 5 };
    const change: fc.Arbitrary<Change> = fc.oneof(
      fc.record({ kind: fc.constant('add' as const), dateRecorded: recorded, views }),
      fc.record({ kind: fc.constantFrom('delete' as const, 'view' as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant('rate' as const), pick: fc.nat(), value: fc.constantFrom(1, 2, 3, 4, 5 as const) }),
    );
    const scenario = fc.record({
      initial: fc.array(fc.record({ dateRecorded: recorded, views, rating }), { minLength: 1, maxLength: 14 }),
      kind: fc.constantFrom('user' as const, 'userScid' as const, 'userTitle' as const),
      ownerCalls: fc.boolean(),
      maxItems: fc.integer({ min: 1, max: 6 }),
      qualifier: fc.constantFrom<Qualifier>('created', 'rating', 'views'),
      order: fc.constantFrom<Order>('A', 'D'),
      changes: fc.array(fc.array(change, { maxLength: 3 }), { maxLength: 16 }),
    });
    await runProperty(
      'a walk sees every clip that lives through it exactly once, in the order of the values at its start',
      fc.asyncProperty(scenario, async (s) => {
        const w = world();
        const [owner, viewer] = [w.users[0], w.users[1]];
        const titleId = w.titles[0];
        const initial = s.initial.map((c) => clipOf({ ...c, xuid: owner, scid: w.scid, titleId }));
        await h.server.store.insertClips(initial);
        const ownerAuth = await h.server.mintToken({ xuid: owner, scid: w.scid, titleId });
        const viewerAuth = await h.server.mintToken({ xuid: viewer, scid: w.scid, titleId });
        const caller: ListCallerIdentity = { xuid: s.ownerCalls ? owner : viewer, scid: w.scid, titleId };
        const route: ListRoute =
          s.kind === 'user' ? { kind: 'user', owner, saved: false }
          : s.kind === 'userScid' ? { kind: 'userScid', owner, scid: w.scid, saved: false }
          : { kind: 'userTitle', owner, titleId, saved: false };

        const live = new Map(initial.map((c) => [c.gameClipId, c]));
        /** Each clip as the walk orders it: as it was when the walk began, or when it was added. */
        const asWalked = new Map(initial.map((c) => [c.gameClipId, c]));
        /** Clips that did not live through the walk: added or deleted during it. */
        const transient = new Set<string>();
        const send = async (method: string, path: string, authorization: string, expected: number) => {
          const response = await h.fetch(`${h.server.url}${path}`, { method, headers: { Authorization: authorization, 'X-RequestedServiceVersion': '1' } });
          await response.arrayBuffer();
          expect(`${method} ${path} → ${response.status}`).toBe(`${method} ${path} → ${expected}`);
        };
        const order = listOrder(s.qualifier, s.order);
        /** Added clips that sort after the walk's position when added: the walk must reach them. */
        const dueAhead = new Set<string>();
        /** Deleted clips, by the number of pages read when they were deleted. */
        const deletedAfter = new Map<string, number>();
        const between = async (pages: readonly ListPage[]) => {
          const last = pages.flatMap((p) => p.gameClips).at(-1);
          const position = last && asWalked.get(last.gameClipId);
          for (const c of s.changes[pages.length - 1] ?? []) {
            const present = [...live.values()];
            if (c.kind === 'add') {
              const added = clipOf({ xuid: owner, scid: w.scid, titleId, dateRecorded: c.dateRecorded, views: c.views });
              await h.server.store.insertClips([added]);
              live.set(added.gameClipId, added);
              asWalked.set(added.gameClipId, added);
              transient.add(added.gameClipId);
              // Ahead when its value sorts strictly after the position (a tie goes either way).
              if (!position || order(added, position) > 0) dueAhead.add(added.gameClipId);
              continue;
            }
            if (present.length === 0) continue;
            const target = present[c.pick % present.length]!;
            const clipPath = `/users/me/scids/${w.scid}/clips/${target.gameClipId}`;
            if (c.kind === 'delete') {
              await send('DELETE', clipPath, ownerAuth, 204);
              live.delete(target.gameClipId);
              transient.add(target.gameClipId);
              dueAhead.delete(target.gameClipId);
              deletedAfter.set(target.gameClipId, pages.length);
            } else if (c.kind === 'view') {
              await send('POST', `/users/xuid(${owner})/scids/${w.scid}/clips/${target.gameClipId}/views`, viewerAuth, 200);
              // The walk keeps ordering it by its views when the walk began (or it was added).
              live.set(target.gameClipId, { ...target, views: target.views + 1 });
            } else if (c.kind === 'rate') {
              // One rater per run: the clip's mean becomes (its seeded rating + value) / 2 or the
              // value alone; the walk keeps ordering it by its rating when the walk began.
              await send('POST', `/users/xuid(${owner})/scids/${w.scid}/clips/${target.gameClipId}/ratings/${c.value}`, viewerAuth, 200);
            }
          }
        };
        const authorization = s.ownerCalls ? ownerAuth : viewerAuth;
        const lists = new ListCaller(h.server.url, authorization, h.fetch);
        const pages = await lists.walk({ path: routePath(route, caller, s.ownerCalls), query: { maxItems: s.maxItems, qualifier: s.qualifier, order: s.order } }, between);

        const listed = ids(pages.flatMap((p) => p.gameClips));
        const lasting = [...live.values()].filter((c) => !transient.has(c.gameClipId));
        // Every clip that lived through the walk is seen exactly once, however it was viewed or
        // rated meanwhile, in the order of its values when the walk began; no clip is seen twice.
        const seenLasting = listed.filter((id) => live.has(id) && !transient.has(id));
        expect([...seenLasting].sort()).toEqual(ids(lasting).sort());
        expect(new Set(listed).size).toBe(listed.length);
        expect(orderBreaks(listed.map((id) => asWalked.get(id)!), s.qualifier, s.order)).toEqual([]);
        // A clip added ahead of the walk's position is reached; a deleted clip is not seen again.
        expect([...dueAhead].filter((id) => !listed.includes(id))).toEqual([]);
        pages.forEach((page, index) => {
          const stale = page.gameClips.filter((c) => (deletedAfter.get(c.gameClipId) ?? Infinity) <= index);
          expect(ids(stale)).toEqual([]);
        });
        for (const page of pages) expect(page.gameClips.length).toBeLessThanOrEqual(s.maxItems);
      }),
    );
  });
});
