/** Rule 13 over HTTP: delete is owner-only, removes the clip with its ratings and flags, and a second delete is 404. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorCodeOf, TestApi, type TestCaller } from './support/api-client.js';

describe('deleting a clip (rule 13)', () => {
  let api: TestApi;
  let owner: TestCaller;
  let other: TestCaller;

  beforeEach(async () => {
    api = await TestApi.start();
    owner = await api.caller(api.demo.ownerXuid);
    other = await api.caller(api.demo.otherXuid);
  });
  afterEach(async () => {
    await api.close();
  });

  it('answers 204 with no body, then the clip is gone from reads and lists, and a second delete is 404', async () => {
    const clip = api.clipUrl(api.demo.clips.public);
    const deleted = await api.send(clip, 'DELETE', owner);
    expect([deleted.status, deleted.text, deleted.headers.get('etag')]).toEqual([204, '', null]);
    expect(deleted.headers.get('x-requestedserviceversion')).toBe('1');
    const read = await api.get(clip, owner);
    expect([read.status, errorCodeOf(read)]).toEqual([404, 4040]);
    const listed = await api.get(`${api.server.url}/users/me/clips`, owner);
    expect(listed.json.gameClips.map((c: { gameClipId: string }) => c.gameClipId)).not.toContain(api.demo.clips.public);
    const again = await api.send(clip, 'DELETE', owner);
    expect([again.status, errorCodeOf(again)]).toEqual([404, 4040]);
  });

  it('accepts the owner as xuid(N) too', async () => {
    const response = await api.send(api.clipUrl(api.demo.clips.fresh, { ownerId: `xuid(${api.demo.ownerXuid})` }), 'DELETE', owner);
    expect(response.status).toBe(204);
  });

  it("refuses another user's xuid with 403 8377, and another user's clip under me with 404, deleting nothing", async () => {
    const byName = await api.send(api.clipUrl(api.demo.clips.public, { ownerId: `xuid(${api.demo.ownerXuid})` }), 'DELETE', other);
    expect([byName.status, errorCodeOf(byName)]).toEqual([403, 8377]);
    const underMe = await api.send(api.clipUrl(api.demo.clips.public), 'DELETE', other);
    expect([underMe.status, errorCodeOf(underMe)]).toEqual([404, 4040]);
    const otherScid = await api.send(api.clipUrl(api.demo.clips.public, { scid: '11111111-2222-4333-8444-555555555555' }), 'DELETE', owner);
    expect([otherScid.status, errorCodeOf(otherScid)]).toEqual([403, 4030]);
    expect((await api.get(api.clipUrl(api.demo.clips.public), owner)).status).toBe(200);
  });

  it('takes the ratings and flags along: the clip loaded again under its id has none', async () => {
    const id = api.demo.clips.othersPublic;
    const original = await api.stored(id);
    const clip = api.clipUrl(id, { ownerId: `xuid(${api.demo.otherXuid})` });
    expect((await api.post(`${clip}/ratings/1`, owner)).status).toBe(200);
    expect((await api.post(`${clip}/flag`, owner)).status).toBe(200);
    expect((await api.send(api.clipUrl(id), 'DELETE', other)).status).toBe(204);
    await api.server.store.insertClips([original]);
    expect(await api.stored(id)).toMatchObject({ rating: original.rating, ratingCount: original.ratingCount, state: 'Published' });
    expect(await api.server.store.hasFlagged({ scid: api.demo.scid, gameClipId: id }, api.demo.ownerXuid)).toBe(false);
  });
});
