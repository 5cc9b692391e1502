import Database from 'better-sqlite3';
import { Kysely } from 'kysely';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { KyselyStore } from './kysely-store.js';
import { ListEpochs, type ListEpochOptions } from './list-epochs.js';
import { migrateStore } from './migrate-store.js';
import type { StoreDatabase } from './schema.js';
import { ImmediateSqliteDialect } from './sqlite-dialect.js';

function openDatabase(path: string): Database.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  // NORMAL keeps every committed write across a process crash (WAL is in the OS cache);
  // only a power loss may drop the newest transactions.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  return db;
}

/**
 * The embedded store: one SQLite file (or `:memory:`) in WAL mode, every write one
 * statement or one IMMEDIATE transaction, so counters are exact even with several processes
 * on the same file. The constructor opens the file; the schema is migrated before the first
 * call is served (a failed migration fails every call, `check()` included).
 *
 * Within one process, share one store per file: a transaction holds the file's write lock
 * across the awaits between its statements, and a second connection of the same process
 * would wait for it synchronously (busy_timeout), blocking the very thread that would
 * release it. Separate processes wait for each other as they should.
 */
export class SqliteStore extends KyselyStore {
  constructor(path: string, lists: ListEpochOptions = {}) {
    const epochs = new ListEpochs(lists);
    const db = new Kysely<StoreDatabase>({ dialect: new ImmediateSqliteDialect(openDatabase(path)) });
    const ready = migrateStore(db, 'sqlite');
    // Seen by the first call; no unhandled rejection before it.
    ready.catch(() => undefined);
    super('sqlite', db, epochs, ready);
  }
}
