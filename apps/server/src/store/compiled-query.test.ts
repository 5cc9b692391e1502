import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compileBatch, compileOnce, postgresLiteral, slot } from './compiled-query.js';
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

describe('compileBatch', () => {
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool: () => Promise.reject(new Error('compiled only')) }) });
  const batch = compileBatch<{ n: number }>([
    db.updateTable('t').set({ name: slot<string>('name') }).where('id', '=', slot<number>('id')),
    db.selectFrom('t').select('n').where('id', '=', slot<number>('id')).where('name', '<>', 'none'),
  ]);

  it('prepares each statement under one name per text, its parameters left to PostgreSQL', () => {
    expect(batch.prepare.map(({ text }) => text.replace(/^prepare \w+ as /, ''))).toEqual([
      'update "t" set "name" = $1 where "id" = $2',
      'select "n" from "t" where "id" = $1 and "name" <> $2',
    ]);
    const again = compileBatch([db.selectFrom('t').select('n').where('id', '=', slot<number>('id')).where('name', '<>', 'none')]);
    expect(again.prepare[0]!.name).toBe(batch.prepare[1]!.name);
    expect(batch.prepare[0]!.name).not.toBe(batch.prepare[1]!.name);
  });

  it('executes them with the slot values and the values built in as literals', () => {
    const [update, select] = batch.prepare.map(({ name }) => name);
    expect(batch.execute({ id: 7, name: "it's" })).toBe(`execute ${update}('it''s', 7);\nexecute ${select}(7, 'none')`);
    expect(() => batch.execute({ id: 7 })).toThrow("No value for the query's name");
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
