import type { PoolClient } from 'pg';

/**
 * The PostgreSQL schema, one migration per entry; the table `gameclips_migrations` records
 * which ran. Append new migrations; never edit one that has shipped. Keep them additive, so
 * that instances still on the older code keep working during a rolling upgrade.
 *
 * The same columns as the SQLite schema. Times stay text so a clip reads back exactly as it
 * was written; `json` (not `jsonb`) keeps the key order of thumbnails and URIs; rating sums
 * are double precision as in SQLite, and counters bigint (pg returns those as strings, which
 * clipFromRow turns into numbers).
 */
export const postgresMigrations: readonly string[] = [
  `
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
  `,
];

/** Any constant works; it only has to be the same for every instance of this server. */
const MIGRATION_LOCK = 0x6763_6c70; // "gclp"

/**
 * Brings the database (the schema on the search path) to the newest schema in one
 * transaction, under an advisory lock: when several instances start at once, one migrates
 * and the others wait, then find nothing left to do. Returns how many migrations ran.
 */
export async function migratePostgres(client: PoolClient): Promise<number> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS gameclips_migrations (
         version integer PRIMARY KEY,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const { rows } = await client.query<{ current: number }>(
      'SELECT COALESCE(MAX(version), 0)::integer AS current FROM gameclips_migrations',
    );
    const current = rows[0]!.current;
    for (let i = current; i < postgresMigrations.length; i++) {
      await client.query(postgresMigrations[i]!);
      await client.query('INSERT INTO gameclips_migrations (version) VALUES ($1)', [i + 1]);
    }
    await client.query('COMMIT');
    return Math.max(0, postgresMigrations.length - current);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
