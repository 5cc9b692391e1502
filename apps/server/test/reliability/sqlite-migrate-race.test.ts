/**
 * Several processes opening one new SQLite file at once: the schema is migrated exactly
 * once (the Migrator runs in one IMMEDIATE transaction), and every process then serves.
 */
import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { storeMigrations } from '../../src/store/migrations.js';
import { cliPath } from './support/child-server.js';

const PROCESSES = 6;
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gameclips-migrate-race-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

test(`${PROCESSES} processes opening one new file at once migrate it once, and all serve`, async () => {
  const store = pathToFileURL(join(dirname(cliPath()), 'store', 'sqlite-store.js')).href;
  const file = join(dir, 'clips.sqlite');
  const program = `
    const { SqliteStore } = await import(${JSON.stringify(store)});
    const store = new SqliteStore(process.argv[1]);
    await store.check();
    process.stdout.write(String(await store.countClips()));
    await store.close();`;
  const outputs = await Promise.all(
    Array.from({ length: PROCESSES }, () => promisify(execFile)(process.execPath, ['--input-type=module', '-e', program, file])),
  );
  expect(outputs.map((output) => output.stdout)).toEqual(Array.from({ length: PROCESSES }, () => '0'));
  const db = new Database(file, { readonly: true });
  try {
    const names = db.prepare<[], { name: string }>('SELECT name FROM gameclips_kysely_migration ORDER BY name').all();
    expect(names.map((row) => row.name)).toEqual(Object.keys(storeMigrations('sqlite')));
  } finally {
    db.close();
  }
}, 60_000);
