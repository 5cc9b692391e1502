import type { StoreOptions } from '../store/open-store.js';
import { choiceOption, UsageError } from './usage-error.js';

/** The SQLite file the CLI uses when neither --db nor GAMECLIPS_DB names one. */
export const DEFAULT_DB = 'data/gameclips.sqlite';

/** The database of a command: --db, else GAMECLIPS_DB, else the default file. */
export function dbOption(value: string | undefined, env: NodeJS.ProcessEnv): string {
  return value || env.GAMECLIPS_DB || DEFAULT_DB;
}

/** The store a command opens: --store, --db and --database-url, or their environment variables. */
export function storeOptions(
  values: { store?: string | undefined; db?: string | undefined; 'database-url'?: string | undefined },
  env: NodeJS.ProcessEnv,
): { options: StoreOptions; label: string } {
  const store = choiceOption('store', values.store || env.GAMECLIPS_STORE, ['sqlite', 'postgres'] as const) ?? 'sqlite';
  const db = dbOption(values.db, env);
  const databaseUrl = values['database-url'] || env.DATABASE_URL;
  if (store === 'postgres' && !databaseUrl) throw new UsageError('--store postgres needs --database-url URL (or DATABASE_URL)');
  return {
    options: { store, db, ...(databaseUrl ? { databaseUrl } : {}) },
    label: store === 'postgres' ? 'PostgreSQL' : `sqlite ${db}`,
  };
}
