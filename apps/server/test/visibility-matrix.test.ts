import type { GameClip } from '@gameclips/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoClips } from '../src/index.js';
import { errorCodeOf, TestApi, type TestCaller, type TestResponse } from './support/api-client.js';

// DESIGN rule 7 and the owner / other user / other title matrix, for every operation.
const OWNER = '2533274790395904';
const TITLE = 2058984733;
const template = demoClips[0]!;
const clips = {
  public: { ...template, gameClipId: 'a0000000-0000-4000-8000-000000000001', visibility: 'Public' },
  default: { ...template, gameClipId: 'a0000000-0000-4000-8000-000000000002', visibility: 'Default' },
  ownerOnly: { ...template, gameClipId: 'a0000000-0000-4000-8000-000000000003', visibility: 'Owner' },
  titleOnly: { ...template, gameClipId: 'a0000000-0000-4000-8000-000000000004', visibility: 'Title' },
  flagged: { ...template, gameClipId: 'a0000000-0000-4000-8000-000000000005', state: 'Flagged' },
  banned: { ...template, gameClipId: 'a0000000-0000-4000-8000-000000000006', state: 'Banned' },
} satisfies Record<string, GameClip>;
type ClipName = keyof typeof clips;
type CallerName = 'owner' | 'otherUser' | 'otherTitle' | 'noTitle';
type Operation = 'getClip' | 'updateClipMetadata' | 'rateClip' | 'flagClip' | 'recordClipView';

/** Who may see which clip: 200 where seen, 404 (never 403) where not. */
const sees: Record<CallerName, Record<ClipName, boolean>> = {
  owner: { public: true, default: true, ownerOnly: true, titleOnly: true, flagged: true, banned: true },
  otherUser: { public: true, default: true, ownerOnly: false, titleOnly: true, flagged: false, banned: false },
  otherTitle: { public: true, default: true, ownerOnly: false, titleOnly: false, flagged: false, banned: false },
  noTitle: { public: true, default: true, ownerOnly: false, titleOnly: false, flagged: false, banned: false },
};

function expected(operation: Operation, caller: CallerName, clip: ClipName): number {
  if (operation === 'updateClipMetadata' && caller !== 'owner') return 403;
  return sees[caller][clip] ? 200 : 404;
}

let api: TestApi;
let callers: Record<CallerName, TestCaller>;

beforeAll(async () => {
  // A threshold no test reaches, so flagging in one cell does not change another.
  api = await TestApi.start({ seed: Object.values(clips), flagThreshold: 1_000_000 });
  callers = {
    owner: await api.caller(OWNER, { titleId: TITLE }),
    otherUser: await api.caller('2533274790395905', { titleId: TITLE }),
    otherTitle: await api.caller('2533274790395906', { titleId: 1717113201 }),
    noTitle: await api.server.mintToken({ xuid: '2533274790395907', scid: api.demo.scid }).then((authorization) => ({ xuid: '2533274790395907', authorization })),
  };
});
afterAll(() => api.close());

function call(operation: Operation, caller: TestCaller, clip: GameClip): Promise<TestResponse> {
  const ownerId = `xuid(${OWNER})`;
  switch (operation) {
    case 'getClip':
      return api.get(api.clipUrl(clip.gameClipId, { ownerId }), caller);
    case 'updateClipMetadata':
      return api.postJson(api.clipUrl(clip.gameClipId, { ownerId }), caller, { userCaption: `edited by ${caller.xuid}` });
    case 'rateClip':
      return api.post(api.clipUrl(clip.gameClipId, { ownerId, suffix: '/ratings/4' }), caller);
    case 'flagClip':
      return api.post(api.clipUrl(clip.gameClipId, { ownerId, suffix: '/flag' }), caller);
    case 'recordClipView':
      return api.post(api.clipUrl(clip.gameClipId, { ownerId, suffix: '/views' }), caller);
  }
}

const operations: Operation[] = ['getClip', 'updateClipMetadata', 'rateClip', 'flagClip', 'recordClipView'];
const cells = operations.flatMap((operation) =>
  (Object.keys(sees) as CallerName[]).flatMap((caller) =>
    (Object.keys(clips) as ClipName[]).map((clip) => [operation, caller, clip, expected(operation, caller, clip)] as const),
  ),
);

describe('operation x caller x clip', () => {
  it.each(cells)('%s by %s on the %s clip answers %i', async (operation, caller, clip, status) => {
    const before = await api.server.store.getClip({ scid: api.demo.scid, gameClipId: clips[clip].gameClipId });
    const response = await call(operation, callers[caller], clips[clip]);
    expect(response.status).toBe(status);
    if (status === 200) {
      expect(response.headers.get('etag')).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
      return;
    }
    expect(errorCodeOf(response)).toBe(status === 403 ? 8377 : 4040);
    const after = await api.server.store.getClip({ scid: api.demo.scid, gameClipId: clips[clip].gameClipId });
    expect(after).toEqual(before);
  });

  it('reads back what the owner sees, with the counters of the public actions', async () => {
    const response = await call('getClip', callers.owner, clips.public);
    expect(response.json.gameClip).toMatchObject({ gameClipId: clips.public.gameClipId, userCaption: `edited by ${OWNER}` });
    expect(response.json.gameClip.views).toBeGreaterThanOrEqual(3);
  });
});
