import type { GameClip, UpdateMetadataRequest, paths } from '@gameclips/types';
import type { Client } from 'openapi-fetch';
import { describe, expectTypeOf, it } from 'vitest';
import { createGameClipsClient } from './create-game-clips-client.js';
import type { GameClipsClientOptions } from './game-clips-client-options.js';
import type { Rating, UpdateClipMetadataParams } from './method-params.js';
import type { GetClipResult, WriteResult } from './method-results.js';

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

  it('expose the openapi-fetch client, whose errors are values', async () => {
    expectTypeOf(client.raw).toEqualTypeOf<Client<paths, 'application/json'>>();
    const read = () =>
      client.raw.GET('/users/{ownerId}/scids/{scid}/clips/{gameClipId}', {
        params: { path: { ownerId: 'me', ...clip }, header: { 'X-RequestedServiceVersion': '1' } },
      });
    type Read = Awaited<ReturnType<typeof read>>;
    expectTypeOf<NonNullable<Read['data']>['gameClip']>().toEqualTypeOf<GameClip>();
    expectTypeOf<NonNullable<Read['error']>>().toHaveProperty('errorCode').toEqualTypeOf<number | null>();
  });
});
