import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { GameClip, UpdateMetadataRequest } from '@gameclips/types';
import type { ClipKey, ClipStore, StoredClip, WriteCondition, WriteOutcome } from './clip-store.js';
import { CLIP_INSERT_COLUMNS, clipFromRow, clipInsertValues, type ClipRow } from './clip-rows.js';
import { sqliteMigrations } from './sqlite-migrations.js';

const KEY = 'scid = @scid AND game_clip_id = @gameClipId';
const BUMP = 'version = version + 1, last_modified = @now';
const UNLESS_CHANGED = '(@expectedVersion IS NULL OR version = @expectedVersion)';

/** Brings a database to the newest schema, in one transaction. */
function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  db.transaction(() => {
    for (let i = current; i < sqliteMigrations.length; i++) db.exec(sqliteMigrations[i]!);
    db.pragma(`user_version = ${sqliteMigrations.length}`);
  }).immediate();
}

/**
 * The embedded store: one SQLite file (or `:memory:`) in WAL mode, prepared statements, and
 * every write one statement or one IMMEDIATE transaction, so counters are exact even with
 * several processes on the same file.
 */
export class SqliteStore implements ClipStore {
  readonly engine = 'sqlite';
  readonly #db: Database.Database;
  readonly #statements;
  /** Built once: the version check and a multi-statement write, in one IMMEDIATE transaction. */
  readonly #conditionalWrite;
  readonly #insertAll;

  constructor(path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.#db = new Database(path);
    this.#db.pragma('journal_mode = WAL');
    // NORMAL keeps every committed write across a process crash (WAL is in the OS cache);
    // only a power loss may drop the newest transactions.
    this.#db.pragma('synchronous = NORMAL');
    this.#db.pragma('busy_timeout = 5000');
    this.#db.pragma('foreign_keys = ON');
    migrate(this.#db);
    this.#statements = this.#prepare();
    this.#conditionalWrite = this.#db.transaction(
      (key: ClipKey, condition: WriteCondition, write: (currentVersion: number) => { version: number }): WriteOutcome => {
        const current = this.#statements.version.get(key);
        if (!current) return 'not-found';
        if (condition.expectedVersion !== undefined && current.version !== condition.expectedVersion) {
          return 'precondition-failed';
        }
        return { version: write(current.version).version };
      },
    );
    this.#insertAll = this.#db.transaction((clips: readonly GameClip[]) => {
      for (const clip of clips) this.#statements.insert.run(clipInsertValues(clip));
    });
  }

  #prepare() {
    const db = this.#db;
    const placeholders = CLIP_INSERT_COLUMNS.map(() => '?').join(', ');
    return {
      get: db.prepare<ClipKey, ClipRow>(`SELECT * FROM clips WHERE ${KEY}`),
      version: db.prepare<ClipKey, { version: number }>(`SELECT version FROM clips WHERE ${KEY}`),
      count: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM clips'),
      insert: db.prepare(`INSERT INTO clips (${CLIP_INSERT_COLUMNS.join(', ')}) VALUES (${placeholders})`),
      update: db.prepare(
        `UPDATE clips SET
           user_caption = COALESCE(@userCaption, user_caption),
           visibility = COALESCE(@visibility, visibility),
           title_data = COALESCE(@titleData, title_data),
           ${BUMP}
         WHERE ${KEY} AND ${UNLESS_CHANGED} RETURNING version`,
      ),
      view: db.prepare(`UPDATE clips SET views = views + 1, ${BUMP} WHERE ${KEY} AND ${UNLESS_CHANGED} RETURNING version`),
      upsertRating: db.prepare(
        `INSERT INTO ratings (scid, game_clip_id, rater_xuid, value, rated_at)
         VALUES (@scid, @gameClipId, @rater, @value, @now)
         ON CONFLICT (scid, game_clip_id, rater_xuid) DO UPDATE SET value = excluded.value, rated_at = excluded.rated_at`,
      ),
      recomputeRating: db.prepare(
        `UPDATE clips SET
           rating_sum = base_rating_sum + (SELECT COALESCE(SUM(value), 0) FROM ratings r WHERE r.scid = clips.scid AND r.game_clip_id = clips.game_clip_id),
           rating_count = base_rating_count + (SELECT COUNT(*) FROM ratings r WHERE r.scid = clips.scid AND r.game_clip_id = clips.game_clip_id),
           ${BUMP}
         WHERE ${KEY} RETURNING version`,
      ),
      insertFlag: db.prepare(
        `INSERT INTO flags (scid, game_clip_id, flagger_xuid, flagged_at) VALUES (@scid, @gameClipId, @flagger, @now)
         ON CONFLICT DO NOTHING`,
      ),
      countFlag: db.prepare(
        `UPDATE clips SET
           flag_count = flag_count + 1,
           state = CASE WHEN flag_count + 1 >= @threshold AND state NOT IN ('Flagged', 'Banned', 'Deleted') THEN 'Flagged' ELSE state END,
           ${BUMP}
         WHERE ${KEY} RETURNING version`,
      ),
    };
  }

  async getClip(key: ClipKey): Promise<StoredClip | undefined> {
    const row = this.#statements.get.get(key);
    return row && clipFromRow(row);
  }

  async updateMetadata(key: ClipKey, changes: UpdateMetadataRequest, condition: WriteCondition): Promise<WriteOutcome> {
    const row = this.#statements.update.get({
      ...key,
      userCaption: changes.userCaption ?? null,
      visibility: changes.visibility ?? null,
      titleData: changes.titleData ?? null,
      now: condition.now,
      expectedVersion: condition.expectedVersion ?? null,
    }) as { version: number } | undefined;
    return row ? { version: row.version } : this.#whyNot(key);
  }

  async recordView(key: ClipKey, condition: WriteCondition): Promise<WriteOutcome> {
    const row = this.#statements.view.get({ ...key, now: condition.now, expectedVersion: condition.expectedVersion ?? null }) as
      | { version: number }
      | undefined;
    return row ? { version: row.version } : this.#whyNot(key);
  }

  async rate(key: ClipKey, raterXuid: string, value: number, condition: WriteCondition): Promise<WriteOutcome> {
    return this.#conditionalWrite.immediate(key, condition, () => {
      this.#statements.upsertRating.run({ ...key, rater: raterXuid, value, now: condition.now });
      return this.#statements.recomputeRating.get({ ...key, now: condition.now }) as { version: number };
    });
  }

  async flag(key: ClipKey, flaggerXuid: string, threshold: number, condition: WriteCondition): Promise<WriteOutcome> {
    return this.#conditionalWrite.immediate(key, condition, (current) => {
      const inserted = this.#statements.insertFlag.run({ ...key, flagger: flaggerXuid, now: condition.now }).changes;
      if (inserted === 0) return { version: current };
      return this.#statements.countFlag.get({ ...key, threshold, now: condition.now }) as { version: number };
    });
  }

  #whyNot(key: ClipKey): WriteOutcome {
    return this.#statements.version.get(key) ? 'precondition-failed' : 'not-found';
  }

  async insertClips(clips: readonly GameClip[]): Promise<void> {
    this.#insertAll.immediate(clips);
  }

  async countClips(): Promise<number> {
    return this.#statements.count.get()!.n;
  }

  async check(): Promise<void> {
    this.#db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    if (this.#db.open) this.#db.close();
  }
}
