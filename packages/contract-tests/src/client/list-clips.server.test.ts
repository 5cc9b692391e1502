import type { GameClip } from '@gameclips/types';
import { type RunningServer, startServer } from '@gameclips/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGameClipsClient, GameClipsApiError, type GameClipsClient } from '@gameclips/client';

// listClips, listPublicClips, deleteClip and the clips() iterator against the reference server.

const WALKER = '2533274790398888';
let server: RunningServer;
let demo: RunningServer['demo'];
let owner: GameClipsClient;
let other: GameClipsClient;
let walker: GameClipsClient;

const names = (clips: GameClip[]) => clips.map((clip) => clip.clipName);

function walkClip(n: number): GameClip {
  return {
    gameClipId: `0e000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    xuid: WALKER,
    scid: demo.scid,
    titleId: demo.titleId,
    state: 'Published',
    dateRecorded: new Date(Date.UTC(2026, 5, 1) + n * 60_000).toISOString(),
    lastModified: '2026-06-01T00:00:00.000Z',
    clipName: `Walk ${n}`,
    userCaption: '',
    type: 'UserGenerated',
    source: 'Console',
    visibility: 'Public',
    durationInSeconds: 10,
    rating: 0,
    ratingCount: 0,
    views: 0,
    titleData: '',
    thumbnails: [],
    gameClipUris: [],
  };
}

beforeAll(async () => {
  server = await startServer({ seed: 'demo' });
  demo = server.demo;
  const clientOf = async (xuid: string) =>
    createGameClipsClient({ baseUrl: server.url, token: await server.mintToken({ xuid, scid: demo.scid, titleId: demo.titleId }) });
  owner = await clientOf(demo.ownerXuid);
  other = await clientOf(demo.otherXuid);
  walker = await clientOf(WALKER);
  await server.store.insertClips(Array.from({ length: 23 }, (_, n) => walkClip(n)));
});
afterAll(() => server.close());

describe('listing clips', () => {
  it("listClips reads the caller's clips, newest first, with the paging info", async () => {
    const page = await owner.listClips();
    expect(names(page.clips)).toEqual(['Cliff jump', 'First win', 'Secret level', 'Practice run', 'Triple takedown']);
    expect(page).toMatchObject({ continuationToken: null, totalItems: 5 });
  });

  it('listClips follows ownerId, scid, titleId, saved, qualifier, order, type and eventId', async () => {
    const ownerId = `xuid(${demo.ownerXuid})` as const;
    expect(names((await other.listClips({ ownerId })).clips)).toEqual(['Cliff jump', 'First win', 'Secret level', 'Triple takedown']);
    expect(names((await owner.listClips({ scid: demo.scid, saved: true })).clips)).toEqual(['Cliff jump', 'Secret level', 'Triple takedown']);
    expect(names((await owner.listClips({ titleId: demo.otherTitleId })).clips)).toEqual(['Cliff jump']);
    expect(names((await owner.listClips({ titleId: demo.otherTitleId, saved: true })).clips)).toEqual(['Cliff jump']);
    expect(names((await owner.listClips({ saved: true, order: 'A' })).clips)).toEqual(['Triple takedown', 'Secret level', 'Cliff jump']);
    expect(names((await owner.listClips({ qualifier: 'views', maxItems: 2 })).clips)).toEqual(['Triple takedown', 'Cliff jump']);
    expect(names((await owner.listClips({ type: ['Achievement', 'Nothing'] })).clips)).toEqual(['First win']);
    expect(names((await owner.listClips({ eventId: 'TripleTakedown,FirstWin' })).clips)).toEqual(['First win', 'Triple takedown']);
  });

  it('listPublicClips reads the clips of a scid or a title, of every user', async () => {
    const byScid = await other.listPublicClips({ scid: demo.scid, saved: true });
    expect(names(byScid.clips)).toEqual(['Cliff jump', 'Secret level', 'Triple takedown', 'Photo finish']);
    expect(names((await other.listPublicClips({ titleId: demo.otherTitleId })).clips)).toEqual(['Cliff jump']);
    expect(names((await other.listPublicClips({ scid: demo.scid, achievementId: 'FirstWin' })).clips)).toEqual(['First win']);
  });

  it('pages with continuationToken and skipItems', async () => {
    const all = names((await walker.listClips({ maxItems: 100 })).clips);
    const first = await walker.listClips({ maxItems: 10, skipItems: 5 });
    expect(names(first.clips)).toEqual(all.slice(5, 15));
    expect(first.continuationToken).toMatch(/^[A-Za-z0-9_-]{1,36}$/);
    const second = await walker.listClips({ maxItems: 10, continuationToken: first.continuationToken! });
    expect(names(second.clips)).toEqual(all.slice(15, 23));
    expect(second).toMatchObject({ continuationToken: null, totalItems: undefined });
  });

  it('clips() yields every clip of every page, in order, once', async () => {
    const all = names((await walker.listClips({ maxItems: 100 })).clips);
    const pages: string[] = [];
    const counting = createGameClipsClient({
      baseUrl: server.url,
      token: await server.mintToken({ xuid: WALKER, scid: demo.scid }),
      fetch: (request) => {
        pages.push(request.url);
        return fetch(request);
      },
    });
    const seen: string[] = [];
    for await (const clip of counting.clips({ maxItems: 4 })) seen.push(clip.clipName);
    expect(seen).toEqual(all);
    expect(pages).toHaveLength(6);
    const publicSeen: string[] = [];
    for await (const clip of other.clips({ public: true, titleId: demo.otherTitleId, maxItems: 1 })) publicSeen.push(clip.clipName);
    expect(publicSeen).toEqual(['Cliff jump']);
  });

  it('clips() stops with the signal: an abort between pages rejects the loop with its reason', async () => {
    const controller = new AbortController();
    const seen: string[] = [];
    const reason = new Error('enough');
    const loop = (async () => {
      for await (const clip of walker.clips({ maxItems: 5, signal: controller.signal })) {
        seen.push(clip.clipName);
        if (seen.length === 7) controller.abort(reason);
      }
    })();
    await expect(loop).rejects.toBe(reason);
    expect(seen).toHaveLength(7);
    const aborted = AbortSignal.abort(reason);
    await expect(walker.clips({ signal: aborted }).next()).rejects.toBe(reason);
  });

  it('rejects a malformed request with GameClipsApiError 400', async () => {
    const error = await owner.listClips({ maxItems: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GameClipsApiError);
    expect((error as GameClipsApiError).status).toBe(400);
    const token = await owner.listClips({ continuationToken: 'A'.repeat(36) }).catch((e: unknown) => e);
    expect((token as GameClipsApiError).errorCode).toBe(4005);
  });
});

describe('deleting a clip', () => {
  it('deleteClip removes the caller\'s clip; deleting it again is a 404', async () => {
    const ref = { scid: demo.scid, gameClipId: walkClip(0).gameClipId };
    await expect(walker.deleteClip(ref)).resolves.toBeUndefined();
    const again = await walker.deleteClip(ref).catch((e: unknown) => e);
    expect((again as GameClipsApiError).status).toBe(404);
    expect(names((await walker.listClips({ maxItems: 100 })).clips)).not.toContain('Walk 0');
  });

  it("deleteClip of another user's xuid is a 403", async () => {
    const error = await other.deleteClip({ ownerId: `xuid(${demo.ownerXuid})`, scid: demo.scid, gameClipId: demo.clips.fresh }).catch((e: unknown) => e);
    expect([(error as GameClipsApiError).status, (error as GameClipsApiError).errorCode]).toEqual([403, 8377]);
  });
});
