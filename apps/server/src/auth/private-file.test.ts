import { chmodSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPrivateFile, readTrustedFile, UnsafeFileError } from './private-file.js';

const dir = mkdtempSync(join(tmpdir(), 'gameclips-private-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readTrustedFile and createPrivateFile', () => {
  it('creates a 0600 file once, and reads it back', () => {
    const path = join(dir, 'made');
    createPrivateFile(path, 'text');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readTrustedFile(path, 'private')).toBe('text');
    expect(() => createPrivateFile(path, 'again')).toThrow(expect.objectContaining({ code: 'EEXIST' }));
  });

  it('never creates through a symlink', () => {
    const target = join(dir, 'target');
    writeFileSync(target, 'untouched');
    symlinkSync(target, join(dir, 'link'));
    expect(() => createPrivateFile(join(dir, 'link'), 'x')).toThrow();
    expect(readTrustedFile(target, 'not-writable-by-others')).toBe('untouched');
  });

  it('is undefined for a missing file', () => {
    expect(readTrustedFile(join(dir, 'missing'), 'private')).toBeUndefined();
  });

  it('refuses symlinks, and modes open to others', () => {
    symlinkSync(join(dir, 'made'), join(dir, 'to-made'));
    expect(() => readTrustedFile(join(dir, 'to-made'), 'private')).toThrow(UnsafeFileError);
    const open = join(dir, 'open');
    writeFileSync(open, 'x');
    chmodSync(open, 0o644);
    expect(readTrustedFile(open, 'not-writable-by-others')).toBe('x');
    expect(() => readTrustedFile(open, 'private')).toThrow(/readable or writable by other users/);
    chmodSync(open, 0o666);
    expect(() => readTrustedFile(open, 'not-writable-by-others')).toThrow(/writable by other users/);
  });
});
