import { errorCodes, type UpdateMetadataRequest } from '@gameclips/types';
import { type RunningServer, startServer } from '@gameclips/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGameClipsClient, GameClipsApiError, type GameClipsClient, type GameClipsClientOptions } from '@gameclips/client';
import { FOREIGN_TOKEN } from '../test-values.js';

// Every method and every error status a client can provoke, over real HTTP against the
// reference server (in-memory store, demo data). Each test uses its own clips or reads the
// state before and after, so the order of the tests does not matter.

let server: RunningServer;
let owner: GameClipsClient;
let other: GameClipsClient;
let demo: RunningServer['demo'];

const ownerOf = (xuid: string) => `xuid(${xuid})` as const;
const code = (name: keyof typeof errorCodes) => errorCodes[name].code;

function clientFor(options: Omit<GameClipsClientOptions, 'baseUrl'>): GameClipsClient {
  return createGameClipsClient({ baseUrl: server.url, ...options } as GameClipsClientOptions);
}

/** The GameClipsApiError a call rejects with. */
async function apiError(call: Promise<unknown>): Promise<GameClipsApiError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof GameClipsApiError)) throw new Error(`expected a GameClipsApiError, got ${String(error)}`);
  return error;
}

beforeAll(async () => {
  server = await startServer({ seed: 'demo' });
  demo = server.demo;
  owner = clientFor({ token: await server.mintToken({ xuid: demo.ownerXuid, scid: demo.scid, titleId: demo.titleId }) });
  other = clientFor({ token: await server.mintToken({ xuid: demo.otherXuid, scid: demo.scid, titleId: demo.titleId }) });
});
afterAll(() => server.close());

describe('methods against the reference server', () => {
  it('getClip reads a clip and its ETag', async () => {
    const { clip, etag } = await owner.getClip({ scid: demo.scid, gameClipId: demo.clips.public });
    expect(clip).toMatchObject({
      gameClipId: demo.clips.public,
      xuid: demo.ownerXuid,
      scid: demo.scid,
      clipName: 'Triple takedown',
      visibility: 'Public',
    });
    expect(etag).toMatch(/^".+"$/);
    const byOther = await other.getClip({ ownerId: ownerOf(demo.ownerXuid), scid: demo.scid, gameClipId: demo.clips.public });
    expect(byOther.clip).toEqual(clip);
  });

  it('updateClipMetadata changes the members sent, keeps the others, and returns the new ETag', async () => {
    const ref = { scid: demo.scid, gameClipId: demo.clips.titleOnly };
    const before = await owner.getClip(ref);
    const { etag } = await owner.updateClipMetadata({ ...ref, body: { userCaption: 'Found it', titleData: '{"level":7}' } });
    const after = await owner.getClip(ref);
    expect(etag).not.toBe(before.etag);
    expect(after.etag).toBe(etag);
    expect(after.clip).toMatchObject({ userCaption: 'Found it', titleData: '{"level":7}', visibility: 'Title' });
    await owner.updateClipMetadata({ ...ref, ownerId: ownerOf(demo.ownerXuid), body: { visibility: 'Owner' }, ifMatch: etag });
    expect((await owner.getClip(ref)).clip).toMatchObject({ userCaption: 'Found it', visibility: 'Owner' });
  });

  it('rateClip keeps one rating per rater, the mean and the count', async () => {
    const ref = { ownerId: ownerOf(demo.ownerXuid), scid: demo.scid, gameClipId: demo.clips.fresh };
    await owner.rateClip({ ...ref, rating: 5 });
    await owner.rateClip({ ...ref, rating: 2 });
    expect((await owner.getClip(ref)).clip).toMatchObject({ rating: 2, ratingCount: 1 });
    const { etag } = await other.rateClip({ ...ref, rating: 4 });
    const { clip, etag: read } = await other.getClip(ref);
    expect(clip).toMatchObject({ rating: 3, ratingCount: 2 });
    expect(read).toBe(etag);
  });

  it('recordClipView adds one per call, concurrent calls included', async () => {
    const ref = { ownerId: ownerOf(demo.ownerXuid), scid: demo.scid, gameClipId: demo.clips.public };
    const { clip: before } = await other.getClip(ref);
    await Promise.all(Array.from({ length: 8 }, () => other.recordClipView(ref)));
    expect((await other.getClip(ref)).clip.views).toBe(before.views + 8);
  });

  it('flagClip hides the clip from everyone but its owner, stays 200 for the flagger, and others then get 404', async () => {
    const ref = { ownerId: ownerOf(demo.otherXuid), scid: demo.scid, gameClipId: demo.clips.othersPublic };
    const { etag } = await owner.flagClip(ref);
    expect(etag).toMatch(/^".+"$/);
    expect((await other.getClip({ ...ref, ownerId: 'me' })).clip.state).toBe('Flagged');
    expect((await apiError(owner.getClip(ref))).status).toBe(404);
    // Flagging is idempotent for the flagger, even once their flag hid the clip.
    expect((await owner.flagClip(ref)).etag).toBe(etag);
    const third = clientFor({ token: await server.mintToken({ xuid: '2533274790395999', scid: demo.scid }) });
    expect(await apiError(third.flagClip(ref))).toMatchObject({ status: 404, errorCode: code('ClipNotFound') });
  });

  it('sends every token form the service accepts', async () => {
    const claims = { xuid: demo.ownerXuid, scid: demo.scid };
    const bare = await server.mintToken({ ...claims, form: 'bare' });
    const clients = [
      clientFor({ token: await server.mintToken({ ...claims, form: 'xbl3' }) }),
      clientFor({ token: await server.mintToken({ ...claims, form: 'xauth' }) }),
      clientFor({ token: bare }),
      clientFor({ token: bare, authScheme: 'xauth' }),
      clientFor({ token: bare, authScheme: 'xbl3' }),
      clientFor({ token: bare, authScheme: 'xbl3', userHash: '3416547829' }),
      clientFor({ getToken: () => server.mintToken({ ...claims, ttlSeconds: 30 }) }),
    ];
    for (const client of clients) {
      const { clip } = await client.getClip({ scid: demo.scid, gameClipId: demo.clips.ownerOnly });
      expect(clip.visibility).toBe('Owner');
    }
  });
});

describe('error statuses against the reference server', () => {

  it('400: a path parameter or a body the contract rejects, and nothing is written', async () => {
    const ref = { scid: demo.scid, gameClipId: demo.clips.ownerOnly };
    const before = await owner.getClip(ref);
    const badId = await apiError(owner.getClip({ ...ref, gameClipId: 'not-a-clip-id' }));
    expect(badId).toMatchObject({ status: 400, errorCode: code('InvalidRequest') });
    // Bodies the types reject, sent anyway, as plain JavaScript could.
    const unknownMember = { userCaption: 'Kept?', extra: 1 } as UpdateMetadataRequest;
    const noneVisibility = { userCaption: 'Kept?', visibility: 'None' } as unknown as UpdateMetadataRequest;
    for (const body of [unknownMember, noneVisibility, { userCaption: 'x'.repeat(257), titleData: 'Kept?' }]) {
      const error = await apiError(owner.updateClipMetadata({ ...ref, body }));
      expect(error).toMatchObject({ status: 400, errorCode: code('InvalidRequest') });
    }
    const tooBig = await apiError(owner.updateClipMetadata({ ...ref, body: { userCaption: 'Kept?', titleData: 'é'.repeat(6000) } }));
    expect(tooBig).toMatchObject({ status: 400, errorCode: code('TitleDataTooLarge') });
    const none = await apiError(owner.updateClipMetadata({ ...ref, body: {} }));
    expect(none.status).toBe(400);
    expect(await owner.getClip(ref)).toEqual(before);
  });

  it('401: a missing, malformed, badly signed or expired token', async () => {
    const ref = { scid: demo.scid, gameClipId: demo.clips.public };
    const expired = await server.mintToken({ xuid: demo.ownerXuid, scid: demo.scid, ttlSeconds: -60 });
    const cases = [
      { token: '', errorCode: code('MissingToken') },
      { token: 'Bearer abc', errorCode: code('MissingToken') },
      { token: 'not-a-jwt', errorCode: code('InvalidToken') },
      { token: FOREIGN_TOKEN, errorCode: code('InvalidToken') },
      { token: expired, errorCode: code('InvalidToken') },
    ];
    for (const { token, errorCode } of cases) {
      expect(await apiError(clientFor({ token }).getClip(ref))).toMatchObject({ status: 401, errorCode });
    }
  });

  it('403: a scid that is not the caller\'s, and an owner-only change to another user\'s clip (8377)', async () => {
    const otherScid = '11111111-2222-3333-4444-555555555555';
    const elsewhere = clientFor({ token: await server.mintToken({ xuid: demo.ownerXuid, scid: otherScid }) });
    const scidMismatch = await apiError(elsewhere.getClip({ scid: demo.scid, gameClipId: demo.clips.public }));
    expect(scidMismatch).toMatchObject({ status: 403, errorCode: code('ScidMismatch') });

    const ref = { ownerId: ownerOf(demo.ownerXuid), scid: demo.scid, gameClipId: demo.clips.public };
    const xuidMismatch = await apiError(other.updateClipMetadata({ ...ref, body: { userCaption: 'Mine now' } }));
    expect(xuidMismatch).toMatchObject({
      status: 403,
      errorCode: 8377,
      errorMessage: 'XUID specified in the claim does not match URI XUID',
    });
  });

  it('404: an unknown clip, and clips the caller may not see', async () => {
    const unknown = await apiError(owner.getClip({ scid: demo.scid, gameClipId: '00000000-0000-4000-8000-000000000000' }));
    expect(unknown).toMatchObject({ status: 404, errorCode: code('ClipNotFound') });
    const hidden = [demo.clips.ownerOnly, demo.clips.othersFlagged];
    for (const gameClipId of hidden) {
      const owned = gameClipId === demo.clips.ownerOnly ? demo.ownerXuid : demo.otherXuid;
      const viewer = owned === demo.ownerXuid ? other : owner;
      const error = await apiError(viewer.recordClipView({ ownerId: ownerOf(owned), scid: demo.scid, gameClipId }));
      expect(error).toMatchObject({ status: 404, errorCode: code('ClipNotFound') });
    }
  });

  it('406: an unsupported service version', async () => {
    const token = await server.mintToken({ xuid: demo.ownerXuid, scid: demo.scid });
    const v2 = clientFor({ token, serviceVersion: '2' });
    const error = await apiError(v2.getClip({ scid: demo.scid, gameClipId: demo.clips.public }));
    expect(error).toMatchObject({ status: 406, errorCode: code('UnsupportedServiceVersion') });
  });

  it('412: an If-Match that is not the current ETag, and nothing changes', async () => {
    const ref = { scid: demo.scid, gameClipId: demo.clips.ownerOnly };
    const { etag: stale } = await owner.getClip(ref);
    // Only a metadata update moves the ETag (views and ratings do not).
    await owner.updateClipMetadata({ ...ref, body: { titleData: '{"stale":true}' } });
    const before = await owner.getClip(ref);
    const writes = [
      () => owner.updateClipMetadata({ ...ref, body: { userCaption: 'Lost update' }, ifMatch: stale }),
      () => owner.rateClip({ ...ref, rating: 1, ifMatch: stale }),
      () => owner.flagClip({ ...ref, ifMatch: stale }),
      () => owner.recordClipView({ ...ref, ifMatch: stale }),
    ];
    for (const write of writes) {
      expect(await apiError(write())).toMatchObject({ status: 412, errorCode: code('PreconditionFailed') });
    }
    expect(await owner.getClip(ref)).toEqual(before);
  });

  it('413: a body larger than the service accepts', async () => {
    const ref = { scid: demo.scid, gameClipId: demo.clips.ownerOnly };
    const error = await apiError(owner.updateClipMetadata({ ...ref, body: { titleData: 'x'.repeat(70_000) } }));
    expect(error).toMatchObject({ status: 413, errorCode: code('PayloadTooLarge') });
  });

  it('415: a body that is not JSON, sent through raw, comes back as an error value', async () => {
    const { data, error, response } = await owner.raw.POST('/users/{ownerId}/scids/{scid}/clips/{gameClipId}', {
      params: {
        path: { ownerId: 'me', scid: demo.scid, gameClipId: demo.clips.ownerOnly },
        header: { 'X-RequestedServiceVersion': '1' },
      },
      body: { userCaption: 'plain' },
      bodySerializer: (body) => `userCaption=${body.userCaption ?? ''}`,
      headers: { 'Content-Type': 'text/plain' },
    });
    expect(data).toBeUndefined();
    expect(response.status).toBe(415);
    expect(error).toMatchObject({ errorCode: code('UnsupportedMediaType') });
  });

  it('429 and 503 with Retry-After, once retries are spent', async () => {
    const ref = { scid: demo.scid, gameClipId: demo.clips.public };
    const once = clientFor({ token: await server.mintToken({ xuid: demo.ownerXuid, scid: demo.scid }), retry: false });
    try {
      for (const status of [429, 503] as const) {
        server.setFaults({ rate: 1, status, retryAfterSeconds: 7 });
        const error = await apiError(once.getClip(ref));
        expect(error).toMatchObject({ status, retryAfter: 7 });
        expect(error.errorCode).toBe(status === 429 ? code('TooManyRequests') : code('ServiceUnavailable'));
      }
    } finally {
      server.setFaults({ rate: 0 });
    }
  });
});
