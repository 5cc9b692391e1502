import type { GameClip } from '@gameclips/types';
import type { ClipKey } from '../../src/store/clip-store.js';
import { demoClips } from '../../src/store/demo-clips.js';

export const SCID = '00000000-0000-0000-0000-0000000c0ffe';
export const OWNER = '2533274800000001';

/** A valid GameClip with the given id and changes, made from the first demo clip. */
export function makeClip(gameClipId: string, changes: Partial<GameClip> = {}): GameClip {
  return {
    ...demoClips[0]!,
    gameClipId,
    xuid: OWNER,
    scid: SCID,
    clipName: `Clip ${gameClipId}`,
    userCaption: 'first caption',
    rating: 0,
    ratingCount: 0,
    views: 0,
    titleData: '{"map":"harbor"}',
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
