import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createPrivateFile, readTrustedFile } from './private-file.js';

/** The shortest token key accepted, in bytes: HS256 keys shorter than its 32-byte hash are guessable. */
export const MIN_SECRET_BYTES = 32;

/** A token key too short to be safe. */
export class WeakSecretError extends Error {
  override readonly name = 'WeakSecretError';
}

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

/** The UTF-8 bytes of a configured secret; throws WeakSecretError when they are under MIN_SECRET_BYTES. */
export function secretKeyOf(text: string, origin: string): Uint8Array {
  const key = new TextEncoder().encode(text);
  if (key.length < MIN_SECRET_BYTES) {
    throw new WeakSecretError(`${origin} is ${key.length} bytes long; a token key needs at least ${MIN_SECRET_BYTES} bytes (for example: openssl rand -hex 32)`);
  }
  return key;
}

/** The key kept beside a database file, checked (a regular file of this user, mode 0600); undefined when there is none. */
export function readSecretFile(db: string): TokenSecret | undefined {
  const path = secretPathFor(db);
  const text = readTrustedFile(path, 'private');
  return text === undefined ? undefined : { key: secretKeyOf(text.trim(), path), source: 'file', path };
}

/**
 * The token secret: the UTF-8 bytes of GAMECLIPS_TOKEN_SECRET when set (at least 32 bytes);
 * otherwise a random key kept beside the database (made on first start, mode 0600, in a
 * directory made 0700), so that `gameclips-server token` mints tokens the running server
 * accepts; for an in-memory database, a key for this process. A key file that is a symlink,
 * another user's, or readable by others is refused (UnsafeFileError).
 */
export function resolveTokenSecret(db: string, env: NodeJS.ProcessEnv = process.env): TokenSecret {
  const fromEnv = env.GAMECLIPS_TOKEN_SECRET;
  if (fromEnv) return { key: secretKeyOf(fromEnv, 'GAMECLIPS_TOKEN_SECRET'), source: 'env' };
  if (db === ':memory:') return { key: randomBytes(32), source: 'memory' };
  const existing = readSecretFile(db);
  if (existing) return existing;
  mkdirSync(dirname(db), { recursive: true, mode: 0o700 });
  try {
    createPrivateFile(secretPathFor(db), randomBytes(32).toString('hex') + '\n');
  } catch (error) {
    // Another process made it first: use theirs (checked like any other).
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const made = readSecretFile(db);
  if (!made) throw new Error(`${secretPathFor(db)} vanished while it was being made`);
  return made;
}
