import { createHash } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { GameClip } from '@gameclips/types';
import type { ClipsTable } from './schema.js';

/**
 * A clip's list key: a number below 2^53 made from its scid and id, which breaks ties of
 * equal sort values in lists and continuation tokens (an id does not fit in a token).
 */
export function clipListKey(scid: string, gameClipId: string): number {
  const digest = createHash('sha256').update(`${scid}/${gameClipId}`).digest();
  return Number(digest.readBigUInt64BE(0) >> 11n);
}

/** When a clip was recorded, in milliseconds since the epoch: the `created` order of lists. */
export function recordedMs(dateRecorded: string): number {
  const ms = Date.parse(dateRecorded);
  return Number.isFinite(ms) ? ms : 0;
}

/** The columns of a new clip that lists read: its optional members and its sort keys. */
export function clipListColumns(clip: GameClip): Partial<Insertable<ClipsTable>> {
  return {
    recorded_ms: recordedMs(clip.dateRecorded),
    clip_key: clipListKey(clip.scid, clip.gameClipId),
    title_name: clip.titleName ?? null,
    game_clip_locale: clip.gameClipLocale ?? null,
    system_properties: clip.systemProperties ?? null,
    saved_by_user: clip.savedByUser === undefined ? null : clip.savedByUser ? 1 : 0,
    achievement_id: clip.achievementId ?? null,
    greatest_moment_id: clip.greatestMomentId ?? null,
  };
}
