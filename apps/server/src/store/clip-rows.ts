import type { GameClip } from '@gameclips/types';
import type { StoredClip } from './clip-store.js';

/** A row of the clips table, as both stores name its columns. */
export interface ClipRow {
  scid: string;
  game_clip_id: string;
  xuid: string;
  title_id: number | string;
  state: GameClip['state'];
  date_recorded: string;
  last_modified: string;
  clip_name: string;
  user_caption: string;
  type: string;
  source: string;
  visibility: GameClip['visibility'];
  duration_in_seconds: number;
  rating_sum: number;
  rating_count: number;
  views: number | string;
  title_data: string;
  thumbnails: string | GameClip['thumbnails'];
  game_clip_uris: string | GameClip['gameClipUris'];
  version: number | string;
}

/** The columns a new clip is inserted with, in order. */
export const CLIP_INSERT_COLUMNS = [
  'scid', 'game_clip_id', 'xuid', 'title_id', 'state', 'date_recorded', 'last_modified', 'clip_name',
  'user_caption', 'type', 'source', 'visibility', 'duration_in_seconds', 'base_rating_sum',
  'base_rating_count', 'rating_sum', 'rating_count', 'views', 'title_data', 'thumbnails', 'game_clip_uris',
] as const;

/** The values of a new clip, in the order of CLIP_INSERT_COLUMNS. */
export function clipInsertValues(clip: GameClip): unknown[] {
  const ratingSum = clip.rating * clip.ratingCount;
  return [
    clip.scid, clip.gameClipId, clip.xuid, clip.titleId, clip.state, clip.dateRecorded, clip.lastModified,
    clip.clipName, clip.userCaption, clip.type, clip.source, clip.visibility, clip.durationInSeconds,
    ratingSum, clip.ratingCount, ratingSum, clip.ratingCount, clip.views, clip.titleData,
    JSON.stringify(clip.thumbnails), JSON.stringify(clip.gameClipUris),
  ];
}

function json<T>(value: string | T): T {
  return typeof value === 'string' ? (JSON.parse(value) as T) : value;
}

/** A stored clip from its row; `rating` is the mean of the ratings, 0 with none. */
export function clipFromRow(row: ClipRow): StoredClip {
  const ratingCount = Number(row.rating_count);
  return {
    version: Number(row.version),
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
    },
  };
}
