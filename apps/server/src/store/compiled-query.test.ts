import Database from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compileOnce, postgresLiteral, slot } from './compiled-query.js';
import { ImmediateSqliteDialect } from './sqlite-dialect.js';

interface Tables {
  t: { id: number; name: string; n: number };
}

describe('compileOnce', () => {
  let db: Kysely<Tables>;
  beforeEach(async () => {
    db = new Kysely<Tables>({ dialect: new ImmediateSqliteDialect(new Database(':memory:')) });
    await sql`create table t (id integer primary key, name text not null, n integer not null)`.execute(db);
    await db.insertInto('t').values([{ id: 1, name: 'one', n: 0 }, { id: 2, name: 'two', n: 0 }]).execute();
  });
  afterEach(async () => {
    await db.destroy();
  });

  it('fills each slot with its value at every run, and keeps the values built in', async () => {
    const bump = compileOnce<{ n: number }>(
      db.updateTable('t').set((eb) => ({ n: eb('n', '+', 10), name: slot<string>('name') })).where('id', '=', slot<number>('id')).returning('n'),
    );
    expect((await bump(db, { id: 2, name: 'zwei' })).rows).toEqual([{ n: 10 }]);
    expect((await bump(db, { id: 2, name: 'deux' })).rows).toEqual([{ n: 20 }]);
    expect((await bump(db, { id: 1, name: 'un' })).rows).toEqual([{ n: 10 }]);
    expect(await db.selectFrom('t').selectAll().orderBy('id').execute()).toEqual([
      { id: 1, name: 'un', n: 10 },
      { id: 2, name: 'deux', n: 20 },
    ]);
  });

  it('runs inside a transaction, and refuses a run that lacks a slot value', async () => {
    const rename = compileOnce(db.updateTable('t').set({ name: slot<string>('name') }).where('id', '=', slot<number>('id')));
    await expect(
      db.transaction().execute(async (trx) => {
        await rename(trx, { id: 1, name: 'rolled back' });
        await rename(trx, { id: 2 });
      }),
    ).rejects.toThrow('No value for the query\'s name');
    expect((await db.selectFrom('t').select('name').where('id', '=', 1).executeTakeFirst())?.name).toBe('one');
  });
});

describe('postgresLiteral', () => {
  it.each([
    [null, 'null'],
    [3, '3'],
    [-1.5, '-1.5'],
    [true, 'true'],
    ['plain', "'plain'"],
    ["it's", "'it''s'"],
    ['a\\b', " E'a\\\\b'"],
  ] as const)('%j → %s', (value, expected) => {
    expect(postgresLiteral(value)).toBe(expected);
  });
  it('refuses what it cannot write safely', () => {
    for (const value of [Number.NaN, Infinity, 'nul\0', {}, 1n]) expect(() => postgresLiteral(value)).toThrow();
  });
});
