import type { Insertable } from 'kysely';
import type { GameClip } from '@gameclips/types';
import type { ClipsTable } from './schema.js';

/** When a clip was recorded, in milliseconds since the epoch: the `created` order of lists. */
export function recordedMs(dateRecorded: string): number {
  const ms = Date.parse(dateRecorded);
  return Number.isFinite(ms) ? ms : 0;
}

/** The columns of a new clip that lists read: its optional members and its `created` sort value (list_seq is the engine's). */
export function clipListColumns(clip: GameClip): Partial<Insertable<ClipsTable>> {
  return {
    recorded_ms: recordedMs(clip.dateRecorded),
    title_name: clip.titleName ?? null,
    game_clip_locale: clip.gameClipLocale ?? null,
    system_properties: clip.systemProperties ?? null,
    saved_by_user: clip.savedByUser === undefined ? null : clip.savedByUser ? 1 : 0,
    achievement_id: clip.achievementId ?? null,
    greatest_moment_id: clip.greatestMomentId ?? null,
  };
}
