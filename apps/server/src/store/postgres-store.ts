import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { PreparedBatch } from './compiled-query.js';
import { KyselyStore, type RunBatch } from './kysely-store.js';
import { ListEpochs, type ListEpochOptions } from './list-epochs.js';
import { migrateStore } from './migrate-store.js';
import { PreparingClient } from './postgres-client.js';
import { postgresStoreDefaults, type PostgresStoreOptions } from './postgres-options.js';
import type { StoreDatabase } from './schema.js';

/**
 * The store for several server instances on one PostgreSQL database: the same statements as
 * the SQLite store, on a pg pool. Writers of one clip serialise on its row lock.
 *
 * `const store = await PostgresStore.open('postgres://app@db/gameclips', { max: 20 })`
 * migrates the database (under the Migrator's advisory lock) and returns the store.
 */
export class PostgresStore extends KyselyStore {
  private constructor(db: Kysely<StoreDatabase>, epochs: ListEpochs, runBatch: RunBatch) {
    super('postgres', db, epochs, Promise.resolve(), runBatch);
  }

  /** Connects, migrates and returns the store. The URL may carry `?options=-c search_path=NAME` to use a schema. */
  static async open(url: string, options: PostgresStoreOptions = {}, lists: ListEpochOptions = {}): Promise<PostgresStore> {
    const epochs = new ListEpochs(lists);
    const settings = { ...postgresStoreDefaults, ...options };
    const pool = new pg.Pool({
      Client: PreparingClient,
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
    const db = new Kysely<StoreDatabase>({ dialect: new PostgresDialect({ pool }) });
    try {
      // The Migrator looks its tables up in every schema unless it is told one: name the
      // schema the store's tables go to, so databases with one store per schema work.
      const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
      await migrateStore(db, 'postgres', rows[0]!.schema);
    } catch (error) {
      await db.destroy();
      throw error;
    }
    const runBatch = async <R>(batch: PreparedBatch<R>, values: Readonly<Record<string, unknown>>): Promise<readonly R[]> => {
      const client = (await pool.connect()) as unknown as PreparingClient & pg.PoolClient;
      try {
        const rows = await client.runBatch(batch, values);
        client.release();
        return rows;
      } catch (error) {
        // As pool.query does: the connection is dropped, and with it anything half prepared.
        client.release(error instanceof Error ? error : true);
        throw error;
      }
    };
    return new PostgresStore(db, epochs, runBatch);
  }
}
