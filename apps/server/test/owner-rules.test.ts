import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodeOf, TestApi, type TestCaller } from './support/api-client.js';

// DESIGN rules 1-3: the scid claim, owner-only metadata, atomic updates.
let api: TestApi;
let owner: TestCaller;
let other: TestCaller;
const OTHER_SCID = '11111111-2222-4333-8444-555555555555';

beforeAll(async () => {
  api = await TestApi.start();
  owner = await api.caller(api.demo.ownerXuid);
  other = await api.caller(api.demo.otherXuid);
});
afterAll(() => api.close());

describe('rule 1: the path scid must be the caller scid', () => {
  const suffixes = ['', '/ratings/3', '/flag', '/views'];

  it.each(suffixes)('answers 403 ScidMismatch on POST %s with another scid', async (suffix) => {
    const url = api.clipUrl(api.demo.clips.public, { scid: OTHER_SCID, suffix });
    const response = suffix ? await api.post(url, owner) : await api.postJson(url, owner, { userCaption: 'x' });
    expect(response.status).toBe(403);
    expect(errorCodeOf(response)).toBe(4030);
  });

  it('answers 403 on a read with another scid, even for a caller of that scid', async () => {
    const elsewhere = await api.caller(api.demo.ownerXuid, { scid: OTHER_SCID });
    expect((await api.get(api.clipUrl(api.demo.clips.public), elsewhere)).status).toBe(403);
    const response = await api.get(api.clipUrl(api.demo.clips.public, { scid: OTHER_SCID }), owner);
    expect(errorCodeOf(response)).toBe(4030);
  });
});

describe('rule 2: metadata update is owner-only', () => {
  it('lets the owner update through me and through their own xuid()', async () => {
    const viaMe = await api.postJson(api.clipUrl(api.demo.clips.fresh), owner, { userCaption: 'by me' });
    expect(viaMe.status).toBe(200);
    const viaXuid = await api.postJson(api.clipUrl(api.demo.clips.fresh, { ownerId: `xuid(${owner.xuid})` }), owner, {
      userCaption: 'by xuid',
    });
    expect(viaXuid.status).toBe(200);
    expect((await api.stored(api.demo.clips.fresh)).userCaption).toBe('by xuid');
  });

  it.each([
    ['the caption', { userCaption: 'not mine' }],
    ['the visibility', { visibility: 'Public' }],
    ['the title data', { titleData: '{}' }],
  ])('denies another user changing %s with 403 and errorCode 8377', async (_what, body) => {
    const before = await api.stored(api.demo.clips.public);
    const url = api.clipUrl(api.demo.clips.public, { ownerId: `xuid(${api.demo.ownerXuid})` });
    const response = await api.postJson(url, other, body);
    expect(response.status).toBe(403);
    expect(response.json).toEqual({ errorCode: 8377, errorMessage: 'XUID specified in the claim does not match URI XUID' });
    expect(await api.stored(api.demo.clips.public)).toEqual(before);
  });

  it('denies with 8377 even when the clip does not exist', async () => {
    const url = api.clipUrl('99999999-9999-4999-8999-999999999999', { ownerId: 'xuid(42)' });
    expect(errorCodeOf(await api.postJson(url, owner, { userCaption: 'x' }))).toBe(8377);
  });

  it("answers 404 when a user edits another's clip through me (it is not theirs)", async () => {
    const response = await api.postJson(api.clipUrl(api.demo.clips.public), other, { userCaption: 'x' });
    expect(response.status).toBe(404);
    expect(errorCodeOf(response)).toBe(4040);
  });
});

describe('rule 3: one invalid member fails the whole update', () => {
  const bad: Array<[string, unknown]> = [
    ['visibility None', { userCaption: 'ok', visibility: 'None' }],
    ['an unknown visibility', { userCaption: 'ok', visibility: 'Friends' }],
    ['an unknown member', { userCaption: 'ok', rating: 5 }],
    ['a caption of the wrong type', { userCaption: 7, visibility: 'Public' }],
    ['title data over 10 KB of UTF-8', { userCaption: 'ok', titleData: 'é'.repeat(5121) }],
    ['a caption too long', { userCaption: 'x'.repeat(257), titleData: 'ok' }],
    ['no member at all', {}],
    ['an array', [{ userCaption: 'ok' }]],
    ['null', null],
    ['a null member', { userCaption: null }],
    ['a __proto__ member', '{"userCaption":"ok","__proto__":{"visibility":"Public"}}'],
  ];

  it.each(bad)('rejects %s with 400 and writes nothing', async (_what, body) => {
    const before = await api.stored(api.demo.clips.ownerOnly);
    const response = await api.postJson(api.clipUrl(api.demo.clips.ownerOnly), owner, body);
    expect(response.status).toBe(400);
    expect([4000, 4002, 4003]).toContain(errorCodeOf(response));
    expect(await api.stored(api.demo.clips.ownerOnly)).toEqual(before);
  });

  it('names the byte limit when title data is too large', async () => {
    const response = await api.postJson(api.clipUrl(api.demo.clips.ownerOnly), owner, { titleData: '€'.repeat(3414) });
    expect(response.status).toBe(400);
    expect(errorCodeOf(response)).toBe(4003);
  });

  it('accepts title data of exactly 10,240 UTF-8 bytes and keeps the other members', async () => {
    const before = await api.stored(api.demo.clips.ownerOnly);
    const titleData = 'é'.repeat(5120);
    const response = await api.postJson(api.clipUrl(api.demo.clips.ownerOnly), owner, { titleData });
    expect(response.status).toBe(200);
    const after = await api.stored(api.demo.clips.ownerOnly);
    expect(after).toMatchObject({ titleData, userCaption: before.userCaption, visibility: before.visibility });
    expect(after.lastModified > before.lastModified).toBe(true);
  });

  it('applies all members of a valid update', async () => {
    const body = { userCaption: "I've changed this 100 Times!", visibility: 'Owner', titleData: "{ 'Id': '123456' }" };
    expect((await api.postJson(api.clipUrl(api.demo.clips.titleOnly), owner, body)).status).toBe(200);
    expect(await api.stored(api.demo.clips.titleOnly)).toMatchObject(body);
  });
});
