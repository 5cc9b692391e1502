/**
 * Rules 10-12 over HTTP: the list routes, their query parameters and bounds, the read rule
 * on every clip of a page, and continuation tokens that are signed keyset positions.
 */
import type { GameClip } from '@gameclips/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodeOf, TestApi, type TestCaller } from './support/api-client.js';

const OTHER_SCID = '11111111-2222-4333-8444-555555555555';
const WALKER = '2533274790399999';

describe('clip lists (rules 10-12)', () => {
  let api: TestApi;
  let owner: TestCaller;
  let other: TestCaller;
  let otherTitle: TestCaller;
  const url = (path: string) => `${api.server.url}${path}`;
  const names = (body: { gameClips: GameClip[] }) => body.gameClips.map((clip) => clip.clipName);

  beforeAll(async () => {
    api = await TestApi.start();
    owner = await api.caller(api.demo.ownerXuid);
    other = await api.caller(api.demo.otherXuid);
    otherTitle = await api.caller(api.demo.otherXuid, { titleId: api.demo.otherTitleId });
  });
  afterAll(async () => {
    await api.close();
  });

  it("lists the owner's clips, newest first, with totalItems and no token on the only page", async () => {
    const response = await api.get(url('/users/me/clips'), owner);
    expect(response.status).toBe(200);
    expect(names(response.json)).toEqual(['Cliff jump', 'First win', 'Secret level', 'Practice run', 'Triple takedown']);
    expect(response.json.pagingInfo).toEqual({ continuationToken: null, totalItems: 5 });
    expect(response.headers.get('etag')).toBeNull();
    expect(response.headers.get('x-requestedserviceversion')).toBe('1');
  });

  it("shows another user only the owner's published clips they may read (rule 11)", async () => {
    const path = url(`/users/xuid(${api.demo.ownerXuid})/clips`);
    expect(names((await api.get(path, other)).json)).toEqual(['Cliff jump', 'First win', 'Secret level', 'Triple takedown']);
    expect(names((await api.get(path, otherTitle)).json)).toEqual(['Cliff jump', 'First win', 'Triple takedown']);
    // Their own flagged clip is theirs to see; to the owner of the others it is not there.
    expect(names((await api.get(url('/users/me/clips'), other)).json)).toEqual(['Questionable', 'Photo finish']);
    expect(names((await api.get(url(`/users/xuid(${api.demo.otherXuid})/clips`), owner)).json)).toEqual(['Photo finish']);
  });

  it('never lists a pending or processing clip to anyone but its owner', async () => {
    const base = (await api.stored(api.demo.clips.othersPublic)) as GameClip;
    await api.server.store.insertClips([
      { ...base, gameClipId: '0c000000-0000-4000-8000-00000000000a', clipName: 'Uploading', state: 'PendingUpload', savedByUser: false, dateRecorded: '2026-10-20T00:00:00.000Z' },
      { ...base, gameClipId: '0c000000-0000-4000-8000-00000000000b', clipName: 'Encoding', state: 'Processing', savedByUser: false, dateRecorded: '2026-10-21T00:00:00.000Z' },
    ]);
    const seen = names((await api.get(url(`/public/scids/${api.demo.scid}/clips?qualifier=created&maxItems=100`), owner)).json);
    expect(seen).not.toContain('Uploading');
    expect(seen).not.toContain('Encoding');
    expect(seen).not.toContain('Questionable');
    expect(seen).not.toContain('Photo finish' + 'x');
    expect(names((await api.get(url('/users/me/clips?maxItems=2'), other)).json)).toEqual(['Encoding', 'Uploading']);
  });

  it('lists saved clips, clips of a scid and clips of a title', async () => {
    const scid = api.demo.scid;
    expect(names((await api.get(url('/users/me/clips/saved'), owner)).json)).toEqual(['Cliff jump', 'Secret level', 'Triple takedown']);
    expect(names((await api.get(url(`/users/me/scids/${scid}/clips/saved`), owner)).json)).toEqual(['Cliff jump', 'Secret level', 'Triple takedown']);
    expect(names((await api.get(url(`/users/me/titles/${api.demo.otherTitleId}/clips`), owner)).json)).toEqual(['Cliff jump']);
    expect(names((await api.get(url(`/users/me/titles/${api.demo.otherTitleId}/clips/saved`), owner)).json)).toEqual(['Cliff jump']);
    expect(names((await api.get(url(`/public/titles/${api.demo.otherTitleId}/clips?qualifier=created`), other)).json)).toEqual(['Cliff jump']);
    expect(names((await api.get(url(`/public/scids/${scid}/clips/saved?qualifer=created`), other)).json)).toEqual([
      'Cliff jump',
      'Secret level',
      'Triple takedown',
      'Photo finish',
    ]);
    expect(names((await api.get(url(`/public/titles/${api.demo.titleId}/clips/saved?qualifier=created`), otherTitle)).json)).toEqual([
      'Triple takedown',
      'Photo finish',
    ]);
  });

  it('orders by views and rating, descending or ascending, and filters by type and event', async () => {
    expect(names((await api.get(url('/users/me/clips?qualifier=views'), owner)).json).slice(0, 2)).toEqual(['Triple takedown', 'Cliff jump']);
    expect(names((await api.get(url('/users/me/clips?qualifer=rating&order=D'), owner)).json).slice(0, 2)).toEqual(['Triple takedown', 'Cliff jump']);
    expect(names((await api.get(url('/users/me/clips?order=A'), owner)).json)[0]).toBe('Triple takedown');
    expect(names((await api.get(url('/users/me/clips?type=achievement'), owner)).json)).toEqual(['First win']);
    expect(names((await api.get(url('/users/me/clips?eventId=TripleTakedown,FirstWin'), owner)).json)).toEqual(['First win', 'Triple takedown']);
    const publicByAchievement = await api.get(url(`/public/scids/${api.demo.scid}/clips?qualifier=created&achievementId=FirstWin`), other);
    expect(names(publicByAchievement.json)).toEqual(['First win']);
  });

  it('routes with {scid} follow rule 1: another scid is 403', async () => {
    for (const path of [`/users/me/scids/${OTHER_SCID}/clips`, `/users/me/scids/${OTHER_SCID}/clips/saved`, `/public/scids/${OTHER_SCID}/clips?qualifier=created`]) {
      const response = await api.get(url(path), owner);
      expect([response.status, errorCodeOf(response)], path).toEqual([403, 4030]);
    }
  });

  it.each([
    '/users/me/clips?maxItems=0',
    '/users/me/clips?maxItems=101',
    '/users/me/clips?maxItems=ten',
    '/users/me/clips?maxItems=2&maxItems=3',
    '/users/me/clips?skipItems=-1',
    '/users/me/clips?skipItems=10001',
    `/users/me/clips?continuationToken=${'A'.repeat(37)}`,
    '/users/me/clips?continuationToken=',
    '/users/me/clips?continuationToken=abc%2Bdef',
    '/users/me/clips?order=X',
    '/users/me/clips?order=d',
    '/users/me/clips?qualifier=likes',
    '/users/me/clips?qualifier=views&qualifer=rating',
    '/users/me/clips?type=Achievement;drop',
    '/users/me/clips?eventId=',
    '/users/me/clips?achievementId=x',
    '/users/me/clips?unknown=1',
    '/users/me/titles/4294967296/clips',
    '/users/me/titles/12ab/clips',
    '/public/titles/1/clips',
    '/public/titles/1/clips?qualifier=views',
    '/public/titles/1/clips?qualifer=rating',
    '/public/titles/1/clips?qualifier=created&type=Achievement',
    '/public/titles/1/clips?qualifier=created&qualifer=views',
  ])('answers 400 with a ServiceErrorResponse, never a 500, for %s', async (path) => {
    const response = await api.get(url(path), owner);
    expect(response.status).toBe(400);
    expect(errorCodeOf(response)).toBe(4000);
  });

  describe('continuation tokens (rule 12)', () => {
    let walker: TestCaller;
    const clipOf = (n: number, changes: Partial<GameClip> = {}): GameClip => ({
      gameClipId: `0d000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
      xuid: WALKER,
      scid: api.demo.scid,
      titleId: api.demo.titleId,
      state: 'Published',
      // Three clips per minute: equal sort values, broken by id.
      dateRecorded: new Date(Date.UTC(2026, 5, 1) + Math.floor(n / 3) * 60_000).toISOString(),
      lastModified: '2026-06-01T00:00:00.000Z',
      clipName: `Walk ${n}`,
      userCaption: '',
      type: 'UserGenerated',
      source: 'Console',
      visibility: n % 5 === 0 ? 'Owner' : 'Public',
      durationInSeconds: 10,
      rating: 0,
      ratingCount: 0,
      views: n % 4,
      titleData: '',
      thumbnails: [],
      gameClipUris: [],
      ...changes,
    });

    beforeAll(async () => {
      walker = await api.caller(WALKER);
      await api.server.store.insertClips(Array.from({ length: 60 }, (_, n) => clipOf(n)));
    });

    async function walk(path: string, caller: TestCaller, between?: (page: number) => Promise<void>): Promise<{ names: string[]; tokens: string[] }> {
      const seen: string[] = [];
      const tokens: string[] = [];
      let token: string | null = null;
      for (let page = 0; page < 100; page += 1) {
        const response = await api.get(url(`${path}${token ? `&continuationToken=${token}` : ''}`), caller);
        expect(response.status, response.text).toBe(200);
        seen.push(...names(response.json));
        if (page === 0) expect(response.json.pagingInfo.totalItems).toBeTypeOf('number');
        else expect(response.json.pagingInfo).not.toHaveProperty('totalItems');
        token = response.json.pagingInfo.continuationToken;
        if (!token) return { names: seen, tokens };
        tokens.push(token);
        await between?.(page);
      }
      throw new Error('the walk did not end');
    }

    it('walks every page: each clip once, in order, with tokens of at most 36 base64url characters', async () => {
      const all = names((await api.get(url(`/users/xuid(${WALKER})/clips?maxItems=100`), other)).json);
      expect(all).toHaveLength(48);
      const walked = await walk(`/users/xuid(${WALKER})/clips?maxItems=7`, other);
      expect(walked.names).toEqual(all);
      for (const token of walked.tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{1,36}$/);
    });

    it('keeps every clip that exists for the whole walk exactly once while others are added, deleted and viewed', async () => {
      const path = `/users/me/clips?maxItems=6`;
      const before = names((await api.get(url('/users/me/clips?maxItems=100'), walker)).json);
      const deleted: string[] = [];
      const walked = await walk(path, walker, async (page) => {
        const listed = names((await api.get(url('/users/me/clips?maxItems=100&order=A'), walker)).json);
        const victim = listed[page]!;
        deleted.push(victim);
        const id = `0d000000-0000-4000-8000-${victim.slice(5).padStart(12, '0')}`;
        expect((await api.send(url(`/users/me/scids/${api.demo.scid}/clips/${id}`), 'DELETE', walker)).status).toBe(204);
        await api.server.store.insertClips([clipOf(1000 + page, { dateRecorded: '2027-01-01T00:00:00.000Z' })]);
        await api.post(api.clipUrl(`0d000000-0000-4000-8000-${String(20 + page).padStart(12, '0')}`, { ownerId: `xuid(${WALKER})`, suffix: '/views' }), other);
      });
      const survivors = before.filter((name) => !deleted.includes(name));
      expect(walked.names.filter((name) => survivors.includes(name))).toEqual(survivors);
      expect(new Set(walked.names).size).toBe(walked.names.length);
    });

    it('gives totalItems up to 1,000 clips: counted on a first page, the page itself on a last one', async () => {
      const path = `/users/xuid(${WALKER})/clips`;
      const total = (await api.get(url(`${path}?maxItems=100`), owner)).json.pagingInfo.totalItems as number;
      expect((await api.get(url(`${path}?maxItems=3`), owner)).json.pagingInfo.totalItems).toBe(total);
      expect((await api.get(url(`${path}?maxItems=3&skipItems=${total - 2}`), owner)).json.pagingInfo).toEqual({ continuationToken: null, totalItems: total });
      expect((await api.get(url(`${path}?maxItems=3&skipItems=${total + 5}`), owner)).json.pagingInfo).toEqual({ continuationToken: null, totalItems: total });
      const many = Array.from({ length: 1001 }, (_, n) => clipOf(5000 + n, { xuid: '2533274790397777', visibility: 'Public' }));
      await api.server.store.insertClips(many);
      const long = await api.get(url('/users/xuid(2533274790397777)/clips?maxItems=5'), owner);
      expect(long.json.pagingInfo).not.toHaveProperty('totalItems');
      expect(long.json.pagingInfo.continuationToken).toBeTypeOf('string');
    });

    it('lets the token win over skipItems, and skipItems start a walk further on', async () => {
      const all = names((await api.get(url(`/users/xuid(${WALKER})/clips?maxItems=100`), owner)).json);
      const skipped = await api.get(url(`/users/xuid(${WALKER})/clips?maxItems=5&skipItems=10`), owner);
      expect(names(skipped.json)).toEqual(all.slice(10, 15));
      const token = skipped.json.pagingInfo.continuationToken as string;
      const next = await api.get(url(`/users/xuid(${WALKER})/clips?maxItems=5&skipItems=40&continuationToken=${token}`), owner);
      expect(names(next.json)).toEqual(all.slice(15, 20));
    });

    it('refuses an altered token, and a token of another query or caller, with 400 and errorCode 4005', async () => {
      const first = await api.get(url(`/users/xuid(${WALKER})/clips?maxItems=5`), owner);
      const token = first.json.pagingInfo.continuationToken as string;
      const flipped = token.slice(0, 10) + (token[10] === 'A' ? 'B' : 'A') + token.slice(11);
      const refusals = [
        [`/users/xuid(${WALKER})/clips?maxItems=5&continuationToken=${flipped}`, owner],
        [`/users/xuid(${WALKER})/clips?maxItems=5&continuationToken=${token.slice(0, 35)}`, owner],
        [`/users/xuid(${WALKER})/clips?maxItems=5&order=A&continuationToken=${token}`, owner],
        [`/users/xuid(${WALKER})/clips?maxItems=5&qualifier=views&continuationToken=${token}`, owner],
        [`/users/xuid(${WALKER})/clips/saved?maxItems=5&continuationToken=${token}`, owner],
        [`/users/xuid(${WALKER})/clips?maxItems=5&continuationToken=${token}`, other],
      ] as const;
      for (const [path, caller] of refusals) {
        const response = await api.get(url(path), caller);
        expect([response.status, errorCodeOf(response)], path).toEqual([400, 4005]);
      }
      // maxItems may change along a walk.
      expect((await api.get(url(`/users/xuid(${WALKER})/clips?maxItems=9&continuationToken=${token}`), owner)).status).toBe(200);
    });
  });
});

describe('continuation tokens expire with their walk', () => {
  let api: TestApi;
  const clock = { ms: Date.parse('2026-11-01T10:00:00.000Z') };

  beforeAll(async () => {
    api = await TestApi.start({ lists: { clock: () => clock.ms } });
  });
  afterAll(async () => {
    await api.close();
  });

  it('answers a token of a walk older than an hour with 400 and errorCode 4006, and a younger one with its next page', async () => {
    const owner = await api.caller(api.demo.ownerXuid);
    const path = `${api.server.url}/users/me/clips?maxItems=2&qualifier=views`;
    const first = await api.get(path, owner);
    const token = first.json.pagingInfo.continuationToken as string;
    expect(token).toMatch(/^[A-Za-z0-9_-]{36}$/);
    clock.ms += 50 * 60_000;
    expect((await api.get(`${path}&continuationToken=${token}`, owner)).status).toBe(200);
    clock.ms += 11 * 60_000;
    const expired = await api.get(`${path}&continuationToken=${token}`, owner);
    expect([expired.status, errorCodeOf(expired)]).toEqual([400, 4006]);
    expect(expired.json.errorMessage).toMatch(/expired/);
    // A new walk starts where the first page is.
    expect((await api.get(path, owner)).json.gameClips).toEqual(first.json.gameClips);
  });
});
