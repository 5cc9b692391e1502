import { afterEach, describe, expect, it } from 'vitest';
import { errorCodeOf, TestApi } from './support/api-client.js';

// DESIGN rules 4-6: ratings, flags and views.
let api: TestApi;
afterEach(() => api?.close());

describe('rule 4: ratings', () => {
  it.each(['0', '6', '-1', '1.5', 'five', '3e0', '00003x', '9999999999999999999', '03', '3.0', '%203', '+3'])('rejects the rating %s with 400', async (value) => {
    api = await TestApi.start();
    const rater = await api.caller(api.demo.otherXuid);
    const before = await api.stored(api.demo.clips.fresh);
    const response = await api.post(api.clipUrl(api.demo.clips.fresh, { ownerId: `xuid(${api.demo.ownerXuid})`, suffix: `/ratings/${value}` }), rater);
    expect(response.status).toBe(400);
    expect(errorCodeOf(response)).toBe(4000);
    expect(await api.stored(api.demo.clips.fresh)).toEqual(before);
  });

  it('reads a percent-encoded digit as that digit (`%33` is `3`), as every path parameter', async () => {
    api = await TestApi.start();
    const rater = await api.caller(api.demo.otherXuid);
    const response = await api.post(api.clipUrl(api.demo.clips.fresh, { ownerId: `xuid(${api.demo.ownerXuid})`, suffix: '/ratings/%33' }), rater);
    expect(response.status).toBe(200);
    expect(await api.stored(api.demo.clips.fresh)).toMatchObject({ ratingCount: 1, rating: 3 });
  });

  it('keeps one rating per rater, replacing an earlier one, and the exact mean', async () => {
    api = await TestApi.start();
    const url = (value: number) => api.clipUrl(api.demo.clips.fresh, { ownerId: `xuid(${api.demo.ownerXuid})`, suffix: `/ratings/${value}` });
    const a = await api.caller('1001');
    const b = await api.caller('1002');
    const c = await api.caller('1003');
    for (const [rater, value] of [[a, 5], [b, 2], [a, 1], [c, 4], [b, 3]] as const) {
      expect((await api.post(url(value), rater)).status).toBe(200);
    }
    // a: 1, b: 3, c: 4
    expect(await api.stored(api.demo.clips.fresh)).toMatchObject({ ratingCount: 3, rating: 8 / 3 });
  });

  it('adds new ratings to the ratings a clip was seeded with', async () => {
    api = await TestApi.start();
    // The public demo clip was seeded with rating 4.5 from 2 raters.
    const rater = await api.caller('1001');
    await api.post(api.clipUrl(api.demo.clips.public, { ownerId: `xuid(${api.demo.ownerXuid})`, suffix: '/ratings/3' }), rater);
    expect(await api.stored(api.demo.clips.public)).toMatchObject({ ratingCount: 3, rating: 4 });
  });
});

describe('rule 5: flags', () => {
  const flagUrl = (api: TestApi, id: string) => api.clipUrl(id, { ownerId: `xuid(${api.demo.ownerXuid})`, suffix: '/flag' });

  it('at the default threshold of 1, flags the clip and hides it (404) from all but its owner', async () => {
    api = await TestApi.start();
    const flagger = await api.caller(api.demo.otherXuid);
    const bystander = await api.caller('1003');
    const owner = await api.caller(api.demo.ownerXuid);
    expect((await api.post(flagUrl(api, api.demo.clips.public), flagger)).status).toBe(200);
    expect((await api.stored(api.demo.clips.public)).state).toBe('Flagged');
    const readUrl = api.clipUrl(api.demo.clips.public, { ownerId: `xuid(${api.demo.ownerXuid})` });
    for (const caller of [flagger, bystander]) {
      const response = await api.get(readUrl, caller);
      expect(response.status).toBe(404);
      expect(errorCodeOf(response)).toBe(4040);
    }
    const own = await api.get(api.clipUrl(api.demo.clips.public), owner);
    expect(own.status).toBe(200);
    expect(own.json.gameClip.state).toBe('Flagged');
  });

  it('answers the flagger 200 again once their flag hid the clip, and changes nothing; others and other routes get 404', async () => {
    api = await TestApi.start();
    const flagger = await api.caller(api.demo.otherXuid);
    const bystander = await api.caller('1003');
    const url = flagUrl(api, api.demo.clips.public);
    const first = await api.post(url, flagger);
    expect(first.status).toBe(200);
    const before = await api.stored(api.demo.clips.public);
    expect(before.state).toBe('Flagged');

    const again = await api.post(url, flagger);
    expect(again.status).toBe(200);
    expect(again.headers.get('etag')).toBe(first.headers.get('etag'));
    // A stale If-Match is still refused, a current one still passes.
    expect((await api.post(url, flagger, { 'If-Match': '"stale-1"' })).status).toBe(412);
    expect((await api.post(url, flagger, { 'If-Match': first.headers.get('etag')! })).status).toBe(200);
    expect(await api.stored(api.demo.clips.public)).toEqual(before);

    const clip = (suffix: string) => api.clipUrl(api.demo.clips.public, { ownerId: `xuid(${api.demo.ownerXuid})`, suffix });
    for (const response of [
      await api.get(clip(''), flagger),
      await api.post(clip('/views'), flagger),
      await api.post(clip('/ratings/3'), flagger),
      await api.post(url, bystander),
      // The flagger names another owner: no clip of theirs has this id.
      await api.post(api.clipUrl(api.demo.clips.public, { ownerId: `xuid(${api.demo.otherXuid})`, suffix: '/flag' }), flagger),
    ]) {
      expect(response.status).toBe(404);
      expect(errorCodeOf(response)).toBe(4040);
    }
    expect(await api.stored(api.demo.clips.public)).toEqual(before);
  });

  it('records one flag per user, idempotently, and flags at the configured threshold', async () => {
    api = await TestApi.start({ flagThreshold: 2 });
    const first = await api.caller('1001');
    const second = await api.caller('1002');
    const r1 = await api.post(flagUrl(api, api.demo.clips.public), first);
    const r2 = await api.post(flagUrl(api, api.demo.clips.public), first);
    expect([r1.status, r2.status]).toEqual([200, 200]);
    expect(r2.headers.get('etag')).toBe(r1.headers.get('etag'));
    expect((await api.stored(api.demo.clips.public)).state).toBe('Published');
    expect((await api.post(flagUrl(api, api.demo.clips.public), second)).status).toBe(200);
    expect((await api.stored(api.demo.clips.public)).state).toBe('Flagged');
  });
});

describe('rule 6: views', () => {
  it('adds exactly one per call, and concurrent calls lose none', async () => {
    api = await TestApi.start();
    const viewer = await api.caller(api.demo.otherXuid);
    const url = api.clipUrl(api.demo.clips.public, { ownerId: `xuid(${api.demo.ownerXuid})`, suffix: '/views' });
    const before = (await api.stored(api.demo.clips.public)).views;
    expect((await api.post(url, viewer)).status).toBe(200);
    expect((await api.stored(api.demo.clips.public)).views).toBe(before + 1);
    const statuses = await Promise.all(Array.from({ length: 200 }, () => api.post(url, viewer).then((r) => r.status)));
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect((await api.stored(api.demo.clips.public)).views).toBe(before + 201);
  });
});
