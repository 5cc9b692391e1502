import type { ClipStore } from './clip-store.js';
import type { ListEpochOptions } from './list-epochs.js';
import type { PostgresStoreOptions } from './postgres-options.js';
import { SqliteStore } from './sqlite-store.js';

/** Which store to open. */
export interface StoreOptions {
  /** `sqlite` (default) or `postgres`. */
  store?: 'sqlite' | 'postgres';
  /** SQLite file, or `:memory:` (default). */
  db?: string;
  /** PostgreSQL connection string, for `store: 'postgres'`. */
  databaseUrl?: string;
  /** PostgreSQL pool settings; unset ones come from GAMECLIPS_PG_* variables, then the defaults. */
  postgres?: PostgresStoreOptions;
  /** How list walks see time: epoch length, how long a continuation token lives, the clock. */
  lists?: ListEpochOptions;
}

/** Opens (and migrates) the store the options name. */
export async function openStore(options: StoreOptions): Promise<ClipStore> {
  if (options.store === 'postgres') {
    if (!options.databaseUrl) throw new Error('The postgres store needs a databaseUrl');
    // Loaded only when asked for, so the SQLite default never loads pg.
    const { PostgresStore } = await import('./postgres-store.js');
    const { postgresOptionsFromEnv } = await import('./postgres-options.js');
    return PostgresStore.open(options.databaseUrl, { ...postgresOptionsFromEnv(process.env), ...options.postgres }, options.lists);
  }
  const store = new SqliteStore(options.db ?? ':memory:', options.lists);
  try {
    await store.check(); // waits for the migrations, and fails here when they fail
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}
