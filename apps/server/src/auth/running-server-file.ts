import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

/** What `serve` leaves for `token`: which server runs, and the key it verifies tokens with. */
export interface RunningServerRecord {
  pid: number;
  url: string;
  db: string;
  keyHex: string;
}

/** The file (private to this user) that names the last server `serve` started. */
export function runningServerFile(): string {
  return join(tmpdir(), `gameclips-server-${userInfo().uid}`, 'running-server.json');
}

/** Notes the server this process runs, so `token` can sign for it without being told the database. */
export function recordRunningServer(record: RunningServerRecord, file = runningServerFile()): void {
  mkdirSync(join(file, '..'), { recursive: true, mode: 0o700 });
  writeFileSync(file, JSON.stringify(record), { mode: 0o600 });
}

/** Removes the note if it is still this process's. */
export function forgetRunningServer(pid: number, file = runningServerFile()): void {
  if (findRunningServer(file)?.pid === pid) rmSync(file, { force: true });
}

/** The server `serve` last started, if that process still runs. */
export function findRunningServer(file = runningServerFile()): RunningServerRecord | undefined {
  let record: RunningServerRecord;
  try {
    record = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
  try {
    process.kill(record.pid, 0);
  } catch (error) {
    // EPERM means it runs under another user; anything else, that it is gone.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return undefined;
  }
  return record;
}
