import type { ErrorCode, GameClip, UpdateMetadataRequest, paths } from '@gameclips/types';
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import { describe, expectTypeOf, it } from 'vitest';
import { createGameClipsClient } from './create-game-clips-client.js';
import { GameClipsApiError } from './game-clips-api-error.js';
import type { GameClipsClientOptions } from './game-clips-client-options.js';
import type { Rating, UpdateClipMetadataParams } from './method-params.js';
import type { GetClipResult, WriteResult } from './method-results.js';
import type { RawPaths } from './raw-paths.js';

// Type-level tests, checked by `tsc` (the typecheck script). The calls below sit in functions
// that are never run: each @ts-expect-error line must fail to compile, or tsc reports it unused.

const client = createGameClipsClient({ baseUrl: 'http://localhost:8080', token: 't' });
const clip = { scid: '00000000-0000-0000-0000-00007a3b9c1d', gameClipId: '7c9b4a3e-8f2d-4e1a-9b6c-2d5f8e7a1c30' };

describe('client types', () => {
  it('take ratings 1 to 5 only', () => {
    expectTypeOf<Rating>().toEqualTypeOf<1 | 2 | 3 | 4 | 5>();
    expectTypeOf(client.rateClip).parameter(0).toHaveProperty('rating').toEqualTypeOf<Rating>();
    () => {
      void client.rateClip({ ...clip, rating: 5 });
      // @ts-expect-error a rating of 6 is out of range
      void client.rateClip({ ...clip, rating: 6 });
      // @ts-expect-error a rating of 0 is out of range
      void client.rateClip({ ...clip, rating: 0 });
      // @ts-expect-error a rating is a number, not a string
      void client.rateClip({ ...clip, rating: '4' });
    };
  });

  it('type the update body from the contract and reject unknown members', () => {
    expectTypeOf<UpdateClipMetadataParams['body']>().toEqualTypeOf<UpdateMetadataRequest>();
    () => {
      void client.updateClipMetadata({ ...clip, body: { userCaption: 'GG', visibility: 'Owner', titleData: '{}' } });
      // @ts-expect-error `caption` is not a member of UpdateMetadataRequest
      void client.updateClipMetadata({ ...clip, body: { caption: 'GG' } });
      // @ts-expect-error `Friends` is not a GameClipVisibility
      void client.updateClipMetadata({ ...clip, body: { visibility: 'Friends' } });
      // @ts-expect-error the body is required
      void client.updateClipMetadata({ ...clip });
    };
  });

  it('require scid and gameClipId, and take ownerId as me or xuid(N)', () => {
    () => {
      // @ts-expect-error scid is missing
      void client.getClip({ gameClipId: clip.gameClipId });
      // @ts-expect-error scid is missing
      void client.flagClip({ gameClipId: clip.gameClipId });
      // @ts-expect-error gameClipId is missing
      void client.recordClipView({ scid: clip.scid });
      void client.getClip({ ...clip, ownerId: 'me' });
      void client.getClip({ ...clip, ownerId: 'xuid(2533274790395904)' });
      const xuid: string = '2533274790395904';
      void client.getClip({ ...clip, ownerId: `xuid(${xuid})` });
      // @ts-expect-error a bare XUID is not an owner id: it needs the xuid(...) form
      void client.getClip({ ...clip, ownerId: '2533274790395904' });
    };
  });

  it('resolve reads to the GameClip and writes to the ETag', () => {
    expectTypeOf(client.getClip).returns.resolves.toEqualTypeOf<GetClipResult>();
    expectTypeOf<GetClipResult['clip']>().toEqualTypeOf<GameClip>();
    expectTypeOf(client.updateClipMetadata).returns.resolves.toEqualTypeOf<WriteResult>();
    expectTypeOf(client.rateClip).returns.resolves.toEqualTypeOf<WriteResult>();
    expectTypeOf(client.flagClip).returns.resolves.toEqualTypeOf<WriteResult>();
    expectTypeOf(client.recordClipView).returns.resolves.toEqualTypeOf<WriteResult>();
    expectTypeOf<WriteResult['etag']>().toEqualTypeOf<string | undefined>();
  });

  it('type a read\'s ETag as a string, so ifMatch is never undefined by accident', () => {
    expectTypeOf<GetClipResult['etag']>().toEqualTypeOf<string>();
    async () => {
      const { etag } = await client.getClip(clip);
      expectTypeOf(etag).toEqualTypeOf<string>();
      void client.updateClipMetadata({ ...clip, body: { userCaption: 'GG' }, ifMatch: etag });
    };
  });

  it('type errorCode from the contract\'s error-code table', () => {
    expectTypeOf<GameClipsApiError['errorCode']>().toEqualTypeOf<ErrorCode | null>();
    (error: GameClipsApiError) => {
      void (error.errorCode === 8377);
      // @ts-expect-error 9999 is not a code of the contract's table
      void (error.errorCode === 9999);
    };
  });

  it('take a token or a getToken, not both nor neither', () => {
    expectTypeOf({ baseUrl: 'u', token: 't' }).toExtend<GameClipsClientOptions>();
    expectTypeOf({ baseUrl: 'u', getToken: async () => 't' }).toExtend<GameClipsClientOptions>();
    () => {
      // @ts-expect-error no token at all
      createGameClipsClient({ baseUrl: 'u' });
      // @ts-expect-error a token and a getToken
      createGameClipsClient({ baseUrl: 'u', token: 't', getToken: () => 't' });
      // @ts-expect-error an unknown auth scheme
      createGameClipsClient({ baseUrl: 'u', token: 't', authScheme: 'bearer' });
    };
  });

  it('take per-client headers and openapi-fetch middleware', () => {
    expectTypeOf({ 'MS-CV': 'a.1' }).toExtend<GameClipsClientOptions['headers']>();
    expectTypeOf([['MS-CV', 'a.1']] as [string, string][]).toExtend<GameClipsClientOptions['headers']>();
    expectTypeOf<GameClipsClientOptions['middleware']>().toEqualTypeOf<readonly Middleware[] | undefined>();
    const log: Middleware = { onResponse: ({ response }) => void response.status };
    createGameClipsClient({ baseUrl: 'u', token: 't', headers: { 'MS-CV': 'a.1' }, middleware: [log] });
    createGameClipsClient({ baseUrl: 'u', token: 't', headers: new Headers(), middleware: [] });
    () => {
      // @ts-expect-error a header value is a string
      createGameClipsClient({ baseUrl: 'u', token: 't', headers: { 'MS-CV': 1 } });
      // @ts-expect-error middleware is a list of openapi-fetch middleware objects, not functions
      createGameClipsClient({ baseUrl: 'u', token: 't', middleware: [(request: Request) => request] });
    };
  });

  it('expose the openapi-fetch client, whose errors are values', async () => {
    expectTypeOf(client.raw).toEqualTypeOf<Client<RawPaths, 'application/json'>>();
    const read = () =>
      client.raw.GET('/users/{ownerId}/scids/{scid}/clips/{gameClipId}', {
        params: { path: { ownerId: 'me', ...clip }, header: { 'X-RequestedServiceVersion': '1' } },
      });
    type Read = Awaited<ReturnType<typeof read>>;
    expectTypeOf<NonNullable<Read['data']>['gameClip']>().toEqualTypeOf<GameClip>();
    expectTypeOf<NonNullable<Read['error']>>().toHaveProperty('errorCode').toEqualTypeOf<number | null>();
  });

  it('let raw calls leave out X-RequestedServiceVersion, which the middleware sends', () => {
    const CLIP = '/users/{ownerId}/scids/{scid}/clips/{gameClipId}';
    type RawHeader = NonNullable<RawPaths[typeof CLIP]['get']['parameters']['header']>;
    expectTypeOf<RawHeader['X-RequestedServiceVersion']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<RawPaths[typeof CLIP]['get']['parameters']['path']>().toEqualTypeOf<
      paths[typeof CLIP]['get']['parameters']['path']
    >();
    () => {
      void client.raw.GET(CLIP, { params: { path: { ownerId: 'me', ...clip } } });
      void client.raw.POST(`${CLIP}/flag`, { params: { path: { ownerId: 'me', ...clip }, header: { 'If-Match': '"e"' } } });
      void client.raw.POST(CLIP, { params: { path: { ownerId: 'me', ...clip } }, body: { userCaption: 'GG' } });
      // @ts-expect-error the path parameters are still required
      void client.raw.GET(CLIP, { params: { path: { ownerId: 'me' } } });
      // @ts-expect-error the version is still a string when given
      void client.raw.GET(CLIP, { params: { path: { ownerId: 'me', ...clip }, header: { 'X-RequestedServiceVersion': 1 } } });
      // @ts-expect-error the body is still typed from the contract
      void client.raw.POST(CLIP, { params: { path: { ownerId: 'me', ...clip } }, body: { visibility: 'Friends' } });
      // The contract asks for one of two version headers, which its types cannot say: neither is required there.
      void createClient<paths>().GET(CLIP, { params: { path: { ownerId: 'me', ...clip } } });
    };
  });
});

describe('upload and download types', () => {
  it('take a Blob or bytes, or a stream with its size, and resolve to the published clip', () => {
    const scid = clip.scid;
    () => {
      expectTypeOf(client.uploadClip(new Uint8Array(1), { scid })).toEqualTypeOf<Promise<GameClip>>();
      void client.uploadClip(new Blob(['x']), { scid, parallel: 2, onProgress: ({ loaded, total }) => loaded / total });
      void client.uploadClip(new Blob(['x']).stream(), { scid, size: 1 });
      // @ts-expect-error a stream needs its size
      void client.uploadClip(new Blob(['x']).stream(), { scid });
      // @ts-expect-error fileSize is filled in from the data, not given in metadata
      void client.uploadClip(new Uint8Array(1), { scid, metadata: { fileSize: 1 } });
      // @ts-expect-error a string is not clip data
      void client.uploadClip('bytes', { scid });
    };
  });

  it('take one range of bytes in one of three forms', () => {
    () => {
      void client.downloadClip({ uri: 'http://localhost/x' }, { range: { start: 0, end: 9 } });
      void client.downloadClip({ uri: 'http://localhost/x' }, { range: { start: 10 } });
      void client.downloadClip({ uri: 'http://localhost/x' }, { range: { last: 10 } });
      // @ts-expect-error a range is from a start or the last n bytes, not both
      void client.downloadClip({ uri: 'http://localhost/x' }, { range: { start: 0, last: 10 } });
      // @ts-expect-error an end needs a start
      void client.downloadClip({ uri: 'http://localhost/x' }, { range: { end: 10 } });
    };
  });
});
