import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { KyselyStore } from './kysely-store.js';
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
  private constructor(db: Kysely<StoreDatabase>, epochs: ListEpochs) {
    super('postgres', db, epochs);
  }

  /** Connects, migrates and returns the store. The URL may carry `?options=-c search_path=NAME` to use a schema. */
  static async open(url: string, options: PostgresStoreOptions = {}, lists: ListEpochOptions = {}): Promise<PostgresStore> {
    const epochs = new ListEpochs(lists);
    const settings = { ...postgresStoreDefaults, ...options };
    const pool = new pg.Pool({
      Client: settings.preparedStatements ? PreparingClient : pg.Client,
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
    return new PostgresStore(db, epochs);
  }
}
