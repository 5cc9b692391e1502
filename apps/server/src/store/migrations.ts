import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { HISTORY_INDEXES, LIST_INDEXES, RATING_MEAN_SQL } from './list-order.js';

/** The list indexes as migration 0003 made them (frozen; 0004 made them anew on list_seq). */
const LIST_INDEXES_0003: ReadonlyArray<{ name: string; columns: string }> = [
  { name: 'clips_owner_created', columns: 'xuid, recorded_ms, clip_key' },
  { name: 'clips_owner_views', columns: 'xuid, views, clip_key' },
  { name: 'clips_owner_rating', columns: 'xuid, rating_mean, clip_key' },
  { name: 'clips_owner_scid_created', columns: 'xuid, scid, recorded_ms, clip_key' },
  { name: 'clips_owner_title_created', columns: 'xuid, title_id, recorded_ms, clip_key' },
  { name: 'clips_scid_created', columns: 'scid, recorded_ms, clip_key' },
  { name: 'clips_title_created', columns: 'title_id, recorded_ms, clip_key' },
];

/** The engines the store runs on. */
export type Engine = 'sqlite' | 'postgres';

/**
 * The schema, one migration per entry, for both engines; Kysely's Migrator records which ran.
 * Append new migrations; never edit one that has shipped. Keep them additive, so that
 * instances still on older code keep working during a rolling upgrade.
 *
 * Times stay text so a clip reads back exactly as it was written; rating sums are double
 * precision and counters bigint (pg returns those as strings, which clipFromRow turns into
 * numbers). Two things differ by engine, because no portable spelling exists: PostgreSQL
 * keeps thumbnails and URIs as `json` (not `jsonb`, which would reorder their keys) while
 * SQLite has no JSON type and keeps text; and SQLite's tables are `WITHOUT ROWID` (they are
 * looked up by their primary key only), a clause PostgreSQL does not know.
 */
export function storeMigrations(engine: Engine): Record<string, Migration> {
  const json = engine === 'postgres' ? 'json' : 'text';
  const withoutRowid = engine === 'sqlite' ? sql`without rowid` : sql``;
  return {
    // Every statement is `if not exists`: databases made before the Migrator kept this
    // schema (SQLite `user_version` 1, PostgreSQL `gameclips_migrations` 1) are adopted as
    // they are, data and all.
    '0001_clips_ratings_flags': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('clips')
          .ifNotExists()
          .addColumn('scid', 'text', (c) => c.notNull())
          .addColumn('game_clip_id', 'text', (c) => c.notNull())
          .addColumn('xuid', 'text', (c) => c.notNull())
          .addColumn('title_id', 'bigint', (c) => c.notNull())
          .addColumn('state', 'text', (c) => c.notNull())
          .addColumn('date_recorded', 'text', (c) => c.notNull())
          .addColumn('last_modified', 'text', (c) => c.notNull())
          .addColumn('clip_name', 'text', (c) => c.notNull())
          .addColumn('user_caption', 'text', (c) => c.notNull())
          .addColumn('type', 'text', (c) => c.notNull())
          .addColumn('source', 'text', (c) => c.notNull())
          .addColumn('visibility', 'text', (c) => c.notNull())
          .addColumn('duration_in_seconds', 'integer', (c) => c.notNull())
          .addColumn('base_rating_sum', 'double precision', (c) => c.notNull())
          .addColumn('base_rating_count', 'bigint', (c) => c.notNull())
          .addColumn('rating_sum', 'double precision', (c) => c.notNull())
          .addColumn('rating_count', 'bigint', (c) => c.notNull())
          .addColumn('views', 'bigint', (c) => c.notNull())
          .addColumn('title_data', 'text', (c) => c.notNull())
          .addColumn('thumbnails', sql.raw(json), (c) => c.notNull())
          .addColumn('game_clip_uris', sql.raw(json), (c) => c.notNull())
          .addColumn('flag_count', 'integer', (c) => c.notNull().defaultTo(0))
          // Bumped by every write in the first schema; 0002's metadata_version took over from it.
          .addColumn('version', 'bigint', (c) => c.notNull().defaultTo(1))
          .addPrimaryKeyConstraint('clips_pkey', ['scid', 'game_clip_id'])
          .modifyEnd(withoutRowid)
          .execute();
        for (const [table, who, when] of [
          ['ratings', 'rater_xuid', 'rated_at'],
          ['flags', 'flagger_xuid', 'flagged_at'],
        ] as const) {
          let create = db.schema
            .createTable(table)
            .ifNotExists()
            .addColumn('scid', 'text', (c) => c.notNull())
            .addColumn('game_clip_id', 'text', (c) => c.notNull())
            .addColumn(who, 'text', (c) => c.notNull());
          if (table === 'ratings') {
            create = create.addColumn('value', 'smallint', (c) => c.notNull().check(sql`value between 1 and 5`));
          }
          await create
            .addColumn(when, 'text', (c) => c.notNull())
            .addPrimaryKeyConstraint(`${table}_pkey`, ['scid', 'game_clip_id', who])
            .addForeignKeyConstraint(`${table}_clip_fkey`, ['scid', 'game_clip_id'], 'clips', ['scid', 'game_clip_id'], (c) =>
              c.onDelete('cascade'),
            )
            .modifyEnd(withoutRowid)
            .execute();
        }
      },
    },
    // The ETag's validator: only the owner's metadata writes change it, so that views,
    // ratings and flags by others never make the owner's If-Match fail. It starts at the
    // old all-writes version, so an ETag handed out before is still current exactly when
    // the clip has not changed since, and stale otherwise.
    '0002_metadata_version': {
      async up(db: Kysely<any>) {
        await db.schema
          .alterTable('clips')
          .addColumn('metadata_version', 'bigint', (c) => c.notNull().defaultTo(1))
          .execute();
        await db.updateTable('clips').set((eb) => ({ metadata_version: eb.ref('version') })).execute();
      },
    },
    // What lists need: the optional members of a clip, the `created` sort value (dateRecorded
    // as a number: its text forms do not sort), a tie-breaking clip_key (0004 replaced it
    // with list_seq and leaves it 0) and an index for each order. The sort value of the
    // clips already stored is computed by one UPDATE, in SQL, as clipListColumns computes it.
    '0003_clip_lists': {
      async up(db: Kysely<any>) {
        for (const column of ['title_name', 'game_clip_locale', 'system_properties', 'achievement_id', 'greatest_moment_id']) {
          await db.schema.alterTable('clips').addColumn(column, 'text').execute();
        }
        await db.schema.alterTable('clips').addColumn('saved_by_user', 'integer').execute();
        await db.schema.alterTable('clips').addColumn('recorded_ms', 'bigint', (c) => c.notNull().defaultTo(0)).execute();
        await db.schema.alterTable('clips').addColumn('clip_key', 'bigint', (c) => c.notNull().defaultTo(0)).execute();
        // SQLite can add only a virtual generated column (its index stores the value);
        // PostgreSQL only a stored one.
        await db.schema
          .alterTable('clips')
          .addColumn('rating_mean', 'double precision', (c) => {
            const generated = c.generatedAlwaysAs(sql.raw(RATING_MEAN_SQL));
            return engine === 'postgres' ? generated.stored() : generated;
          })
          .execute();
        // dateRecorded is an RFC 3339 date-time (the contract's format); SQLite's unixepoch
        // answers null for anything else, which becomes 0 as in recordedMs.
        const recordedMs =
          engine === 'postgres'
            ? sql`floor(extract(epoch from cast(date_recorded as timestamptz)) * 1000)`
            : sql`coalesce(cast(round(unixepoch(date_recorded, 'subsec') * 1000) as integer), 0)`;
        await db.updateTable('clips').set({ recorded_ms: recordedMs }).execute();
        for (const { name, columns } of LIST_INDEXES_0003) {
          await sql.raw(`create index if not exists ${name} on clips (${columns})`).execute(db);
        }
        if (engine === 'postgres') await sql`analyze clips`.execute(db);
      },
    },
    // Lists that keep their order while clips are re-sorted (see list-epochs.ts): each
    // clip's list_seq, a unique tie-break the engine assigns on insert (PostgreSQL: an
    // identity column, which numbers the stored clips as it is added; SQLite: a trigger,
    // the stored clips numbered by one UPDATE), the epoch of its last change of views or
    // rating, the history of its sort values per epoch, and the list indexes on list_seq.
    '0004_sort_history': {
      async up(db: Kysely<any>) {
        await db.schema.alterTable('clips').addColumn('sort_epoch', 'bigint', (c) => c.notNull().defaultTo(0)).execute();
        if (engine === 'postgres') {
          await sql`alter table clips add column list_seq bigint not null generated by default as identity`.execute(db);
        } else {
          await db.schema.alterTable('clips').addColumn('list_seq', 'integer').execute();
          await sql`
            update clips set list_seq = numbered.n
            from (select scid, game_clip_id, row_number() over (order by recorded_ms, scid, game_clip_id) as n from clips) as numbered
            where clips.scid = numbered.scid and clips.game_clip_id = numbered.game_clip_id`.execute(db);
          await sql`create unique index clips_list_seq on clips (list_seq)`.execute(db);
          await sql`
            create trigger clips_list_seq after insert on clips for each row when new.list_seq is null
            begin
              update clips set list_seq = (select coalesce(max(list_seq), 0) + 1 from clips)
              where scid = new.scid and game_clip_id = new.game_clip_id;
            end`.execute(db);
        }
        await db.schema
          .createTable('clip_sort_history')
          .addColumn('clip_scid', 'text', (c) => c.notNull())
          .addColumn('clip_id', 'text', (c) => c.notNull())
          .addColumn('epoch', 'bigint', (c) => c.notNull())
          .addColumn('owner_xuid', 'text', (c) => c.notNull())
          .addColumn('list_seq', 'bigint', (c) => c.notNull())
          .addColumn('prior_views', 'bigint', (c) => c.notNull())
          .addColumn('prior_rating', 'double precision', (c) => c.notNull())
          .addPrimaryKeyConstraint('clip_sort_history_pkey', ['clip_scid', 'clip_id', 'epoch'])
          .addForeignKeyConstraint('clip_sort_history_clip_fkey', ['clip_scid', 'clip_id'], 'clips', ['scid', 'game_clip_id'], (c) => c.onDelete('cascade'))
          .modifyEnd(withoutRowid)
          .execute();
        for (const { name, columns } of HISTORY_INDEXES) {
          await sql.raw(`create index ${name} on clip_sort_history (${columns})`).execute(db);
        }
        for (const { name, columns } of LIST_INDEXES) {
          await sql.raw(`drop index if exists ${name}`).execute(db);
          await sql.raw(`create index ${name} on clips (${columns})`).execute(db);
        }
        if (engine === 'postgres') await sql`analyze clips`.execute(db);
      },
    },
    // Uploads: the reservation's columns on clips, and the bytes in blocks of at most 2 MiB
    // (SQLite BLOB, PostgreSQL bytea), so that every instance on the database serves them.
    '0005_uploads': {
      async up(db: Kysely<any>) {
        await db.schema.alterTable('clips').addColumn('file_size', 'bigint').execute();
        await db.schema.alterTable('clips').addColumn('expected_blocks', 'integer').execute();
        for (const column of ['thumbnail_source', 'expires_at', 'publish_at']) {
          await db.schema.alterTable('clips').addColumn(column, 'text').execute();
        }
        await db.schema
          .createTable('clip_blocks')
          .ifNotExists()
          .addColumn('scid', 'text', (c) => c.notNull())
          .addColumn('game_clip_id', 'text', (c) => c.notNull())
          .addColumn('part', 'text', (c) => c.notNull())
          .addColumn('block_num', 'integer', (c) => c.notNull())
          .addColumn('size', 'integer', (c) => c.notNull())
          .addColumn('bytes', engine === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
          .addColumn('content_type', 'text', (c) => c.notNull())
          .addColumn('written_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('clip_blocks_pkey', ['scid', 'game_clip_id', 'part', 'block_num'])
          .addForeignKeyConstraint('clip_blocks_clip_fkey', ['scid', 'game_clip_id'], 'clips', ['scid', 'game_clip_id'], (c) => c.onDelete('cascade'))
          // A rowid table, unlike the others: SQLite advises against WITHOUT ROWID for rows this large.
          .execute();
        // The sweeps find due reservations and publications without a scan of every clip.
        await sql.raw('create index if not exists clips_expires_at on clips (expires_at) where expires_at is not null').execute(db);
        await sql.raw('create index if not exists clips_publish_at on clips (publish_at) where publish_at is not null').execute(db);
        await sql.raw('create index if not exists clips_owner_file_size on clips (xuid) where file_size is not null').execute(db);
      },
    },
    // The value a rater's last re-rate replaced (null until they rate again), which
    // PostgreSQL's one-statement rating has its upsert return, to add the difference to the
    // clip's sum. The ratings already stored keep null; nothing reads it but that upsert.
    '0006_rating_replaced_value': {
      async up(db: Kysely<any>) {
        await db.schema.alterTable('ratings').addColumn('replaced_value', 'smallint').execute();
      },
    },
    // The count of a user's list (totalItems) from an index alone: the owner, then every column
    // the read rule of lists tests (state, visibility, title_id) and the saved and scid filters
    // of user lists. Without it, counting another user's clips looks up each one's row in the
    // table. Lists filtered by type or event still read the rows.
    '0007_owner_readable_index': {
      async up(db: Kysely<any>) {
        await sql`create index if not exists clips_owner_readable on clips (xuid, state, visibility, title_id, saved_by_user, scid)`.execute(db);
        if (engine === 'postgres') await sql`analyze clips`.execute(db);
      },
    },
  };
}

/** The migrations, for Kysely's Migrator: defined in code, so the built package needs no files beside it. */
export function storeMigrationProvider(engine: Engine): MigrationProvider {
  return { getMigrations: async () => storeMigrations(engine) };
}
