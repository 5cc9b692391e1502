import type { GameClip } from '@gameclips/types';
import { describe, expectTypeOf, it } from 'vitest';
import { createGameClipsClient } from './create-game-clips-client.js';
import type { ListClipsResult } from './method-results.js';

// Type-level tests of the list methods, checked by `tsc`: each @ts-expect-error line must
// fail to compile. The calls sit in functions that are never run.

const client = createGameClipsClient({ baseUrl: 'http://localhost:8080', token: 't' });
const scid = '00000000-0000-0000-0000-00007a3b9c1d';

describe('list method types', () => {
  it('resolve to a page and iterate clips', () => {
    expectTypeOf(client.listClips).returns.resolves.toEqualTypeOf<ListClipsResult>();
    expectTypeOf<ListClipsResult['continuationToken']>().toEqualTypeOf<string | null>();
    expectTypeOf(client.clips).returns.toEqualTypeOf<AsyncGenerator<GameClip, void, undefined>>();
    expectTypeOf(client.deleteClip).returns.resolves.toBeVoid();
  });

  it('take the contract enums and one scope at most', () => {
    () => {
      void client.listClips({ scid, saved: true, qualifier: 'views', order: 'A', type: ['Achievement'], eventId: 'e' });
      void client.listClips({ ownerId: 'xuid(2533274790395904)', titleId: 2058984733 });
      // @ts-expect-error qualifier is created, rating or views
      void client.listClips({ qualifier: 'likes' });
      // @ts-expect-error order is D or A
      void client.listClips({ order: 'd' });
      // @ts-expect-error a scid and a title at once name no route
      void client.listClips({ scid, titleId: 1 });
      // @ts-expect-error ownerId is me or xuid(N)
      void client.listClips({ ownerId: 'someone' });
      void client.listPublicClips({ titleId: 1, achievementId: 'a' });
      // @ts-expect-error a public list needs a scid or a title
      void client.listPublicClips({ saved: true });
      // @ts-expect-error public lists have no qualifier: they are by creation only
      void client.listPublicClips({ scid, qualifier: 'views' });
      // @ts-expect-error public lists do not filter by type
      void client.clips({ public: true, scid, type: 'Achievement' });
      // @ts-expect-error the iterator follows the tokens itself
      void client.clips({ continuationToken: 'x' });
      // @ts-expect-error deleteClip needs the clip's id
      void client.deleteClip({ scid });
    };
  });
});
