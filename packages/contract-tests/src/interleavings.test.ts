import type { GameClipsClient } from '@gameclips/client';
import { demoClips } from '@gameclips/server';
import type { GameClip, UpdateMetadataRequest } from '@gameclips/types';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Harness } from './harness.js';
import { runProperty } from './run-property.js';
import { statusOf } from './status-of.js';

// Random interleavings of updates, views, ratings, flags and reads by several users, run
// concurrently, checked against a model of DESIGN.md's rules.

type User = 'owner' | 'sameTitle' | 'otherTitle';
interface Model {
  clip: Pick<GameClip, 'userCaption' | 'visibility' | 'titleData'>;
  views: number;
  ratings: Map<User, number>;
  flagged: boolean;
  /** Who has flagged the clip: flagging again is 200 for them, even once it is hidden. */
  flaggers: Set<User>;
}
type Action =
  | { kind: 'update'; user: User; body: UpdateMetadataRequest }
  | { kind: 'view' | 'flag' | 'read'; user: User }
  | { kind: 'rate'; user: User; value: 1 | 2 | 3 | 4 | 5 };

let h: Harness;
let clients: Record<User, GameClipsClient>;
let counter = 0;

beforeAll(async () => {
  h = await Harness.start();
  clients = {
    owner: await h.client(h.demo.ownerXuid),
    sameTitle: await h.client('4001', { titleId: h.demo.titleId }),
    otherTitle: await h.client('4002', { titleId: h.demo.otherTitleId }),
  };
});
afterAll(() => {
  expect(h.checker.violations).toEqual([]);
  return h.close();
});

function sees(model: Model, user: User): boolean {
  if (user === 'owner') return true;
  if (model.flagged || model.clip.visibility === 'Owner') return false;
  return model.clip.visibility !== 'Title' || user === 'sameTitle';
}

const user = fc.constantFrom<User>('owner', 'sameTitle', 'otherTitle');
const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constant('update' as const), user, body: fc.record({ userCaption: fc.string({ maxLength: 20 }), visibility: fc.constantFrom('Default', 'Owner', 'Title', 'Public' as const) }, { requiredKeys: ['visibility'] }) }),
  fc.record({ kind: fc.constantFrom('view' as const, 'read' as const), user }),
  fc.record({ kind: fc.constant('flag' as const), user }),
  fc.record({ kind: fc.constant('rate' as const), user, value: fc.constantFrom(1, 2, 3, 4, 5 as const) }),
);

function perform(a: Action, gameClipId: string): Promise<number> {
  const ref = { ownerId: `xuid(${h.demo.ownerXuid})` as const, scid: h.demo.scid, gameClipId };
  const client = clients[a.user];
  if (a.kind === 'update') return statusOf(client.updateClipMetadata({ ...ref, body: a.body }));
  if (a.kind === 'view') return statusOf(client.recordClipView(ref));
  if (a.kind === 'flag') return statusOf(client.flagClip(ref));
  if (a.kind === 'rate') return statusOf(client.rateClip({ ...ref, rating: a.value }));
  return statusOf(client.getClip(ref));
}

it('never breaks a rule, whatever runs at once', async () => {
  await runProperty(
    'interleavings of users never break a rule',
    fc.asyncProperty(fc.array(fc.array(action, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }), async (rounds) => {
      counter += 1;
      const gameClipId = `d0000000-0000-4000-8000-${counter.toString(16).padStart(12, '0')}`;
      await h.server.store.insertClips([{ ...demoClips[0]!, gameClipId, visibility: 'Public', userCaption: '', titleData: '', rating: 0, ratingCount: 0, views: 0 }]);
      const model: Model = { clip: { userCaption: '', visibility: 'Public', titleData: '' }, views: 0, ratings: new Map(), flagged: false, flaggers: new Set() };
      for (const round of rounds) {
        // Actions of a round run concurrently, so only those whose outcome does not depend
        // on order are allowed together: visibility changes and flags go in a round alone.
        const changesVisibility = round.some((a) => a.kind === 'flag' || (a.kind === 'update' && a.user === 'owner'));
        // Two ratings by one user at once would leave either value: keep the first.
        const batch = changesVisibility ? [round[0]!] : round.filter((a, i) => a.kind !== 'rate' || round.findIndex((b) => b.kind === 'rate' && b.user === a.user) === i);
        const statuses = await Promise.all(batch.map((a) => perform(a, gameClipId)));
        batch.forEach((a, i) => {
          const status = statuses[i]!;
          if (a.kind === 'update') {
            expect(status).toBe(a.user === 'owner' ? 200 : 403);
            if (status === 200) model.clip = { ...model.clip, ...a.body };
            return;
          }
          const repeatedFlag = a.kind === 'flag' && model.flaggers.has(a.user);
          expect(status).toBe(sees(model, a.user) || repeatedFlag ? 200 : 404);
          if (status !== 200) return;
          if (a.kind === 'view') model.views += 1;
          if (a.kind === 'rate') model.ratings.set(a.user, a.value);
          if (a.kind === 'flag') {
            model.flagged = true;
            model.flaggers.add(a.user);
          }
        });
      }
      const { clip } = await clients.owner.getClip({ scid: h.demo.scid, gameClipId });
      const sum = [...model.ratings.values()].reduce((x, y) => x + y, 0);
      expect(clip).toMatchObject({
        ...model.clip,
        views: model.views,
        ratingCount: model.ratings.size,
        rating: model.ratings.size ? sum / model.ratings.size : 0,
        state: model.flagged ? 'Flagged' : 'Published',
      });
    }),
  );
});
