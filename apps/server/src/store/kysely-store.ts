import { sql, type Kysely, type Transaction } from 'kysely';
import type { GameClip, UpdateMetadataRequest } from '@gameclips/types';
import type { ClipKey, ClipStore, StoredClip, WriteCondition, WriteOutcome } from './clip-store.js';
import type { ClipListQuery, ListedClip, ListPosition } from './clip-list-query.js';
import { clipListStatements, listValues, type ClipListStatements } from './clip-list-statements.js';
import { clipFromRow, clipInsertRow, keyValues } from './clip-rows.js';
import { clipStatements, type ClipStatements, type MetadataMember, type WriteVariant } from './clip-statements.js';
import { ListEpochs } from './list-epochs.js';
import { KyselyUploads } from './kysely-uploads.js';
import type { Engine } from './migrations.js';
import type { StoreDatabase } from './schema.js';

/** Rows per INSERT when loading clips (29 parameters each: under SQLite's 32 766 and PostgreSQL's 65 535). */
const INSERT_BATCH = 500;

const METADATA_MEMBERS: readonly MetadataMember[] = ['userCaption', 'visibility', 'titleData'];

function versionOf(rows: readonly { metadata_version: number | string }[]): { version: number } | undefined {
  return rows[0] && { version: Number(rows[0].metadata_version) };
}

function variantOf(condition: WriteCondition): WriteVariant {
  return { conditional: condition.expectedVersion !== undefined, guarded: condition.guard !== undefined };
}

/** The slots of a write's key and condition. */
function writeValues(key: ClipKey, condition: WriteCondition) {
  const { guard } = condition;
  return {
    scid: key.scid,
    gameClipId: key.gameClipId,
    now: condition.now,
    expectedVersion: condition.expectedVersion,
    owner: guard?.owner,
    viewer: guard?.xuid,
    viewerTitleId: guard?.titleId ?? null,
  };
}

/**
 * The store on Kysely, for both engines: every statement is in clip-statements.ts, written
 * once. Every write is one statement (metadata; on PostgreSQL views, ratings and flags too,
 * their first step locking the clip row; the If-Match version is part of the WHERE) or, on
 * SQLite, one transaction that holds the database's write lock from its first statement
 * (the dialect begins IMMEDIATE), so counters, means and version checks are exact however
 * many requests or processes race.
 * Counters are never read into JavaScript and written back.
 *
 * The engine's own file opens the connection, migrates, and hands the Kysely instance over.
 */
export class KyselyStore implements ClipStore {
  readonly engine: Engine;
  readonly uploads: KyselyUploads;
  readonly #db: Kysely<StoreDatabase>;
  readonly #statements: ClipStatements;
  readonly #lists: ClipListStatements;
  /** Settles when the store may be used (SQLite migrates after its synchronous constructor). */
  readonly #ready: Promise<void>;
  readonly #epochs: ListEpochs;
  /** The write epoch from which the next write prunes the sort history (once per epoch and instance). */
  #pruneFrom = 0;
  #pruning: Promise<unknown> = Promise.resolve();
  #closing: Promise<void> | undefined;

  protected constructor(engine: Engine, db: Kysely<StoreDatabase>, epochs: ListEpochs, ready: Promise<void> = Promise.resolve()) {
    this.engine = engine;
    this.#db = db;
    this.#statements = clipStatements(db, engine);
    this.#lists = clipListStatements(db);
    this.#epochs = epochs;
    this.#ready = ready;
    this.uploads = new KyselyUploads(engine, db, () => this.#open());
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
    const values: Record<string, unknown> = writeValues(key, condition);
    for (const member of members) values[member] = changes[member];
    const { rows } = await this.#statements.updateMetadata(members, variantOf(condition))(db, values);
    return versionOf(rows) ?? this.#whyNot(db, key, condition);
  }

  /** A view and the sort history it needs, atomically: one statement on PostgreSQL, one IMMEDIATE transaction on SQLite. */
  async recordView(key: ClipKey, condition: WriteCondition): Promise<WriteOutcome> {
    const db = await this.#open();
    const variant = variantOf(condition);
    const values = { ...writeValues(key, condition), epoch: this.#sortChangeEpoch() };
    const rows =
      this.engine === 'postgres'
        ? (await this.#statements.recordViewInOneStatement(variant)(db, values)).rows
        : await db.transaction().execute(async (trx) => {
            await this.#statements.recordSortHistory(variant)(trx, values);
            return (await this.#statements.recordView(variant)(trx, values)).rows;
          });
    return versionOf(rows) ?? this.#whyNot(db, key, condition);
  }

  async rate(key: ClipKey, raterXuid: string, value: number, condition: WriteCondition): Promise<WriteOutcome> {
    const epoch = this.#sortChangeEpoch();
    if (this.engine === 'postgres') {
      const db = await this.#open();
      const values = { ...writeValues(key, condition), rater: raterXuid, value, epoch };
      const { rows } = await this.#statements.rateInOneStatement(variantOf(condition))(db, values);
      return versionOf(rows) ?? this.#whyNot(db, key, condition);
    }
    return this.#lockedWrite(key, condition, async (trx) => {
      const values = { ...keyValues(key), rater: raterXuid, value, now: condition.now, epoch };
      await this.#statements.recordSortHistory({ conditional: false, guarded: false })(trx, values);
      await this.#statements.upsertRating(trx, values);
      return versionOf((await this.#statements.recomputeRating(trx, values)).rows)!;
    });
  }

  /** The epoch of a change of views or rating made now; the first such change of an epoch also prunes the sort history. */
  #sortChangeEpoch(): number {
    const epoch = this.#epochs.writeEpoch();
    if (epoch >= this.#pruneFrom) {
      this.#pruneFrom = epoch + 1;
      // Not awaited: the write does not wait for it; close() does. A failure is retried next epoch.
      this.#pruning = this.pruneSortHistory().catch(() => undefined);
    }
    return epoch;
  }

  /**
   * Deletes the sort history no live walk reads (epochs before `ListEpochs.pruneBefore`).
   * Safe from any number of instances at once: each deletes what is below its own cutoff.
   */
  async pruneSortHistory(): Promise<number> {
    const { numAffectedRows } = await this.#lists.deleteHistoryBefore(await this.#open(), { before: this.#epochs.pruneBefore() });
    return Number(numAffectedRows ?? 0n);
  }

  walkExpired(position: ListPosition): boolean {
    return this.#epochs.isExpired(position.epoch);
  }

  async flag(key: ClipKey, flaggerXuid: string, threshold: number, condition: WriteCondition): Promise<WriteOutcome> {
    if (this.engine === 'postgres') {
      const db = await this.#open();
      const values = { ...writeValues(key, condition), flagger: flaggerXuid, threshold };
      const { rows } = await this.#statements.flagInOneStatement(variantOf(condition))(db, values);
      const outcome = versionOf(rows) ?? (await this.#whyNot(db, key, condition, { repeatable: true }));
      return outcome;
    }
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
    const lock = this.#statements.lockVersion(variantOf(condition));
    return db.transaction().execute(async (trx) => {
      const current = versionOf((await lock(trx, writeValues(key, condition))).rows);
      if (!current) return 'not-found';
      if (condition.expectedVersion !== undefined && current.version !== condition.expectedVersion) {
        return 'precondition-failed';
      }
      return write(trx, current);
    });
  }

  /**
   * Why a write changed no row: no clip the guard lets the caller see, or another version
   * than the expected one. For a write that may change nothing on purpose (a repeated flag,
   * `repeatable`), a visible clip at the expected version is a success at that version.
   */
  async #whyNot(db: Kysely<StoreDatabase>, key: ClipKey, condition: WriteCondition, { repeatable = false } = {}): Promise<WriteOutcome> {
    const variant = { conditional: false, guarded: condition.guard !== undefined };
    const current = versionOf((await this.#statements.version(variant)(db, writeValues(key, condition))).rows);
    if (!current) return 'not-found';
    if (!repeatable || (condition.expectedVersion !== undefined && current.version !== condition.expectedVersion)) return 'precondition-failed';
    return current;
  }

  async insertClips(clips: readonly GameClip[]): Promise<void> {
    if (clips.length === 0) return;
    const db = await this.#open();
    await db.transaction().execute(async (trx) => {
      for (let start = 0; start < clips.length; start += INSERT_BATCH) {
        await trx.insertInto('clips').values(clips.slice(start, start + INSERT_BATCH).map(clipInsertRow)).execute();
      }
    });
  }

  async listClips(query: ClipListQuery): Promise<ListedClip[]> {
    const epoch = query.after?.epoch ?? query.epoch ?? this.#epochs.walkEpoch();
    const { rows } = await this.#lists.page(query)(await this.#open(), listValues({ ...query, epoch }));
    return rows.map((row) => ({
      ...clipFromRow(row),
      position: { epoch, sortValue: Number(row.sort_value), seq: Number(row.list_seq) },
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
      // The bytes of an uploaded clip go with it.
      await this.#lists.deleteRatings(trx, values);
      await this.#lists.deleteFlags(trx, values);
      await this.#lists.deleteSortHistory(trx, values);
      await this.uploads.deleteBlocks(trx, key);
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
    await (this.#closing ??= this.#ready
      .catch(() => undefined)
      .then(() => this.#pruning)
      .then(() => this.#db.destroy()));
  }
}
