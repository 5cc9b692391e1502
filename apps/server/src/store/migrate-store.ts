import { Migrator, type Kysely } from 'kysely';
import { storeMigrationProvider, type Engine } from './migrations.js';

/** Where the Migrator records the migrations that ran, and its lock (PostgreSQL: on the search path's first schema). */
const MIGRATION_TABLE = 'gameclips_kysely_migration';
const MIGRATION_LOCK_TABLE = 'gameclips_kysely_migration_lock';

/** Brings the database to the newest schema, all pending migrations in one transaction; throws what failed. */
export async function migrateStore(db: Kysely<any>, engine: Engine, schema?: string): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: storeMigrationProvider(engine),
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: MIGRATION_LOCK_TABLE,
    ...(schema !== undefined && { migrationTableSchema: schema }),
  });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(`Migrating the ${engine} store failed: ${String(error)}`);
}
