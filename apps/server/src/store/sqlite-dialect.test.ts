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
});
