import pg from 'pg';
import type { GameClip, UpdateMetadataRequest } from '@gameclips/types';
import type { ClipKey, ClipStore, StoredClip, WriteCondition, WriteOutcome } from './clip-store.js';
import { CLIP_INSERT_COLUMNS, clipFromRow, clipInsertValues, type ClipRow } from './clip-rows.js';
import { migratePostgres } from './postgres-migrations.js';
import { postgresStoreDefaults, type PostgresStoreOptions } from './postgres-options.js';

const KEY = 'scid = $1 AND game_clip_id = $2';
/** Every write bumps the version (the ETag) and lastModified; `$3` is the time of the write. */
const BUMP = 'version = version + 1, last_modified = $3';
/** The If-Match condition; `$4` is the expected version or null. */
const UNLESS_CHANGED = '($4::bigint IS NULL OR version = $4::bigint)';
/** Rows per INSERT when loading clips (21 columns each, well under the 65 535 parameter limit). */
const INSERT_BATCH = 500;

const queries = {
  get: `SELECT * FROM clips WHERE ${KEY}`,
  version: `SELECT version FROM clips WHERE ${KEY}`,
  lockVersion: `SELECT version FROM clips WHERE ${KEY} FOR UPDATE`,
  count: 'SELECT COUNT(*) AS n FROM clips',
  update: `UPDATE clips SET
             user_caption = COALESCE($5, user_caption),
             visibility = COALESCE($6, visibility),
             title_data = COALESCE($7, title_data),
             ${BUMP}
           WHERE ${KEY} AND ${UNLESS_CHANGED} RETURNING version`,
  view: `UPDATE clips SET views = views + 1, ${BUMP} WHERE ${KEY} AND ${UNLESS_CHANGED} RETURNING version`,
  upsertRating: `INSERT INTO ratings (scid, game_clip_id, rater_xuid, value, rated_at) VALUES ($1, $2, $3, $4, $5)
                 ON CONFLICT (scid, game_clip_id, rater_xuid) DO UPDATE SET value = excluded.value, rated_at = excluded.rated_at`,
  recomputeRating: `UPDATE clips SET
             rating_sum = base_rating_sum + (SELECT COALESCE(SUM(value), 0) FROM ratings r WHERE r.scid = clips.scid AND r.game_clip_id = clips.game_clip_id),
             rating_count = base_rating_count + (SELECT COUNT(*) FROM ratings r WHERE r.scid = clips.scid AND r.game_clip_id = clips.game_clip_id),
             ${BUMP}
           WHERE ${KEY} RETURNING version`,
  insertFlag: `INSERT INTO flags (scid, game_clip_id, flagger_xuid, flagged_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
  countFlag: `UPDATE clips SET
             flag_count = flag_count + 1,
             state = CASE WHEN flag_count + 1 >= $4 AND state NOT IN ('Flagged', 'Banned', 'Deleted') THEN 'Flagged' ELSE state END,
             ${BUMP}
           WHERE ${KEY} RETURNING version`,
} as const;

/** A named query: pg prepares it once per connection. */
function named(name: keyof typeof queries, values: unknown[]): pg.QueryConfig {
  return { name: `gameclips_${name}`, text: queries[name], values };
}

function insertStatement(count: number): string {
  const width = CLIP_INSERT_COLUMNS.length;
  const rows = Array.from({ length: count }, (_, row) =>
    `(${CLIP_INSERT_COLUMNS.map((_, column) => `$${row * width + column + 1}`).join(', ')})`,
  );
  return `INSERT INTO clips (${CLIP_INSERT_COLUMNS.join(', ')}) VALUES ${rows.join(', ')}`;
}

function versionOf(result: pg.QueryResult<{ version: string }>): { version: number } | undefined {
  const row = result.rows[0];
  return row && { version: Number(row.version) };
}

/**
 * The store for several server instances on one PostgreSQL database. Every write is one
 * atomic statement (views, metadata: the If-Match version is part of the UPDATE's WHERE) or
 * one transaction that first locks the clip's row (ratings, flags), so counters, means and
 * version checks are exact however many processes race. Counters are never read into
 * JavaScript and written back.
 *
 * `const store = await PostgresStore.open('postgres://app@db/gameclips', { max: 20 })`
 * migrates the database (under an advisory lock) and returns the store.
 */
export class PostgresStore implements ClipStore {
  readonly engine = 'postgres';
  readonly #pool: pg.Pool;
  #closing: Promise<void> | undefined;

  private constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  /** Connects, migrates and returns the store. The URL may carry `?options=-c search_path=NAME` to use a schema. */
  static async open(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
    const settings = { ...postgresStoreDefaults, ...options };
    const pool = new pg.Pool({
      connectionString: url,
      max: settings.max,
      idleTimeoutMillis: settings.idleTimeoutMs,
      connectionTimeoutMillis: settings.connectionTimeoutMs,
      application_name: settings.applicationName,
      ...(settings.statementTimeoutMs > 0 ? { statement_timeout: settings.statementTimeoutMs } : {}),
    });
    // An idle connection that breaks (a restarted database, a network cut) is dropped by the
    // pool and replaced on demand; without a listener the error would end the process.
    pool.on('error', () => undefined);
    try {
      const client = await pool.connect();
      try {
        await migratePostgres(client);
      } finally {
        client.release();
      }
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PostgresStore(pool);
  }

  async getClip(key: ClipKey): Promise<StoredClip | undefined> {
    const { rows } = await this.#pool.query<ClipRow>(named('get', [key.scid, key.gameClipId]));
    return rows[0] && clipFromRow(rows[0]);
  }

  async updateMetadata(key: ClipKey, changes: UpdateMetadataRequest, condition: WriteCondition): Promise<WriteOutcome> {
    const result = await this.#pool.query<{ version: string }>(
      named('update', [
        key.scid,
        key.gameClipId,
        condition.now,
        condition.expectedVersion ?? null,
        changes.userCaption ?? null,
        changes.visibility ?? null,
        changes.titleData ?? null,
      ]),
    );
    return versionOf(result) ?? this.#whyNot(key);
  }

  async recordView(key: ClipKey, condition: WriteCondition): Promise<WriteOutcome> {
    const result = await this.#pool.query<{ version: string }>(
      named('view', [key.scid, key.gameClipId, condition.now, condition.expectedVersion ?? null]),
    );
    return versionOf(result) ?? this.#whyNot(key);
  }

  async rate(key: ClipKey, raterXuid: string, value: number, condition: WriteCondition): Promise<WriteOutcome> {
    return this.#lockedWrite(key, condition, async (client) => {
      await client.query(named('upsertRating', [key.scid, key.gameClipId, raterXuid, value, condition.now]));
      return versionOf(await client.query(named('recomputeRating', [key.scid, key.gameClipId, condition.now])))!;
    });
  }

  async flag(key: ClipKey, flaggerXuid: string, threshold: number, condition: WriteCondition): Promise<WriteOutcome> {
    return this.#lockedWrite(key, condition, async (client, current) => {
      const inserted = await client.query(named('insertFlag', [key.scid, key.gameClipId, flaggerXuid, condition.now]));
      if (inserted.rowCount === 0) return { version: current };
      return versionOf(await client.query(named('countFlag', [key.scid, key.gameClipId, condition.now, threshold])))!;
    });
  }

  /**
   * Runs a multi-statement write in a transaction that first takes the clip's row lock
   * (`SELECT ... FOR UPDATE`) and checks its version: writers of one clip run one after
   * another, and each statement after the lock sees every earlier writer's commit.
   */
  async #lockedWrite(
    key: ClipKey,
    condition: WriteCondition,
    write: (client: pg.PoolClient, currentVersion: number) => Promise<{ version: number }>,
  ): Promise<WriteOutcome> {
    return this.#transaction(async (client) => {
      const current = versionOf(await client.query(named('lockVersion', [key.scid, key.gameClipId])));
      if (!current) return 'not-found';
      if (condition.expectedVersion !== undefined && current.version !== condition.expectedVersion) {
        return 'precondition-failed';
      }
      return write(client, current.version);
    });
  }

  async #transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.#pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      // A connection whose ROLLBACK fails is in an unknown state: destroy it, not reuse it.
      await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
      throw error;
    } finally {
      client.release(broken);
    }
  }

  async #whyNot(key: ClipKey): Promise<WriteOutcome> {
    const { rowCount } = await this.#pool.query(named('version', [key.scid, key.gameClipId]));
    return rowCount ? 'precondition-failed' : 'not-found';
  }

  async insertClips(clips: readonly GameClip[]): Promise<void> {
    if (clips.length === 0) return;
    await this.#transaction(async (client) => {
      for (let start = 0; start < clips.length; start += INSERT_BATCH) {
        const batch = clips.slice(start, start + INSERT_BATCH);
        await client.query(insertStatement(batch.length), batch.flatMap(clipInsertValues));
      }
    });
  }

  async countClips(): Promise<number> {
    const { rows } = await this.#pool.query<{ n: string }>(named('count', []));
    return Number(rows[0]!.n);
  }

  async check(): Promise<void> {
    await this.#pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    await (this.#closing ??= this.#pool.end());
  }
}
