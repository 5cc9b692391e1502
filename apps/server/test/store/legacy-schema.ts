/**
 * The schema as the store created it before its migrations moved to Kysely's Migrator, for
 * the tests that open such a database: SQLite recorded it as `PRAGMA user_version = 1`,
 * PostgreSQL in its own `gameclips_migrations` table. Frozen: never change it.
 */
import type { GameClip } from '@gameclips/types';
import { clipListColumns } from '../../src/store/clip-list-columns.js';
import { clipInsertRow } from '../../src/store/clip-rows.js';

export const legacySqliteSchema = `
  CREATE TABLE clips (
    scid TEXT NOT NULL,
    game_clip_id TEXT NOT NULL,
    xuid TEXT NOT NULL,
    title_id INTEGER NOT NULL,
    state TEXT NOT NULL,
    date_recorded TEXT NOT NULL,
    last_modified TEXT NOT NULL,
    clip_name TEXT NOT NULL,
    user_caption TEXT NOT NULL,
    type TEXT NOT NULL,
    source TEXT NOT NULL,
    visibility TEXT NOT NULL,
    duration_in_seconds INTEGER NOT NULL,
    base_rating_sum REAL NOT NULL,
    base_rating_count INTEGER NOT NULL,
    rating_sum REAL NOT NULL,
    rating_count INTEGER NOT NULL,
    views INTEGER NOT NULL,
    title_data TEXT NOT NULL,
    thumbnails TEXT NOT NULL,
    game_clip_uris TEXT NOT NULL,
    flag_count INTEGER NOT NULL DEFAULT 0,
    version INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (scid, game_clip_id)
  ) WITHOUT ROWID;
  CREATE TABLE ratings (
    scid TEXT NOT NULL,
    game_clip_id TEXT NOT NULL,
    rater_xuid TEXT NOT NULL,
    value INTEGER NOT NULL CHECK (value BETWEEN 1 AND 5),
    rated_at TEXT NOT NULL,
    PRIMARY KEY (scid, game_clip_id, rater_xuid),
    FOREIGN KEY (scid, game_clip_id) REFERENCES clips (scid, game_clip_id) ON DELETE CASCADE
  ) WITHOUT ROWID;
  CREATE TABLE flags (
    scid TEXT NOT NULL,
    game_clip_id TEXT NOT NULL,
    flagger_xuid TEXT NOT NULL,
    flagged_at TEXT NOT NULL,
    PRIMARY KEY (scid, game_clip_id, flagger_xuid),
    FOREIGN KEY (scid, game_clip_id) REFERENCES clips (scid, game_clip_id) ON DELETE CASCADE
  ) WITHOUT ROWID;
  PRAGMA user_version = 1;
`;

export const legacyPostgresSchema = `
  CREATE TABLE clips (
    scid text NOT NULL,
    game_clip_id text NOT NULL,
    xuid text NOT NULL,
    title_id bigint NOT NULL,
    state text NOT NULL,
    date_recorded text NOT NULL,
    last_modified text NOT NULL,
    clip_name text NOT NULL,
    user_caption text NOT NULL,
    type text NOT NULL,
    source text NOT NULL,
    visibility text NOT NULL,
    duration_in_seconds integer NOT NULL,
    base_rating_sum double precision NOT NULL,
    base_rating_count bigint NOT NULL,
    rating_sum double precision NOT NULL,
    rating_count bigint NOT NULL,
    views bigint NOT NULL,
    title_data text NOT NULL,
    thumbnails json NOT NULL,
    game_clip_uris json NOT NULL,
    flag_count integer NOT NULL DEFAULT 0,
    version bigint NOT NULL DEFAULT 1,
    PRIMARY KEY (scid, game_clip_id)
  );
  CREATE TABLE ratings (
    scid text NOT NULL,
    game_clip_id text NOT NULL,
    rater_xuid text NOT NULL,
    value smallint NOT NULL CHECK (value BETWEEN 1 AND 5),
    rated_at text NOT NULL,
    PRIMARY KEY (scid, game_clip_id, rater_xuid),
    FOREIGN KEY (scid, game_clip_id) REFERENCES clips (scid, game_clip_id) ON DELETE CASCADE
  );
  CREATE TABLE flags (
    scid text NOT NULL,
    game_clip_id text NOT NULL,
    flagger_xuid text NOT NULL,
    flagged_at text NOT NULL,
    PRIMARY KEY (scid, game_clip_id, flagger_xuid),
    FOREIGN KEY (scid, game_clip_id) REFERENCES clips (scid, game_clip_id) ON DELETE CASCADE
  );
  CREATE TABLE gameclips_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());
  INSERT INTO gameclips_migrations (version) VALUES (1);
`;

/** A clip as the first schema could hold it: without the members lists added (titleName, savedByUser, ...). */
export function firstSchemaClip(clip: GameClip): GameClip {
  const { titleName, gameClipLocale, systemProperties, savedByUser, achievementId, greatestMomentId, ...kept } = clip;
  return kept;
}

/** An INSERT of the clip into the legacy clips table, with `?` or `$n` placeholders, and its values. */
export function legacyInsert(clip: GameClip, placeholder: (n: number) => string): { text: string; values: unknown[] } {
  // The first schema has none of the columns lists added.
  const listColumns = new Set(Object.keys(clipListColumns(clip)));
  const row = Object.fromEntries(Object.entries(clipInsertRow(clip)).filter(([column]) => !listColumns.has(column)));
  const columns = Object.keys(row);
  return {
    text: `INSERT INTO clips (${columns.join(', ')}) VALUES (${columns.map((_, i) => placeholder(i + 1)).join(', ')})`,
    values: Object.values(row),
  };
}
