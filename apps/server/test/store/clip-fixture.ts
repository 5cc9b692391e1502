import type { GameClip } from '@gameclips/types';
import type { ClipKey } from '../../src/store/clip-store.js';

export const SCID = '00000000-0000-0000-0000-0000000c0ffe';
export const OWNER = '2533274800000001';

/** A valid GameClip with the given id and changes. */
export function makeClip(gameClipId: string, changes: Partial<GameClip> = {}): GameClip {
  return {
    gameClipId,
    xuid: OWNER,
    scid: SCID,
    titleId: 2058984733,
    state: 'Published',
    dateRecorded: '2026-10-02T18:24:05.000Z',
    lastModified: '2026-10-03T09:12:44.000Z',
    clipName: `Clip ${gameClipId}`,
    userCaption: 'first caption',
    type: 'UserGenerated',
    source: 'Console',
    visibility: 'Public',
    durationInSeconds: 30,
    rating: 0,
    ratingCount: 0,
    views: 0,
    titleData: '{"map":"harbor"}',
    thumbnails: [{ uri: `https://gameclips.example.net/t/${gameClipId}.png`, fileSize: 18234, thumbnailType: 'Small' }],
    gameClipUris: [
      { uri: `https://gameclips.example.net/c/${gameClipId}.mp4`, fileSize: 14215884, uriType: 'Download', expiration: '2027-12-31T00:00:00.000Z' },
    ],
    ...changes,
  };
}

/** The key of a clip made by makeClip. */
export function keyOf(gameClipId: string): ClipKey {
  return { scid: SCID, gameClipId };
}

/** A clip id made from a number, shaped like the service's (a GUID). */
export function clipId(n: number): string {
  return `c11b0000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

/** A rater or flagger XUID made from a number. */
export function userXuid(n: number): string {
  return String(2533274900000000 + n);
}
