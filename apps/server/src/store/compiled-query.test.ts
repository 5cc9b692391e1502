import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compileOnce, compilePrepared, preparedName, slot } from './compiled-query.js';
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

describe('compilePrepared', () => {
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool: () => Promise.reject(new Error('compiled only')) }) });
  const byId = () => db.selectFrom('t').select('n').where('id', '=', slot<number>('id'));

  it('names each text it compiles once, and only those', () => {
    const unprepared = db.selectFrom('t').select('name').where('id', '=', slot<number>('id'));
    compileOnce(unprepared);
    expect(preparedName(unprepared.compile().sql)).toBeUndefined();
    compilePrepared(byId());
    const name = preparedName(byId().compile().sql);
    expect(name).toMatch(/^gameclips_\d+$/);
    compilePrepared(byId());
    compilePrepared(byId().where('name', '=', slot<string>('name')));
    expect(preparedName(byId().compile().sql)).toBe(name);
    expect(preparedName(byId().where('name', '=', slot<string>('name')).compile().sql)).not.toBe(name);
  });
});
