/**
 * A page after a continuation token costs the same on page 1 and page 500, on 500 clips or
 * 500,000: SQLite's plan for every list shape by `created` is one search of an index that
 * starts at the token's position and already holds the order (no sort, no OFFSET, no scan of
 * the table), and PostgreSQL can answer each with an index scan whose condition is that
 * position. By views or rating, the page merges that search (of clips unchanged since the
 * walk's epoch) with a search of the owner's sort history since the epoch; only the two
 * streams' pages, at most a page each, are sorted.
 */
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClipListQuery } from '../../src/store/clip-list-query.js';
import { listCountQuery, listPageQuery, listValues } from '../../src/store/clip-list-statements.js';
import { PostgresStore } from '../../src/store/postgres-store.js';
import { postgresSkipReason, usePostgres, type TestPostgres } from '../../src/testing/postgres-cluster.js';
import type { StoreDatabase } from '../../src/store/schema.js';
import { clipId, keyOf, makeClip, OWNER, userXuid } from './clip-fixture.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';

const after = { epoch: 1, sortValue: 1, seq: 1 };
const viewer = { xuid: '1', titleId: 2 };
const SHAPES: Array<[string, Omit<ClipListQuery, 'limit'>, string]> = [
  ["a user's clips by creation", { ownerXuid: '1', saved: false, qualifier: 'created', order: 'D', after }, 'clips_owner_created'],
  ["another user's clips by creation, ascending", { ownerXuid: '1', saved: false, qualifier: 'created', order: 'A', after, viewer }, 'clips_owner_created'],
  ["a user's saved clips of a scid", { ownerXuid: '1', scid: 's', saved: true, qualifier: 'created', order: 'D', after, types: ['A'] }, 'clips_owner_scid_created'],
  ["a user's clips of a title", { ownerXuid: '1', titleId: 3, saved: false, qualifier: 'created', order: 'D', after, eventIds: ['e'] }, 'clips_owner_title_created'],
  ['the public clips of a scid', { scid: 's', saved: false, qualifier: 'created', order: 'D', after, viewer }, 'clips_scid_created'],
  ['the public clips of a title', { titleId: 3, saved: true, qualifier: 'created', order: 'D', after, viewer, achievementId: 'a' }, 'clips_title_created'],
];
const RESORTED_SHAPES: Array<[string, Omit<ClipListQuery, 'limit'>, string]> = [
  ["a user's clips by views", { ownerXuid: '1', saved: false, qualifier: 'views', order: 'D', after, viewer }, 'clips_owner_views'],
  ["a user's clips by views, ascending, skipped", { ownerXuid: '1', saved: false, qualifier: 'views', order: 'A', skip: 3, epoch: 1 }, 'clips_owner_views'],
  ["a user's clips by rating", { ownerXuid: '1', saved: false, qualifier: 'rating', order: 'D', after }, 'clips_owner_rating'],
  ["a user's saved clips of a title by rating", { ownerXuid: '1', titleId: 3, saved: true, qualifier: 'rating', order: 'A', after, types: ['A'] }, 'clips_owner_rating'],
];

/** The lists whose totalItems is counted from the index clips_owner_readable alone. */
const COUNTED_SHAPES: Array<[string, Omit<ClipListQuery, 'limit'>]> = [
  ["another user's clips", { ownerXuid: '1', saved: false, qualifier: 'created', order: 'D', viewer }],
  ["another user's saved clips of a scid", { ownerXuid: '1', scid: 's', saved: true, qualifier: 'created', order: 'D', viewer }],
  ["another user's clips of a title", { ownerXuid: '1', titleId: 3, saved: false, qualifier: 'created', order: 'D', viewer }],
  ["a user's own clips", { ownerXuid: '1', saved: false, qualifier: 'created', order: 'D' }],
];

describe('SQLite plans of list pages after a continuation token', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gameclips-plans-'));
  let raw: Database.Database;
  let db: Kysely<StoreDatabase>;

  beforeAll(async () => {
    const path = join(dir, 'plans.db');
    await new SqliteStore(path).close();
    raw = new Database(path);
    db = new Kysely<StoreDatabase>({ dialect: new SqliteDialect({ database: raw }) });
  });
  afterAll(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(SHAPES)('%s: one search of its index from the position', (_, query, index) => {
    const compiled = listPageQuery(db, { ...query, limit: 26 }).compile();
    expect(compiled.sql).not.toMatch(/offset/i);
    const plan = raw.prepare(`explain query plan ${compiled.sql}`).all(...compiled.parameters.map(() => 1)) as Array<{ detail: string }>;
    const details = plan.map((step) => step.detail);
    expect(details).toHaveLength(1);
    expect(details[0]).toMatch(new RegExp(`^SEARCH clips USING INDEX ${index} \\(.*\\(recorded_ms,list_seq\\)[<>]\\(\\?,\\?\\)\\)$`));
  });

  it.each(COUNTED_SHAPES)('the count of %s: a search of a covering index, no row read', (_, query) => {
    const compiled = listCountQuery(db, { ...query, limit: 1001 }).compile();
    const plan = raw.prepare(`explain query plan ${compiled.sql}`).all(...compiled.parameters.map(() => 1)) as Array<{ detail: string }>;
    const reads = plan.map((step) => step.detail).filter((detail) => /^(SEARCH|SCAN) clips/.test(detail));
    expect(reads).toEqual([expect.stringMatching(/^SEARCH clips USING COVERING INDEX clips_owner_\w+ \(xuid=\?.*\)$/)]);
  });

  it.each(RESORTED_SHAPES)('%s: a search of its index merged with a search of the sort history', (_, query, index) => {
    const compiled = listPageQuery(db, { ...query, limit: 26 }).compile();
    const plan = raw.prepare(`explain query plan ${compiled.sql}`).all(...compiled.parameters.map(() => 1)) as Array<{ detail: string }>;
    const reads = plan.map((step) => step.detail).filter((detail) => /^(SEARCH|SCAN) /.test(detail));
    const position = query.after ? ' AND \\((views|rating_mean),list_seq\\)[<>]\\(\\?,\\?\\)' : '';
    expect(reads).toEqual([
      expect.stringMatching(new RegExp(`^SEARCH clips USING INDEX ${index} \\(xuid=\\?${position}\\)$`)),
      'SCAN unchanged',
      expect.stringMatching(new RegExp(`^SEARCH h USING COVERING INDEX clip_sort_history_${query.qualifier} \\(owner_xuid=\\?${position.replace('(views|rating_mean)', '(prior_views|prior_rating)')}\\)$`)),
      'SEARCH e USING PRIMARY KEY (clip_scid=? AND clip_id=? AND epoch>?)',
      'SEARCH clips USING PRIMARY KEY (scid=? AND game_clip_id=?)',
      'SCAN changed',
    ]);
    expect(compiled.sql.match(/offset/gi) ?? []).toHaveLength(query.skip === undefined ? 0 : 1);
  });
});

const skip = postgresSkipReason();

/** A PostgreSQL database `statement` (a page's by default) is explained on, prepared by `prepare`, with `settings` on its connection. */
function usePlanDatabase(prepare: (url: string) => Promise<void>, settings = '', statement: typeof listPageQuery | typeof listCountQuery = listPageQuery) {
  const planner = {} as { database: TestPostgres; client: pg.Client; db: Kysely<StoreDatabase> };
  beforeAll(async () => {
    planner.database = await usePostgres();
    const url = await planner.database.freshSchemaUrl();
    await prepare(url);
    planner.client = new pg.Client({ connectionString: url });
    await planner.client.connect();
    if (settings) await planner.client.query(settings);
    planner.db = new Kysely<StoreDatabase>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }) });
  }, 60_000);
  afterAll(async () => {
    await planner.client?.end();
    await planner.db?.destroy();
    await planner.database?.stop();
  });
  /** PostgreSQL's plan of the statement of a query, as text. */
  return async (query: ClipListQuery): Promise<string> => {
    const compiled = statement(planner.db, query).compile();
    const values = listValues(query);
    const parameters = compiled.parameters.map((p) => (p && typeof p === 'object' && 'name' in p ? values[(p as { name: string }).name] : p));
    const { rows } = await planner.client.query(`explain ${compiled.sql}`, parameters);
    return rows.map((row: Record<string, string>) => row['QUERY PLAN']).join('\n');
  };
}

describe.skipIf(skip !== undefined)('PostgreSQL plans of list pages after a continuation token', () => {
  // The tables are empty: forbid the plans an empty table makes cheap, to see whether an index can serve.
  const planOf = usePlanDatabase(
    async (url) => (await PostgresStore.open(url)).close(),
    'set enable_seqscan = off; set enable_bitmapscan = off; set enable_sort = off',
  );

  // On empty tables the planner may pick another list index with the same leading column; any one that starts at the position will do.
  it.each(SHAPES)('%s: an index scan of a list index from the position, with no sort', async (_, query) => {
    const plan = await planOf({ ...query, limit: 26 });
    expect(plan).toMatch(/Index Scan (Backward )?using clips_(owner|scid|title)_\w+ on clips/);
    expect(plan).toMatch(/Index Cond: .*ROW\(recorded_ms, list_seq\) [<>] ROW\(/);
    expect(plan).not.toMatch(/Sort|Seq Scan/);
  });
});

describe.skipIf(skip !== undefined)('PostgreSQL plans of list counts', () => {
  // A vacuumed table (its pages all visible), scans of the table forbidden: does an index alone answer?
  const planOf = usePlanDatabase(
    async (url) => {
      await (await PostgresStore.open(url)).close();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query('vacuum analyze clips');
      await client.end();
    },
    'set enable_seqscan = off; set enable_bitmapscan = off',
    listCountQuery,
  );

  it.each(COUNTED_SHAPES)('the count of %s: an index-only scan of clips_owner_readable', async (_, query) => {
    const plan = await planOf({ ...query, limit: 1001 });
    expect(plan).toMatch(/Index Only Scan using clips_owner_readable on clips/);
    expect(plan).not.toMatch(/Seq Scan|Bitmap Heap Scan|Index Scan using/);
  });
});

describe.skipIf(skip !== undefined)('PostgreSQL plans of list pages by views or rating, on a loaded and analyzed table', () => {
  /** The walk's epoch: the store's (a minute long) when the views below were recorded, or before. */
  let epoch = 0;
  const planOf = usePlanDatabase(async (url) => {
    epoch = Math.floor(Date.now() / 60_000);
    const store = await PostgresStore.open(url);
    // Two owners' clips, a few of them changed since the walk's epoch: the history is short, the list long.
    const clips = Array.from({ length: 4000 }, (_, n) => makeClip(clipId(n), { xuid: n % 2 ? OWNER : userXuid(2), views: n % 50 }));
    await store.insertClips(clips);
    // Changes since the walk's epoch: 20 of the owner's clips, 600 of the other owner's.
    for (let n = 0; n < 1240; n += 2) await store.recordView(keyOf(clipId(n < 1200 ? n : n - 1199)), { now: '2026-11-01T10:00:00.000Z' });
    await store.close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('analyze');
    await client.end();
  });

  it.each(RESORTED_SHAPES.slice(0, 3))('%s: the list index from the position, merged with the owner\'s history since the epoch', async (_, query, index) => {
    const paged = { ...query, ownerXuid: OWNER, epoch, limit: 26, ...(query.after && { after: { ...query.after, epoch } }) };
    const plan = await planOf(paged);
    expect(plan).toMatch(new RegExp(`Index Scan (Backward )?using ${index} on clips`));
    if (query.after) expect(plan).toMatch(/Index Cond: .*ROW\((views|rating_mean), list_seq\) [<>] ROW\(/);
    expect(plan).toMatch(new RegExp(`(Index Scan (Backward )?using|Bitmap Index Scan on) clip_sort_history_(views|rating)`));
    expect(plan).toMatch(/Index Only Scan (Backward )?using clip_sort_history_pkey on clip_sort_history e/);
    expect(plan).toMatch(/Index Scan using clips_pkey on clips clips_1 .*\n\s+Index Cond: \(\(scid = h\.clip_scid\) AND \(game_clip_id = h\.clip_id\)\)/);
    expect(plan).not.toMatch(/Seq Scan|Limit.*\n.*Sort.*\n.*Index Scan (Backward )?using clips_owner/);
  });
});
