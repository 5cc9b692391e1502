import { sql, type Kysely, type Transaction } from 'kysely';
import type { GameClip, UpdateMetadataRequest } from '@gameclips/types';
import type { ClipKey, ClipStore, StoredClip, WriteCondition, WriteOutcome } from './clip-store.js';
import { clipFromRow, clipInsertRow } from './clip-rows.js';
import type { Engine } from './migrations.js';
import type { StoreDatabase } from './schema.js';

type Db = Kysely<StoreDatabase> | Transaction<StoreDatabase>;

/** Rows per INSERT when loading clips (21 parameters each: under SQLite's 32 766 and PostgreSQL's 65 535). */
const INSERT_BATCH = 500;

const STATES_A_FLAG_KEEPS = ['Flagged', 'Banned', 'Deleted'] as const;

function outcome(row: { metadata_version: number | string } | undefined): { version: number } | undefined {
  return row && { version: Number(row.metadata_version) };
}

/**
 * The store's statements, written once for both engines with Kysely. Every write is one
 * statement (views, metadata: the If-Match version is part of the UPDATE's WHERE) or one
 * transaction that holds the clip's write lock from its first statement (ratings, flags: the
 * SQLite dialect begins IMMEDIATE, PostgreSQL locks the clip's row), so counters, means and
 * version checks are exact however many requests or processes race. Counters are never read
 * into JavaScript and written back.
 *
 * The engine's own file opens the connection, migrates, and hands the Kysely instance over.
 */
export class KyselyStore implements ClipStore {
  readonly engine: Engine;
  readonly #db: Kysely<StoreDatabase>;
  /** Settles when the store may be used (SQLite migrates after its synchronous constructor). */
  readonly #ready: Promise<void>;
  #closing: Promise<void> | undefined;

  protected constructor(engine: Engine, db: Kysely<StoreDatabase>, ready: Promise<void> = Promise.resolve()) {
    this.engine = engine;
    this.#db = db;
    this.#ready = ready;
  }

  async #open(): Promise<Kysely<StoreDatabase>> {
    await this.#ready;
    return this.#db;
  }

  async getClip(key: ClipKey): Promise<StoredClip | undefined> {
    const row = await whereKey((await this.#open()).selectFrom('clips').selectAll(), key).executeTakeFirst();
    return row && clipFromRow(row);
  }

  async updateMetadata(key: ClipKey, changes: UpdateMetadataRequest, condition: WriteCondition): Promise<WriteOutcome> {
    const db = await this.#open();
    const row = await whereVersion(
      whereKey(
        db.updateTable('clips').set((eb) => ({
          ...(changes.userCaption !== undefined && { user_caption: changes.userCaption }),
          ...(changes.visibility !== undefined && { visibility: changes.visibility }),
          ...(changes.titleData !== undefined && { title_data: changes.titleData }),
          metadata_version: eb('metadata_version', '+', 1),
          last_modified: condition.now,
        })),
        key,
      ),
      condition,
    )
      .returning('metadata_version')
      .executeTakeFirst();
    return outcome(row) ?? this.#whyNot(db, key);
  }

  async recordView(key: ClipKey, condition: WriteCondition): Promise<WriteOutcome> {
    const db = await this.#open();
    const row = await whereVersion(
      whereKey(
        db.updateTable('clips').set((eb) => ({ views: eb('views', '+', 1), last_modified: condition.now })),
        key,
      ),
      condition,
    )
      .returning('metadata_version')
      .executeTakeFirst();
    return outcome(row) ?? this.#whyNot(db, key);
  }

  async rate(key: ClipKey, raterXuid: string, value: number, condition: WriteCondition): Promise<WriteOutcome> {
    return this.#lockedWrite(key, condition, async (trx) => {
      await trx
        .insertInto('ratings')
        .values({ scid: key.scid, game_clip_id: key.gameClipId, rater_xuid: raterXuid, value, rated_at: condition.now })
        .onConflict((oc) =>
          oc.columns(['scid', 'game_clip_id', 'rater_xuid']).doUpdateSet((eb) => ({
            value: eb.ref('excluded.value'),
            rated_at: eb.ref('excluded.rated_at'),
          })),
        )
        .execute();
      const ratingsOfClip = sql`from ratings r where r.scid = clips.scid and r.game_clip_id = clips.game_clip_id`;
      const row = await whereKey(
        trx.updateTable('clips').set({
          rating_sum: sql<number>`base_rating_sum + (select coalesce(sum(r.value), 0) ${ratingsOfClip})`,
          rating_count: sql<number>`base_rating_count + (select count(*) ${ratingsOfClip})`,
          last_modified: condition.now,
        }),
        key,
      )
        .returning('metadata_version')
        .executeTakeFirstOrThrow();
      return outcome(row)!;
    });
  }

  async flag(key: ClipKey, flaggerXuid: string, threshold: number, condition: WriteCondition): Promise<WriteOutcome> {
    return this.#lockedWrite(key, condition, async (trx, current) => {
      const inserted = await trx
        .insertInto('flags')
        .values({ scid: key.scid, game_clip_id: key.gameClipId, flagger_xuid: flaggerXuid, flagged_at: condition.now })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      if (inserted.numInsertedOrUpdatedRows === 0n) return current;
      const row = await whereKey(
        trx.updateTable('clips').set((eb) => ({
          flag_count: eb('flag_count', '+', 1),
          state: eb
            .case()
            .when(eb.and([eb(eb('flag_count', '+', 1), '>=', threshold), eb('state', 'not in', STATES_A_FLAG_KEEPS)]))
            .then(eb.val('Flagged' as const))
            .else(eb.ref('state'))
            .end(),
          last_modified: condition.now,
        })),
        key,
      )
        .returning('metadata_version')
        .executeTakeFirstOrThrow();
      return outcome(row)!;
    });
  }

  async hasFlagged(key: ClipKey, flaggerXuid: string): Promise<boolean> {
    const db = await this.#open();
    const row = await whereKey(db.selectFrom('flags').select('flagger_xuid'), key)
      .where('flagger_xuid', '=', flaggerXuid)
      .executeTakeFirst();
    return row !== undefined;
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
      const current = outcome(
        await whereKey(trx.selectFrom('clips').select('metadata_version'), key)
          // PostgreSQL locks the row. SQLite has no row locks and no FOR UPDATE: its
          // transaction began IMMEDIATE and already holds the database's write lock.
          .$if(this.engine === 'postgres', (query) => query.forUpdate())
          .executeTakeFirst(),
      );
      if (!current) return 'not-found';
      if (condition.expectedVersion !== undefined && current.version !== condition.expectedVersion) {
        return 'precondition-failed';
      }
      return write(trx, current);
    });
  }

  /** Why a conditional single-statement write changed no row. */
  async #whyNot(db: Db, key: ClipKey): Promise<WriteOutcome> {
    const row = await whereKey(db.selectFrom('clips').select('metadata_version'), key).executeTakeFirst();
    return row ? 'precondition-failed' : 'not-found';
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

  async countClips(): Promise<number> {
    const db = await this.#open();
    const row = await db.selectFrom('clips').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async check(): Promise<void> {
    await sql`select 1`.execute(await this.#open());
  }

  async close(): Promise<void> {
    await (this.#closing ??= this.#ready.catch(() => undefined).then(() => this.#db.destroy()));
  }
}

/** `WHERE` the clip's key. */
function whereKey<Q extends { where: (...args: any[]) => any }>(query: Q, key: ClipKey): Q {
  return query.where('scid', '=', key.scid).where('game_clip_id', '=', key.gameClipId);
}

/** `AND` the If-Match condition, when there is one. */
function whereVersion<Q extends { where: (...args: any[]) => any }>(query: Q, condition: WriteCondition): Q {
  return condition.expectedVersion === undefined ? query : query.where('metadata_version', '=', condition.expectedVersion);
}
