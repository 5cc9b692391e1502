import { sql, type Kysely, type Transaction } from 'kysely';
import type { GameClip, UpdateMetadataRequest } from '@gameclips/types';
import type { ClipKey, ClipStore, StoredClip, WriteCondition, WriteOutcome } from './clip-store.js';
import { clipListColumns } from './clip-list-columns.js';
import type { ClipListQuery, ListedClip } from './clip-list-query.js';
import { clipListStatements, listValues, type ClipListStatements } from './clip-list-statements.js';
import { clipFromRow, clipInsertRow } from './clip-rows.js';
import { clipStatements, type ClipStatements, type MetadataMember } from './clip-statements.js';
import type { Engine } from './migrations.js';
import type { StoreDatabase } from './schema.js';

/** Rows per INSERT when loading clips (29 parameters each: under SQLite's 32 766 and PostgreSQL's 65 535). */
const INSERT_BATCH = 500;

const METADATA_MEMBERS: readonly MetadataMember[] = ['userCaption', 'visibility', 'titleData'];

function versionOf(rows: readonly { metadata_version: number | string }[]): { version: number } | undefined {
  return rows[0] && { version: Number(rows[0].metadata_version) };
}

function keyValues(key: ClipKey): { scid: string; gameClipId: string } {
  return { scid: key.scid, gameClipId: key.gameClipId };
}

/**
 * The store on Kysely, for both engines: every statement is in clip-statements.ts, written
 * once. Every write is one statement (views, metadata: the If-Match version is part of the
 * UPDATE's WHERE) or one transaction that holds the clip's write lock from its first
 * statement (ratings, flags: the SQLite dialect begins IMMEDIATE, PostgreSQL locks the row),
 * so counters, means and version checks are exact however many requests or processes race.
 * Counters are never read into JavaScript and written back.
 *
 * The engine's own file opens the connection, migrates, and hands the Kysely instance over.
 */
export class KyselyStore implements ClipStore {
  readonly engine: Engine;
  readonly #db: Kysely<StoreDatabase>;
  readonly #statements: ClipStatements;
  readonly #lists: ClipListStatements;
  /** Settles when the store may be used (SQLite migrates after its synchronous constructor). */
  readonly #ready: Promise<void>;
  #closing: Promise<void> | undefined;

  protected constructor(engine: Engine, db: Kysely<StoreDatabase>, ready: Promise<void> = Promise.resolve()) {
    this.engine = engine;
    this.#db = db;
    this.#statements = clipStatements(db, engine);
    this.#lists = clipListStatements(db);
    this.#ready = ready;
  }

  async #open(): Promise<Kysely<StoreDatabase>> {
    await this.#ready;
    return this.#db;
  }

  async getClip(key: ClipKey): Promise<StoredClip | undefined> {
    const { rows } = await this.#statements.getClip(await this.#open(), keyValues(key));
    return rows[0] && clipFromRow(rows[0]);
  }

  async updateMetadata(key: ClipKey, changes: UpdateMetadataRequest, condition: WriteCondition): Promise<WriteOutcome> {
    const db = await this.#open();
    const members = METADATA_MEMBERS.filter((member) => changes[member] !== undefined);
    const conditional = condition.expectedVersion !== undefined;
    const { rows } = await this.#statements.updateMetadata(members, conditional)(db, {
      ...keyValues(key),
      ...changes,
      now: condition.now,
      expectedVersion: condition.expectedVersion,
    });
    return versionOf(rows) ?? this.#whyNot(db, key);
  }

  async recordView(key: ClipKey, condition: WriteCondition): Promise<WriteOutcome> {
    const db = await this.#open();
    const statement = condition.expectedVersion === undefined ? this.#statements.recordView : this.#statements.recordViewIfMatch;
    const { rows } = await statement(db, { ...keyValues(key), now: condition.now, expectedVersion: condition.expectedVersion });
    return versionOf(rows) ?? this.#whyNot(db, key);
  }

  async rate(key: ClipKey, raterXuid: string, value: number, condition: WriteCondition): Promise<WriteOutcome> {
    return this.#lockedWrite(key, condition, async (trx) => {
      const values = { ...keyValues(key), rater: raterXuid, value, now: condition.now };
      await this.#statements.upsertRating(trx, values);
      return versionOf((await this.#statements.recomputeRating(trx, values)).rows)!;
    });
  }

  async flag(key: ClipKey, flaggerXuid: string, threshold: number, condition: WriteCondition): Promise<WriteOutcome> {
    return this.#lockedWrite(key, condition, async (trx, current) => {
      const values = { ...keyValues(key), flagger: flaggerXuid, threshold, now: condition.now };
      const inserted = await this.#statements.insertFlag(trx, values);
      if (inserted.numAffectedRows === 0n) return current;
      return versionOf((await this.#statements.countFlag(trx, values)).rows)!;
    });
  }

  async hasFlagged(key: ClipKey, flaggerXuid: string): Promise<boolean> {
    const { rows } = await this.#statements.hasFlagged(await this.#open(), { ...keyValues(key), flagger: flaggerXuid });
    return rows.length > 0;
  }

  /**
   * Runs a multi-statement write in a transaction that holds the clip's write lock before it
   * reads the version: writers of one clip run one after another, and each statement after
   * the lock sees every earlier writer's commit.
   */
  async #lockedWrite(
    key: ClipKey,
    condition: WriteCondition,
    write: (trx: Transaction<StoreDatabase>, current: { version: number }) => Promise<{ version: number }>,
  ): Promise<WriteOutcome> {
    const db = await this.#open();
    return db.transaction().execute(async (trx) => {
      const current = versionOf((await this.#statements.lockVersion(trx, keyValues(key))).rows);
      if (!current) return 'not-found';
      if (condition.expectedVersion !== undefined && current.version !== condition.expectedVersion) {
        return 'precondition-failed';
      }
      return write(trx, current);
    });
  }

  /** Why a conditional single-statement write changed no row. */
  async #whyNot(db: Kysely<StoreDatabase>, key: ClipKey): Promise<WriteOutcome> {
    const { rows } = await this.#statements.version(db, keyValues(key));
    return rows.length > 0 ? 'precondition-failed' : 'not-found';
  }

  async insertClips(clips: readonly GameClip[]): Promise<void> {
    if (clips.length === 0) return;
    const db = await this.#open();
    await db.transaction().execute(async (trx) => {
      for (let start = 0; start < clips.length; start += INSERT_BATCH) {
        await trx.insertInto('clips').values(clips.slice(start, start + INSERT_BATCH).map((clip) => ({ ...clipInsertRow(clip), ...clipListColumns(clip) }))).execute();
      }
    });
  }

  async listClips(query: ClipListQuery): Promise<ListedClip[]> {
    const { rows } = await this.#lists.page(query)(await this.#open(), listValues(query));
    return rows.map((row) => ({
      ...clipFromRow(row),
      position: { sortValue: Number(row.sort_value), clipKey: Number(row.clip_key) },
    }));
  }

  async countListed(query: Omit<ClipListQuery, 'qualifier' | 'order' | 'limit' | 'skip' | 'after'>, limit: number): Promise<number> {
    const counted = { ...query, qualifier: 'created', order: 'D', limit } as const;
    const { rows } = await this.#lists.count(counted)(await this.#open(), listValues(counted));
    return Number(rows[0]!.n);
  }

  async deleteClip(key: ClipKey, ownerXuid: string): Promise<boolean> {
    const db = await this.#open();
    return db.transaction().execute(async (trx) => {
      const values = { ...keyValues(key), owner: ownerXuid };
      const { rows } = await this.#lists.deleteClip(trx, values);
      if (rows.length === 0) return false;
      // The foreign keys cascade too; deleting here does not depend on them being enforced.
      await this.#lists.deleteRatings(trx, values);
      await this.#lists.deleteFlags(trx, values);
      return true;
    });
  }

  async countClips(): Promise<number> {
    const { rows } = await this.#statements.countClips(await this.#open(), {});
    return Number(rows[0]!.n);
  }

  async check(): Promise<void> {
    await sql`select 1`.execute(await this.#open());
  }

  async close(): Promise<void> {
    await (this.#closing ??= this.#ready.catch(() => undefined).then(() => this.#db.destroy()));
  }
}
