import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodeOf, send, TestApi, type TestCaller } from './support/api-client.js';

// DESIGN rules 8 and 9: every refusal has its status, a ServiceErrorResponse and no 500.
let api: TestApi;
let owner: TestCaller;
let clip: string;

beforeAll(async () => {
  api = await TestApi.start({ tokenSecret: 'a-test-secret-of-at-least-32-bytes!!' });
  owner = await api.caller(api.demo.ownerXuid);
  clip = api.clipUrl(api.demo.clips.public);
});
afterAll(() => api.close());

async function token(claims: Record<string, unknown>, secret = 'a-test-secret-of-at-least-32-bytes!!'): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(secret));
}

describe('rule 8: 401 for a missing, malformed, badly signed or expired token', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const cases: Array<[string, () => Promise<string | undefined>, number]> = [
    ['no Authorization header', async () => undefined, 4010],
    ['an unknown scheme', async () => `Bearer ${await token({ xuid: '1', scid: 's', exp: now() + 60 })}`, 4010],
    ['XBL3.0 without a user hash', async () => `XBL3.0 ${await token({ xuid: '1', scid: 's', exp: now() + 60 })}`, 4010],
    ['a token that is not a JWT', async () => 'XBL3.0 x=abc;not-a-jwt', 4011],
    ['a token signed with another secret', async () => `Xauth=${await token({ xuid: '1', scid: api.demo.scid, exp: now() + 60 }, 'another-secret-another-secret-xx')}`, 4011],
    ['an expired token', async () => `Xauth=${await token({ xuid: api.demo.ownerXuid, scid: api.demo.scid, exp: now() - 10 })}`, 4011],
    ['a token without exp', async () => `Xauth=${await token({ xuid: api.demo.ownerXuid, scid: api.demo.scid })}`, 4011],
    ['a token without xuid', async () => `Xauth=${await token({ scid: api.demo.scid, exp: now() + 60 })}`, 4011],
    ['a token with a xuid that is not digits', async () => `Xauth=${await token({ xuid: 'abc', scid: api.demo.scid, exp: now() + 60 })}`, 4011],
  ];

  it.each(cases)('answers 401 for %s', async (_what, header, code) => {
    const authorization = await header();
    const response = await send(clip, { headers: { 'X-RequestedServiceVersion': '1', ...(authorization ? { Authorization: authorization } : {}) } });
    expect(response.status).toBe(401);
    expect(errorCodeOf(response)).toBe(code);
  });

  it('accepts both header forms', async () => {
    const bare = await api.server.mintToken({ xuid: api.demo.ownerXuid, scid: api.demo.scid, form: 'bare' });
    for (const authorization of [`XBL3.0 x=anyhash;${bare}`, `Xauth=${bare}`]) {
      expect((await send(clip, { headers: { 'X-RequestedServiceVersion': '1', Authorization: authorization } })).status).toBe(200);
    }
  });
});

describe('rule 8: versions, media types, sizes, preconditions, routes and methods', () => {
  it('answers 400 without X-RequestedServiceVersion', async () => {
    const response = await send(clip, { headers: { Authorization: owner.authorization } });
    expect([response.status, errorCodeOf(response)]).toEqual([400, 4001]);
  });

  it.each(['2', 'vnext', '1.0'])('answers 406 for the unsupported version %s', async (version) => {
    const response = await api.get(clip, owner, { 'X-RequestedServiceVersion': version });
    expect([response.status, errorCodeOf(response)]).toEqual([406, 4060]);
  });

  it.each(['text/html', 'application/xml', 'image/*'])('answers 406 for Accept: %s', async (accept) => {
    const response = await api.get(clip, owner, { Accept: accept });
    expect([response.status, errorCodeOf(response)]).toEqual([406, 4061]);
  });

  it.each(['application/json', '*/*', 'application/*', 'text/html, application/json;q=0.5'])('serves Accept: %s', async (accept) => {
    expect((await api.get(clip, owner, { Accept: accept })).status).toBe(200);
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'application/xml'])('answers 415 for a %s body', async (type) => {
    const response = await api.postJson(clip, owner, '{"userCaption":"x"}', { 'Content-Type': type });
    expect([response.status, errorCodeOf(response)]).toEqual([415, 4150]);
  });

  it('answers 400 for malformed JSON', async () => {
    const response = await api.postJson(clip, owner, '{"userCaption": ');
    expect([response.status, errorCodeOf(response)]).toEqual([400, 4002]);
  });

  it('answers 413 for a body over 64 KiB', async () => {
    const response = await api.postJson(clip, owner, { titleData: 'x'.repeat(70_000) });
    expect([response.status, errorCodeOf(response)]).toEqual([413, 4130]);
  });

  it('answers 412 when If-Match does not match, and changes nothing', async () => {
    const before = await api.stored(api.demo.clips.public);
    for (const ifMatch of ['"0-0"', 'W/"x"', 'garbage']) {
      const response = await api.postJson(clip, owner, { userCaption: 'stale' }, { 'If-Match': ifMatch });
      expect([response.status, errorCodeOf(response)]).toEqual([412, 4120]);
    }
    expect(await api.stored(api.demo.clips.public)).toEqual(before);
  });

  it.each(['/nope', '/users/me', '/users/me/scids/x', '/public/clips', `/users/me/scids/${'0'.repeat(8)}/clips/x/y/z`])('answers a JSON 404 for the unknown route %s', async (path) => {
    const response = await api.get(`${api.server.url}${path}`, owner);
    expect([response.status, errorCodeOf(response)]).toEqual([404, 4041]);
  });

  it.each(['PUT', 'PATCH'])('answers 405 with Allow for %s on a clip', async (method) => {
    const response = await send(clip, { method, headers: api.headers(owner) });
    expect([response.status, errorCodeOf(response)]).toEqual([405, 4050]);
    expect(response.headers.get('allow')).toMatch(/GET/);
  });

  it('answers 405 for GET on a write-only route', async () => {
    const response = await api.get(api.clipUrl(api.demo.clips.public, { suffix: '/views' }), owner);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });

  it.each([
    ['an ownerId that is neither me nor xuid()', api => api.clipUrl(api.demo.clips.public, { ownerId: 'you' })],
    ['a scid that is not a GUID', api => api.clipUrl(api.demo.clips.public, { scid: 'not-a-guid' })],
    ['a clip id that is not a GUID', api => api.clipUrl('clip-1')],
    ['a clip id too long', api => api.clipUrl(`${api.demo.clips.fresh}-${'a'.repeat(40)}`)],
  ] as Array<[string, (api: TestApi) => string]>)('answers 400 for %s', async (_what, url) => {
    const response = await api.get(url(api), owner);
    expect([response.status, errorCodeOf(response)]).toEqual([400, 4000]);
  });

  it('answers 400 for an unknown query parameter', async () => {
    const response = await api.get(`${clip}?debug=1`, owner);
    expect([response.status, errorCodeOf(response)]).toEqual([400, 4000]);
  });
});

describe('rule 9: no stack trace, no 500', () => {
  it('keeps error bodies to errorCode and errorMessage, with no file paths', async () => {
    const responses = await Promise.all([
      api.postJson(clip, owner, '{'),
      api.get(`${api.server.url}/users/me/scids/%ZZ/clips/x`, owner),
      api.postJson(clip, owner, { userCaption: { nested: [1, 2, 3] } }),
    ]);
    for (const response of responses) {
      expect(response.status).toBeLessThan(500);
      errorCodeOf(response);
      expect(response.text).not.toMatch(/\bat .*\.(js|ts):\d+|node_modules|Error:/);
    }
  });
});
