import type { ColumnType, Selectable } from 'kysely';
import type { GameClip } from '@gameclips/types';

/**
 * A counter or id that PostgreSQL returns as a string (bigint) and SQLite as a number;
 * clipFromRow turns it into a number.
 */
type Count = ColumnType<number | string, number, number | string>;

/** The clips table, as both engines name its columns. */
export interface ClipsTable {
  scid: string;
  game_clip_id: string;
  xuid: string;
  title_id: Count;
  state: GameClip['state'];
  date_recorded: string;
  last_modified: string;
  clip_name: string;
  user_caption: string;
  type: string;
  source: string;
  visibility: GameClip['visibility'];
  duration_in_seconds: Count;
  base_rating_sum: number;
  base_rating_count: Count;
  rating_sum: number;
  rating_count: Count;
  views: Count;
  title_data: string;
  /** JSON: text in SQLite, `json` in PostgreSQL (which pg parses on read). */
  thumbnails: ColumnType<string | GameClip['thumbnails'], string, string>;
  game_clip_uris: ColumnType<string | GameClip['gameClipUris'], string, string>;
  flag_count: ColumnType<number | string, never, number | string>;
  /**
   * The version of the owner's metadata (caption, visibility, title data): the clip's ETag.
   * Only metadata updates change it; views, ratings and flags do not.
   */
  metadata_version: ColumnType<number | string, never, number | string>;
  /** The optional members of a clip, null when not given (savedByUser: 1, 0 or null). */
  title_name: string | null;
  game_clip_locale: string | null;
  system_properties: string | null;
  saved_by_user: number | null;
  achievement_id: string | null;
  greatest_moment_id: string | null;
  /** dateRecorded in milliseconds since the epoch: the `created` order of lists. */
  recorded_ms: ColumnType<number | string, number | undefined, number | string>;
  /** Breaks ties of equal sort values in lists (see clipListKey). */
  clip_key: ColumnType<number | string, number | undefined, number | string>;
}

export interface RatingsTable {
  scid: string;
  game_clip_id: string;
  rater_xuid: string;
  value: number;
  rated_at: string;
}

export interface FlagsTable {
  scid: string;
  game_clip_id: string;
  flagger_xuid: string;
  flagged_at: string;
}

/** The store's tables, for Kysely. */
export interface StoreDatabase {
  clips: ClipsTable;
  ratings: RatingsTable;
  flags: FlagsTable;
}

/** A row of the clips table as read. */
export type ClipRow = Selectable<ClipsTable>;

