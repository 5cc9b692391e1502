import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** The key tokens are signed with, and where it came from. */
export interface TokenSecret {
  key: Uint8Array;
  source: 'env' | 'file' | 'memory';
  /** The file holding the key, when it is kept beside the database. */
  path?: string;
}

/** Where the generated secret of a database file is kept. */
export function secretPathFor(db: string): string {
  return `${db}.secret`;
}

/**
 * The token secret: the UTF-8 bytes of GAMECLIPS_TOKEN_SECRET when set; otherwise a random
 * key kept beside the database (made on first start), so that `gameclips-server token`
 * mints tokens the running server accepts; for an in-memory database, a key for this process.
 */
export function resolveTokenSecret(db: string, env: NodeJS.ProcessEnv = process.env): TokenSecret {
  const fromEnv = env.GAMECLIPS_TOKEN_SECRET;
  if (fromEnv) return { key: new TextEncoder().encode(fromEnv), source: 'env' };
  if (db === ':memory:') return { key: randomBytes(32), source: 'memory' };
  const path = secretPathFor(db);
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    try {
      writeFileSync(path, randomBytes(32).toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
    } catch (error) {
      // Another process made it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return { key: new TextEncoder().encode(readFileSync(path, 'utf8').trim()), source: 'file', path };
}
