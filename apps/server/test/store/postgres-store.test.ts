import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clipStatements } from '../../src/store/clip-statements.js';
import { compileOnce, slot } from '../../src/store/compiled-query.js';
import { openStore } from '../../src/store/open-store.js';
import { storeMigrations } from '../../src/store/migrations.js';
import { PreparingClient } from '../../src/store/postgres-client.js';
import { PostgresStore } from '../../src/store/postgres-store.js';
import type { StoreDatabase } from '../../src/store/schema.js';
import { postgresSkipReason, usePostgres, type TestPostgres } from '../../src/testing/postgres-cluster.js';
import { clipId, keyOf, makeClip, OWNER, userXuid } from './clip-fixture.js';
import { firstSchemaClip, legacyInsert, legacyPostgresSchema } from './legacy-schema.js';
import { describeClipLists, expectAdoptedForLists } from './list-contract.js';
import { describeClipStore } from './store-contract.js';
import { describeUploadStore } from './upload-contract.js';

const skip = postgresSkipReason();
if (skip) console.warn(skip);

describe.skipIf(skip !== undefined)(skip ?? 'PostgreSQL store', () => {
  let database: TestPostgres;
  beforeAll(async () => {
    database = await usePostgres();
  });
  afterAll(async () => {
    await database?.stop();
  });

  describeClipStore('postgres', async () => PostgresStore.open(await database.freshSchemaUrl(), { max: 8 }));
  describe('with preparedStatements off (as behind a pooler that cannot keep them)', () => {
    describeClipStore('postgres', async () => PostgresStore.open(await database.freshSchemaUrl(), { max: 8, preparedStatements: false }));
  });
  describeClipLists('postgres', async (lists) => PostgresStore.open(await database.freshSchemaUrl(), { max: 8 }, lists));
  describeUploadStore('postgres', async () => PostgresStore.open(await database.freshSchemaUrl(), { max: 8 }));

  it('migrates once when several instances open an empty database at once', async () => {
    const url = await database.freshSchemaUrl();
    const stores = await Promise.all(Array.from({ length: 6 }, () => PostgresStore.open(url, { max: 2 })));
    try {
      await stores[0]!.insertClips([makeClip(clipId(1))]);
      for (const store of stores) expect(await store.countClips()).toBe(1);
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query('SELECT name FROM gameclips_kysely_migration ORDER BY name');
      expect(rows.map((row) => row.name)).toEqual(Object.keys(storeMigrations('postgres')));
    } finally {
      await client.end();
    }
  });

  it('keeps the data when reopened', async () => {
    const url = await database.freshSchemaUrl();
    const first = await PostgresStore.open(url);
    await first.insertClips([makeClip(clipId(1))]);
    await first.recordView(keyOf(clipId(1)), { now: '2026-11-01T10:00:00.000Z' });
    await first.close();
    const second = await PostgresStore.open(url);
    try {
      expect(await second.getClip(keyOf(clipId(1)))).toMatchObject({ version: 1, clip: { views: 1 } });
    } finally {
      await second.close();
    }
  });

  it('counts exactly when two pools (as two server processes) write the same clip at once', async () => {
    const url = await database.freshSchemaUrl();
    const [one, two] = await Promise.all([PostgresStore.open(url, { max: 5 }), PostgresStore.open(url, { max: 5 })]);
    try {
      const key = keyOf(clipId(1));
      await one.insertClips([makeClip(clipId(1), { rating: 3, ratingCount: 1 })]);
      const now = '2026-11-01T10:00:00.000Z';
      await Promise.all(
        Array.from({ length: 400 }, (_, i) => {
          const store = i % 2 === 0 ? one : two;
          return i % 4 < 2 ? store.recordView(key, { now }) : store.rate(key, `rater-${i}`, (i % 5) + 1, { now });
        }),
      );
      const raters = Array.from({ length: 400 }, (_, i) => i).filter((i) => i % 4 >= 2);
      const sum = 3 + raters.reduce((total, i) => total + (i % 5) + 1, 0);
      const stored = (await two.getClip(key))!;
      expect(stored.clip.views).toBe(200);
      expect(stored.clip.ratingCount).toBe(201);
      expect(stored.clip.rating).toBeCloseTo(sum / 201, 12);
      expect(stored.version).toBe(1);
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });

  it('adopts a database made by the schema of gameclips_migrations 1, keeping its data', async () => {
    const url = await database.freshSchemaUrl();
    const clip = firstSchemaClip(makeClip(clipId(1), { rating: 4, ratingCount: 2, views: 9 }));
    const older = firstSchemaClip(makeClip(clipId(2), { dateRecorded: '2025-03-04T05:06:07.089Z' }));
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(legacyPostgresSchema);
      const insert = legacyInsert(clip, (n) => `$${n}`);
      await client.query(insert.text, insert.values);
      const later = legacyInsert(older, (n) => `$${n}`);
      await client.query(later.text, later.values);
      await client.query('UPDATE clips SET version = 7');
      await client.query('INSERT INTO flags VALUES ($1, $2, $3, $4)', [clip.scid, clip.gameClipId, userXuid(1), clip.lastModified]);
    } finally {
      await client.end();
    }
    const store = await PostgresStore.open(url, { max: 2 });
    try {
      // Its metadata version starts at the old all-writes version.
      expect(await store.getClip(keyOf(clipId(1)))).toEqual({ clip, version: 7 });
      expect(await store.hasFlagged(keyOf(clipId(1)), userXuid(1))).toBe(true);
      const now = clip.lastModified;
      expect(await store.updateMetadata(keyOf(clipId(1)), { userCaption: 'kept' }, { now, expectedVersion: 7 })).toEqual({ version: 8 });
      await store.rate(keyOf(clipId(1)), userXuid(2), 1, { now });
      expect((await store.getClip(keyOf(clipId(1))))!.clip).toMatchObject({ userCaption: 'kept', ratingCount: 3, rating: 3, views: 9 });
      await expectAdoptedForLists(store, [clip, older]);
    } finally {
      await store.close();
    }
  });

  it('keeps the sum and count of ratings equal to a recount when raters, and one rater with itself, race on two pools', async () => {
    const url = await database.freshSchemaUrl();
    const [one, two] = await Promise.all([PostgresStore.open(url, { max: 6 }), PostgresStore.open(url, { max: 6 })]);
    const key = keyOf(clipId(1));
    try {
      // A seeded sum that is not a whole number, so that the sum's arithmetic shows.
      await one.insertClips([makeClip(clipId(1), { rating: 3.7, ratingCount: 3 })]);
      const now = '2026-11-01T10:00:00.000Z';
      await Promise.all(
        Array.from({ length: 240 }, (_, i) => (i % 2 === 0 ? one : two).rate(key, userXuid(i % 3 === 0 ? 0 : i % 40), (i % 5) + 1, { now })),
      );
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT c.rating_sum = c.base_rating_sum + r.sum AS exact, c.rating_count - c.base_rating_count AS counted, r.count AS raters
         FROM clips c, (SELECT sum(value) AS sum, count(*) AS count FROM ratings) r`,
      );
      expect(rows).toEqual([{ exact: true, counted: '40', raters: '40' }]);
    } finally {
      await client.end();
    }
  });

  describe('prepared statements', () => {
    type Prepared = { statement: string; from_sql: boolean; generic_plans: string; custom_plans: string };
    /** A store's database with one clip, and a pool of one PreparingClient on it (the store's own pool is not exposed). */
    async function onePreparingConnection() {
      const url = await database.freshSchemaUrl();
      const store = await PostgresStore.open(url, { max: 1 });
      await store.insertClips([makeClip(clipId(1), { rating: 3, ratingCount: 1 })]);
      await store.close();
      const pool = new pg.Pool({ Client: PreparingClient, connectionString: url, max: 1 });
      pool.on('error', () => undefined);
      const db = new Kysely<StoreDatabase>({ dialect: new PostgresDialect({ pool }) });
      const prepared = async () => (await pool.query<Prepared>('SELECT statement, from_sql, generic_plans, custom_plans FROM pg_prepared_statements')).rows;
      return { url, pool, db, prepared, statements: clipStatements(db, 'postgres') };
    }
    const runs = (row: Prepared) => Number(row.generic_plans) + Number(row.custom_plans);

    it('names the statements compiled with compilePrepared, so the connection keeps their plan, and leaves the others unnamed', async () => {
      const { db, prepared, statements } = await onePreparingConnection();
      try {
        const key = { ...keyOf(clipId(1)) };
        for (let i = 0; i < 8; i++) expect((await statements.getClip(db, key)).rows).toHaveLength(1);
        const unprepared = compileOnce(db.selectFrom('clips').select('scid').where('xuid', '=', slot<string>('owner')));
        expect((await unprepared(db, { owner: OWNER })).rows).toHaveLength(1);
        const rows = await prepared();
        expect(rows).toHaveLength(1);
        expect(rows[0]).toMatchObject({ statement: expect.stringContaining('select * from "clips"'), from_sql: false });
        // One statement run eight times: after PostgreSQL's five custom plans, the generic plan is reused.
        expect(runs(rows[0]!)).toBe(8);
        expect(Number(rows[0]!.generic_plans)).toBeGreaterThan(0);
      } finally {
        await db.destroy();
      }
    });

    it('sends a prepared statement unnamed once its columns changed under it, as when another instance migrates', async () => {
      const { url, db, statements } = await onePreparingConnection();
      try {
        const key = { ...keyOf(clipId(1)) };
        expect((await statements.getClip(db, key)).rows).toHaveLength(1);
        const other = new pg.Client({ connectionString: url });
        await other.connect();
        try {
          await other.query('ALTER TABLE clips ADD COLUMN added_later text');
        } finally {
          await other.end();
        }
        for (let i = 0; i < 2; i++) expect((await statements.getClip(db, key)).rows).toEqual([expect.objectContaining({ added_later: null })]);
      } finally {
        await db.destroy();
      }
    });
  });

  it('is what openStore opens for store: postgres', async () => {
    const store = await openStore({ store: 'postgres', databaseUrl: await database.freshSchemaUrl(), postgres: { max: 1 } });
    try {
      expect(store.engine).toBe('postgres');
      expect(await store.countClips()).toBe(0);
    } finally {
      await store.close();
    }
  });

  it('fails to open, and leaves no pool behind, when the database cannot be reached', async () => {
    const unreachable = new URL(database.url);
    unreachable.port = '1';
    await expect(PostgresStore.open(unreachable.toString(), { connectionTimeoutMs: 2000 })).rejects.toThrow();
  });
});
