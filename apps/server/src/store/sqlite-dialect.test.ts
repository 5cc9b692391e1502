import Database from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ImmediateSqliteDialect } from './sqlite-dialect.js';

describe('ImmediateSqliteDialect', () => {
  let dir: string;
  let db: Kysely<{ t: { n: number } }>;
  let other: Database.Database;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gameclips-dialect-'));
    const file = join(dir, 'db.sqlite');
    db = new Kysely({ dialect: new ImmediateSqliteDialect(new Database(file)) });
    await sql`create table t (n integer not null)`.execute(db);
    other = new Database(file);
    other.pragma('busy_timeout = 0');
  });
  afterEach(async () => {
    other.close();
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('holds the write lock from the start of a transaction, before its first write', async () => {
    await db.transaction().execute(async (trx) => {
      await trx.selectFrom('t').selectAll().execute();
      // Another connection (as another process would) cannot take the write lock now.
      expect(() => other.exec('BEGIN IMMEDIATE')).toThrow(/locked|busy/i);
      await trx.insertInto('t').values({ n: 1 }).execute();
    });
    other.exec('BEGIN IMMEDIATE; INSERT INTO t VALUES (2); COMMIT');
    expect(await db.selectFrom('t').select('n').orderBy('n').execute()).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('runs queries issued during a transaction after it, in the order they came', async () => {
    const order: string[] = [];
    const transaction = db.transaction().execute(async (trx) => {
      await trx.insertInto('t').values({ n: 1 }).execute();
      await new Promise((resolve) => setTimeout(resolve, 20));
      await trx.insertInto('t').values({ n: 2 }).execute();
      order.push('transaction');
    });
    const reads = [1, 2, 3].map(async (i) => {
      const rows = await db.selectFrom('t').select('n').execute();
      order.push(`read ${i}: ${rows.length}`);
    });
    await Promise.all([transaction, ...reads]);
    expect(order).toEqual(['transaction', 'read 1: 2', 'read 2: 2', 'read 3: 2']);
  });

  // Readers run in raw mode and make their row objects themselves: the rows must be what
  // better-sqlite3's own object mode gives, whatever the column names.
  it('returns the rows better-sqlite3 would, member for member and in order', async () => {
    await sql`insert into t values (1), (2), (3)`.execute(db);
    const queries = [
      'select n from t order by n',
      'select n, n * 10 as "a b", \'q"uote\' as "it\'s", null as "" from t order by n desc',
      'select n, n * 10 as n from t',
      'select n as "__proto__", n as "constructor" from t',
      'select count(*) as c from t where n > 5',
      'update t set n = n + 1 where n = 3 returning n, n * 2 as twice',
    ];
    for (const text of queries) {
      const expected = text.startsWith('update') ? [{ n: 4, twice: 8 }] : other.prepare(text).all();
      const { rows } = await sql.raw<Record<string, unknown>>(text).execute(db);
      expect(rows, text).toEqual(expected);
      expect(rows.map((row) => Object.keys(row)), text).toEqual(expected.map((row) => Object.keys(row as object)));
    }
  });
});
