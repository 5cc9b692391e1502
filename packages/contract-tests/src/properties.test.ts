import { GameClipsApiError, type GameClipsClient } from '@gameclips/client';
import { demoClips } from '@gameclips/server';
import type { GameClip, UpdateMetadataRequest } from '@gameclips/types';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness } from './harness.js';
import { runProperty } from './run-property.js';

// Properties of the API, each run FAST_CHECK_RUNS times (1,000 by default) against the real server.

let h: Harness;
let owner: GameClipsClient;
let clipCounter = 0;

beforeAll(async () => {
  h = await Harness.start();
  owner = await h.client(h.demo.ownerXuid);
});
afterAll(() => {
  expect(h.checker.violations).toEqual([]);
  return h.close();
});

/** Inserts a new clip owned by the demo owner, straight into the store. */
async function newClip(changes: Partial<GameClip> = {}): Promise<string> {
  clipCounter += 1;
  const gameClipId = `c0000000-0000-4000-8000-${clipCounter.toString(16).padStart(12, '0')}`;
  await h.server.store.insertClips([{ ...demoClips[0]!, gameClipId, rating: 0, ratingCount: 0, views: 0, ...changes }]);
  return gameClipId;
}

const text = (maxLength: number) => fc.string({ unit: 'binary', maxLength });
const visibility = fc.constantFrom('Default', 'Owner', 'Title', 'Public' as const);
const validBody: fc.Arbitrary<UpdateMetadataRequest> = fc
  .record({ userCaption: text(256), visibility, titleData: text(2000) }, { requiredKeys: [] })
  .filter((body) => Object.keys(body).length > 0);

describe('properties', () => {
  it('accepts every valid update and reads it back exactly', async () => {
    const gameClipId = await newClip();
    let current = (await owner.getClip({ scid: h.demo.scid, gameClipId })).clip;
    await runProperty(
      'valid updates are read back exactly',
      fc.asyncProperty(validBody, async (body) => {
        await owner.updateClipMetadata({ scid: h.demo.scid, gameClipId, body });
        const { clip } = await owner.getClip({ scid: h.demo.scid, gameClipId });
        const { lastModified: _a, ...rest } = clip;
        const { lastModified: _b, ...expected } = { ...current, ...body };
        expect(rest).toEqual(expected);
        current = clip;
      }),
    );
  });

  it('rejects every invalid update with 400 and changes nothing', async () => {
    const gameClipId = await newClip();
    const wrongType = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 2 }), fc.object({ maxDepth: 1 }));
    const member = fc.constantFrom('userCaption', 'visibility', 'titleData');
    const badMember: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
      fc.record({ name: member, value: wrongType }).map(({ name, value }) => ({ [name]: value })),
      fc.constantFrom('None', 'Friends', 'public', '').map((v) => ({ visibility: v })),
      fc.string({ minLength: 1, maxLength: 20 }).filter((k) => !['userCaption', 'visibility', 'titleData'].includes(k)).map((k) => ({ [k]: 'x' })),
      fc.constantFrom('é', '€', '😀').chain((ch) => fc.integer({ min: 1, max: 100 }).map((extra) => ({ titleData: ch.repeat(Math.ceil(10240 / Buffer.byteLength(ch)) + extra) }))),
      text(40).map((s) => ({ userCaption: 'x'.repeat(257) + s })),
    );
    const invalidBody = fc.tuple(validBody, badMember).map(([good, bad]) => ({ ...good, ...bad }));
    const before = await owner.getClip({ scid: h.demo.scid, gameClipId });
    await runProperty(
      'invalid updates are 400 and change nothing',
      fc.asyncProperty(invalidBody, async (body) => {
        const error = await owner.updateClipMetadata({ scid: h.demo.scid, gameClipId, body: body as UpdateMetadataRequest }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(GameClipsApiError);
        expect((error as GameClipsApiError).status).toBe(400);
        expect([4000, 4003]).toContain((error as GameClipsApiError).errorCode);
      }),
    );
    expect(await owner.getClip({ scid: h.demo.scid, gameClipId })).toEqual(before);
  });

  it('keeps rating (the mean) and ratingCount exact for any raters and values', async () => {
    const raters = await Promise.all(Array.from({ length: 8 }, (_, i) => h.client(String(3000 + i))));
    const ratings = fc.array(fc.tuple(fc.integer({ min: 0, max: raters.length - 1 }), fc.constantFrom(1, 2, 3, 4, 5 as const)), { minLength: 1, maxLength: 12 });
    await runProperty(
      'rating and ratingCount stay exact',
      fc.asyncProperty(ratings, async (sequence) => {
        const gameClipId = await newClip();
        const model = new Map<number, number>();
        for (const [rater, value] of sequence) {
          await raters[rater]!.rateClip({ ownerId: `xuid(${h.demo.ownerXuid})`, scid: h.demo.scid, gameClipId, rating: value });
          model.set(rater, value);
        }
        const { clip } = await owner.getClip({ scid: h.demo.scid, gameClipId });
        const sum = [...model.values()].reduce((a, b) => a + b, 0);
        expect(clip.ratingCount).toBe(model.size);
        expect(clip.rating).toBe(sum / model.size);
      }),
    );
  });
});
