import { rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { checkTrustedDirectory, createPrivateFile, readTrustedFile } from './private-file.js';

/**
 * What `serve` leaves beside its database for `token`: which server runs and on which
 * database. It holds no key: `token` reads the key beside that database.
 */
export interface RunningServerRecord {
  pid: number;
  url: string;
  /** The database file, as an absolute path. */
  db: string;
}

/** The record beside a database file. */
export function runningServerFileFor(db: string): string {
  return join(dirname(resolve(db)), 'running-server.json');
}

/** The record `token` looks for without `--db`: the one in the current directory's `data/`, beside the default database. */
export function defaultRunningServerFile(): string {
  return resolve('data', 'running-server.json');
}

/**
 * Notes the server this process runs beside its database, so `token` can sign for it without
 * being told the database. Made with O_EXCL and O_NOFOLLOW, mode 0600; a previous record (or
 * a planted symlink) is removed first, never written through. Not written, with the reason
 * returned, when the directory is another user's or writable by others.
 */
export function recordRunningServer(record: RunningServerRecord, file = runningServerFileFor(record.db)): string | undefined {
  try {
    checkTrustedDirectory(dirname(file));
    rmSync(file, { force: true });
    createPrivateFile(file, JSON.stringify(record));
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Removes the record if it is still this process's. */
export function forgetRunningServer(pid: number, file: string): void {
  try {
    if (findRunningServer(file)?.pid === pid) rmSync(file, { force: true });
  } catch {
    // An untrusted record is not ours to remove.
  }
}

function isRecord(value: unknown): value is RunningServerRecord {
  const r = value as Partial<RunningServerRecord> | null;
  return typeof r === 'object' && r !== null && Number.isInteger(r.pid) && typeof r.url === 'string' && typeof r.db === 'string';
}

/**
 * The server a record names, if that process still runs; undefined without a record. Throws
 * UnsafeFileError for a record that is a symlink, another user's, or writable by others.
 */
export function findRunningServer(file = defaultRunningServerFile()): RunningServerRecord | undefined {
  const text = readTrustedFile(file, 'not-writable-by-others');
  if (text === undefined) return undefined;
  let record: unknown;
  try {
    record = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(record)) return undefined;
  try {
    process.kill(record.pid, 0);
  } catch {
    // Gone (or, with EPERM, its pid now belongs to another user's process): a stale record.
    return undefined;
  }
  return record;
}
