import type { ClipStore } from './clip-store.js';
import { SqliteStore } from './sqlite-store.js';

/** Which store to open. */
export interface StoreOptions {
  /** `sqlite` (default) or `postgres`. */
  store?: 'sqlite' | 'postgres';
  /** SQLite file, or `:memory:` (default). */
  db?: string;
  /** PostgreSQL connection string, for `store: 'postgres'`. */
  databaseUrl?: string;
}

/** Opens (and migrates) the store the options name. */
export async function openStore(options: StoreOptions): Promise<ClipStore> {
  if (options.store === 'postgres') throw new Error('The postgres store is not available yet');
  return new SqliteStore(options.db ?? ':memory:');
}
