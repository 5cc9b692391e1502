import { closeSync, constants, fstatSync, lstatSync, openSync, readFileSync, writeSync } from 'node:fs';

/** A file this process will not trust: a symlink, not a regular file, another user's, or writable (or readable) by others. */
export class UnsafeFileError extends Error {
  override readonly name = 'UnsafeFileError';
}

/** What a file must not allow: others writing it (`0o022`), or, for a secret, others reading it too (`0o077`). */
export type Privacy = 'not-writable-by-others' | 'private';

const FORBIDDEN_BITS: Record<Privacy, number> = { 'not-writable-by-others': 0o022, private: 0o077 };
// O_NOFOLLOW is 0 where the platform lacks it (Windows): there the owner checks do not apply either.
const NOFOLLOW = constants.O_NOFOLLOW ?? 0;

function checkOwnerAndMode(path: string, stat: { uid: number; mode: number; isFile(): boolean; isDirectory(): boolean }, privacy: Privacy, kind: 'file' | 'directory'): void {
  if (kind === 'file' ? !stat.isFile() : !stat.isDirectory()) throw new UnsafeFileError(`${path} is not a regular ${kind}`);
  const uid = process.getuid?.();
  if (uid === undefined) return;
  if (stat.uid !== uid) throw new UnsafeFileError(`${path} belongs to another user (uid ${stat.uid}); refusing to use it`);
  const bits = stat.mode & FORBIDDEN_BITS[privacy];
  if (bits !== 0) {
    const fix = privacy === 'private' ? 'chmod 600' : 'chmod go-w';
    throw new UnsafeFileError(`${path} is ${privacy === 'private' ? 'readable or writable' : 'writable'} by other users (mode ${(stat.mode & 0o777).toString(8)}); refusing to use it (${fix} it)`);
  }
}

/**
 * Reads a file without following a symlink, after checking that it is a regular file of this
 * user that others may not write (or, for `private`, not read either). Undefined when it does
 * not exist; throws UnsafeFileError when it may not be trusted.
 */
export function readTrustedFile(path: string, privacy: Privacy): string | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | NOFOLLOW);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ELOOP' || code === 'EMLINK') throw new UnsafeFileError(`${path} is a symbolic link; refusing to follow it`);
    throw error;
  }
  try {
    checkOwnerAndMode(path, fstatSync(fd), privacy, 'file');
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}

/** Checks that a directory (not a symlink) is this user's and not writable by others. */
export function checkTrustedDirectory(path: string): void {
  checkOwnerAndMode(path, lstatSync(path), 'not-writable-by-others', 'directory');
}

/**
 * Creates a file of mode 0600 that did not exist (`O_EXCL`: never an existing file, never
 * through a symlink) and writes `text` to it. Throws EEXIST when the path is taken.
 */
export function createPrivateFile(path: string, text: string): void {
  const fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NOFOLLOW, 0o600);
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
}
