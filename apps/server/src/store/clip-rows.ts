import type { Insertable } from 'kysely';
import type { GameClip } from '@gameclips/types';
import { clipListColumns } from './clip-list-columns.js';
import type { ClipKey, StoredClip } from './clip-store.js';
import type { ClipRow, ClipsTable } from './schema.js';

/** The row of a new clip; its seeded rating becomes the base that later ratings add to. */
export function clipInsertRow(clip: GameClip): Insertable<ClipsTable> {
  const ratingSum = clip.rating * clip.ratingCount;
  return {
    scid: clip.scid,
    game_clip_id: clip.gameClipId,
    xuid: clip.xuid,
    title_id: clip.titleId,
    state: clip.state,
    date_recorded: clip.dateRecorded,
    last_modified: clip.lastModified,
    clip_name: clip.clipName,
    user_caption: clip.userCaption,
    type: clip.type,
    source: clip.source,
    visibility: clip.visibility,
    duration_in_seconds: clip.durationInSeconds,
    base_rating_sum: ratingSum,
    base_rating_count: clip.ratingCount,
    rating_sum: ratingSum,
    rating_count: clip.ratingCount,
    views: clip.views,
    title_data: clip.titleData,
    thumbnails: JSON.stringify(clip.thumbnails),
    game_clip_uris: JSON.stringify(clip.gameClipUris),
    ...clipListColumns(clip),
  };
}

/** The slot values that name a clip in the store's statements. */
export function keyValues(key: ClipKey): { scid: string; gameClipId: string } {
  return { scid: key.scid, gameClipId: key.gameClipId };
}

function json<T>(value: string | T): T {
  return typeof value === 'string' ? (JSON.parse(value) as T) : value;
}

/** The columns of clips that make a GameClip and its version: all that clipFromRow reads. */
export const CLIP_COLUMNS = [
  'scid',
  'game_clip_id',
  'xuid',
  'title_id',
  'state',
  'date_recorded',
  'last_modified',
  'clip_name',
  'user_caption',
  'type',
  'source',
  'visibility',
  'duration_in_seconds',
  'rating_sum',
  'rating_count',
  'views',
  'title_data',
  'thumbnails',
  'game_clip_uris',
  'metadata_version',
  'title_name',
  'game_clip_locale',
  'system_properties',
  'saved_by_user',
  'achievement_id',
  'greatest_moment_id',
] as const satisfies ReadonlyArray<keyof ClipRow>;

/** The columns of a clip's row that make the clip. */
export type ClipFields = Pick<ClipRow, (typeof CLIP_COLUMNS)[number]>;

/** The optional members a clip was stored with; rows of the first schema have none. */
function optionalMembers(row: Partial<ClipFields>): Partial<GameClip> {
  const members: Partial<GameClip> = {};
  if (row.title_name != null) members.titleName = row.title_name;
  if (row.game_clip_locale != null) members.gameClipLocale = row.game_clip_locale;
  if (row.system_properties != null) members.systemProperties = row.system_properties;
  if (row.saved_by_user != null) members.savedByUser = Number(row.saved_by_user) === 1;
  if (row.achievement_id != null) members.achievementId = row.achievement_id;
  if (row.greatest_moment_id != null) members.greatestMomentId = row.greatest_moment_id;
  return members;
}

/** A stored clip from its row; `rating` is the mean of the ratings, 0 with none. */
export function clipFromRow(row: ClipFields): StoredClip {
  const ratingCount = Number(row.rating_count);
  return {
    version: Number(row.metadata_version),
    clip: {
      gameClipId: row.game_clip_id,
      xuid: row.xuid,
      scid: row.scid,
      titleId: Number(row.title_id),
      state: row.state,
      dateRecorded: row.date_recorded,
      lastModified: row.last_modified,
      clipName: row.clip_name,
      userCaption: row.user_caption,
      type: row.type,
      source: row.source,
      visibility: row.visibility,
      durationInSeconds: Number(row.duration_in_seconds),
      rating: ratingCount === 0 ? 0 : Number(row.rating_sum) / ratingCount,
      ratingCount,
      views: Number(row.views),
      titleData: row.title_data,
      thumbnails: json(row.thumbnails),
      gameClipUris: json(row.game_clip_uris),
      ...optionalMembers(row),
    },
  };
}
