/**
 * The SQLite schema, one migration per entry; `PRAGMA user_version` records how many ran.
 * Append new migrations; never edit one that has shipped.
 */
export const sqliteMigrations: readonly string[] = [
  `
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
  `,
];
