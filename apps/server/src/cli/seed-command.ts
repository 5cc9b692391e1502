import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadClips } from '../store/load-clips.js';
import { openStore } from '../store/open-store.js';
import { storeOptions } from './defaults.js';
import { UsageError } from './usage-error.js';

export const seedHelp = `Usage: gameclips-server seed [--db PATH] FIXTURES.json

Loads a JSON array of GameClip objects (the contract's schema) into a store. Every item
is validated first; a bad item is named and nothing is loaded.

Options:
  --db PATH            SQLite file (GAMECLIPS_DB; default data/gameclips.sqlite)
  --store KIND         sqlite (default) or postgres (GAMECLIPS_STORE)
  --database-url URL   PostgreSQL connection string (DATABASE_URL)
  -h, --help           this help

Example:
  gameclips-server seed --db data/test.sqlite fixtures/clips.json
  gameclips-server serve --db data/test.sqlite --seed none`;

/** `gameclips-server seed`: loads fixtures. */
export async function seedCommand(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      db: { type: 'string' },
      store: { type: 'string' },
      'database-url': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) return void console.log(seedHelp);
  if (positionals.length !== 1) throw new UsageError('Name one fixtures file: gameclips-server seed --db PATH FIXTURES.json');
  const file = positionals[0]!;
  let items: unknown;
  try {
    items = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`Cannot read ${file}: ${(error as Error).message}`);
  }
  const { options, label } = storeOptions(values, env);
  const started = performance.now();
  const store = await openStore(options);
  try {
    const count = await loadClips(store, items);
    console.log(`Loaded ${count} clips from ${file} into ${label} in ${Math.round(performance.now() - started)} ms`);
  } finally {
    await store.close();
  }
}
