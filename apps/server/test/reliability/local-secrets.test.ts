/**
 * What another local user could do with the files `gameclips-server` leaves: the token key
 * stays beside the database, private; records and key files that are symlinks, another
 * user's, or open to others are refused; short secrets are refused; the banner's token is not
 * on the log stream. Runs the built CLI in a temporary directory, with TMPDIR pointing inside it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { demo } from '../../src/index.js';
import { apiHeaders, clipPath } from './support/api.js';
import { cliPath } from './support/child-server.js';
import { send } from './support/http-client.js';

const root = mkdtempSync(join(tmpdir(), 'gameclips-local-'));
let dir: string;
let env: NodeJS.ProcessEnv;
const isRoot = process.getuid?.() === 0;

beforeEach(() => {
  dir = mkdtempSync(join(root, 'case-'));
  mkdirSync(join(dir, 'tmp'));
  env = { ...process.env, GAMECLIPS_TOKEN_SECRET: '', GAMECLIPS_DB: '', TMPDIR: join(dir, 'tmp') };
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function run(...args: string[]) {
  // A serve that should have refused to start is stopped rather than waited for.
  return spawnSync(process.execPath, [cliPath(), ...args], { cwd: dir, env, encoding: 'utf8', timeout: 20_000, killSignal: 'SIGKILL' });
}

/** Every file under a directory with its text (symlinks not followed). */
function filesUnder(path: string): Array<{ path: string; text: string }> {
  if (!existsSync(path)) return [];
  return readdirSync(path, { recursive: true, encoding: 'utf8' })
    .map((name) => join(path, name))
    .filter((p) => lstatSync(p).isFile())
    .map((p) => ({ path: p, text: readFileSync(p, 'latin1') }));
}

/** Runs `serve` until `during` resolves; returns what it wrote. */
async function serving(args: string[], during: (url: string) => Promise<void>): Promise<{ stdout: string[]; stderr: string; code: number | null }> {
  const child = spawn(process.execPath, [cliPath(), 'serve', '--port', '0', ...args], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
  const stdout: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    let url = '';
    for await (const line of createInterface({ input: child.stdout })) {
      stdout.push(line);
      const entry = JSON.parse(line);
      if (entry.msg === 'listening') {
        url = entry.url;
        break;
      }
    }
    if (!url) throw new Error(`serve did not start: ${stderr}`);
    await during(url);
  } finally {
    child.kill('SIGTERM');
  }
  return { stdout, stderr, code: await exited };
}

const keyOf = (db: string) => readFileSync(join(dir, `${db}.secret`), 'utf8').trim();

describe('the token key stays beside the database (finding 1)', () => {
  test('serve writes the key nowhere but PATH.secret; the record beside the database holds no key', async () => {
    await serving(['--db', 'data/clips.sqlite'], async () => {
      const key = keyOf('data/clips.sqlite');
      const keyBytes = [key, Buffer.from(key).toString('hex'), Buffer.from(key).toString('base64')];
      const holders = [...filesUnder(join(dir, 'tmp')), ...filesUnder(join(dir, 'data'))].filter((f) => keyBytes.some((k) => f.text.includes(k)));
      expect(holders.map((f) => f.path)).toEqual([join(dir, 'data/clips.sqlite.secret')]);
      const record = JSON.parse(readFileSync(join(dir, 'data/running-server.json'), 'utf8'));
      expect(Object.keys(record).sort()).toEqual(['db', 'pid', 'url']);
      expect(statSync(join(dir, 'data/running-server.json')).mode & 0o777).toBe(0o600);
    });
    expect(existsSync(join(dir, 'data/running-server.json'))).toBe(false);
  });

  test('token without --db signs with the key beside the running server database', async () => {
    await serving(['--db', 'data/other.sqlite', '--seed', 'demo'], async (url) => {
      const minted = run('token', '--xuid', demo.ownerXuid, '--scid', demo.scid);
      expect(minted.status, minted.stderr).toBe(0);
      expect(minted.stderr).toContain(`signed with the key of the server on ${url}`);
      const res = await send(url, { path: clipPath('me', demo.scid, demo.clips.public), headers: apiHeaders(minted.stdout.trim()) });
      expect(res.status).toBe(200);
    });
  });

  test('planted symlinks are never written through', async () => {
    const victims = [join(dir, 'victim-tmp'), join(dir, 'victim-data')];
    for (const victim of victims) writeFileSync(victim, 'untouched');
    mkdirSync(join(dir, 'tmp', `gameclips-server-${userInfo().uid}`), { mode: 0o700 });
    symlinkSync(victims[0]!, join(dir, 'tmp', `gameclips-server-${userInfo().uid}`, 'running-server.json'));
    mkdirSync(join(dir, 'data'), { mode: 0o700 });
    symlinkSync(victims[1]!, join(dir, 'data', 'running-server.json'));
    await serving(['--db', 'data/clips.sqlite'], async () => {});
    for (const victim of victims) expect(readFileSync(victim, 'utf8')).toBe('untouched');
  });

  test('a planted record is refused, and a planted key is never signed with', async () => {
    const plantedKey = 'planted-key-0123456789abcdef0123456789abcdef';
    const tmpRecord = join(dir, 'tmp', `gameclips-server-${userInfo().uid}`);
    mkdirSync(tmpRecord, { mode: 0o700 });
    writeFileSync(join(tmpRecord, 'running-server.json'), JSON.stringify({ pid: process.pid, url: 'http://evil', db: 'x', keyHex: Buffer.from(plantedKey).toString('hex') }));
    mkdirSync(join(dir, 'data'));
    writeFileSync(join(dir, 'evil.sqlite.secret'), plantedKey, { mode: 0o600 });
    writeFileSync(join(dir, 'data', 'running-server.json'), JSON.stringify({ pid: process.pid, url: 'http://evil', db: join(dir, 'evil.sqlite') }), { mode: 0o666 });
    chmodSync(join(dir, 'data', 'running-server.json'), 0o666);
    const minted = run('token', '--xuid', '1', '--scid', 's');
    expect(minted.status).toBe(1);
    expect(minted.stderr).toContain('writable by other users');
    expect(minted.stdout).toBe('');
  });
});

describe('the key file beside the database is checked, and short secrets are refused (finding 5)', () => {
  const prepare = () => {
    mkdirSync(join(dir, 'data'), { mode: 0o700 });
    writeFileSync(join(dir, 'data/clips.sqlite.secret'), 'k'.repeat(64), { mode: 0o600 });
  };
  test.each([
    ['readable by others', () => chmodSync(join(dir, 'data/clips.sqlite.secret'), 0o644), 'readable or writable by other users'],
    ['writable by others', () => chmodSync(join(dir, 'data/clips.sqlite.secret'), 0o622), 'readable or writable by other users'],
    ['a symlink', () => {
      writeFileSync(join(dir, 'elsewhere'), 'k'.repeat(64), { mode: 0o600 });
      rmSync(join(dir, 'data/clips.sqlite.secret'));
      symlinkSync(join(dir, 'elsewhere'), join(dir, 'data/clips.sqlite.secret'));
    }, 'symbolic link'],
    ...(isRoot ? [['another user\'s', () => chownSync(join(dir, 'data/clips.sqlite.secret'), 65534, 65534), 'belongs to another user'] as const] : []),
  ] as Array<readonly [string, () => void, string]>)('a key file %s: serve and token refuse it', (_name, spoil, message) => {
    prepare();
    spoil();
    const served = run('serve', '--port', '0', '--db', 'data/clips.sqlite');
    expect(served.status).toBe(1);
    expect(served.stderr).toContain(message);
    const minted = run('token', '--xuid', '1', '--scid', 's', '--db', 'data/clips.sqlite');
    expect(minted.status).toBe(1);
    expect(minted.stderr).toContain(message);
    expect(minted.stdout).toBe('');
  });

  test('a key shorter than 32 bytes, from GAMECLIPS_TOKEN_SECRET or the file, is refused with a clear error', () => {
    for (const short of ['x', 'a'.repeat(31)]) {
      env.GAMECLIPS_TOKEN_SECRET = short;
      for (const result of [run('serve', '--port', '0', '--db', ':memory:'), run('token', '--xuid', '1', '--scid', 's')]) {
        expect(result.status).toBe(1);
        expect(result.stderr).toContain(`GAMECLIPS_TOKEN_SECRET is ${short.length} bytes long; a token key needs at least 32 bytes`);
      }
    }
    env.GAMECLIPS_TOKEN_SECRET = '';
    prepare();
    writeFileSync(join(dir, 'data/clips.sqlite.secret'), 'short\n');
    const minted = run('token', '--xuid', '1', '--scid', 's', '--db', 'data/clips.sqlite');
    expect(minted.status).toBe(1);
    expect(minted.stderr).toContain('at least 32 bytes');
  });
});

describe('files serve makes are private to its user', () => {
  test('database, -wal, -shm, key and record are 0600 in a 0700 directory', async () => {
    await serving(['--db', 'data/sub/clips.sqlite', '--seed', 'demo'], async () => {
      expect(statSync(join(dir, 'data')).mode & 0o777).toBe(0o700);
      expect(statSync(join(dir, 'data/sub')).mode & 0o777).toBe(0o700);
      const modes = Object.fromEntries(readdirSync(join(dir, 'data/sub')).map((name) => [name, (statSync(join(dir, 'data/sub', name)).mode & 0o777).toString(8)]));
      expect(Object.keys(modes).sort()).toEqual(['clips.sqlite', 'clips.sqlite-shm', 'clips.sqlite-wal', 'clips.sqlite.secret', 'running-server.json']);
      expect(new Set(Object.values(modes))).toEqual(new Set(['600']));
    });
  });
});

describe('tokens are never on the log stream, and token --ttl is capped at 24 h', () => {
  test("serve --banner prints the demo token on stderr; stdout holds JSON log lines only", async () => {
    const { stdout, stderr } = await serving(['--db', 'data/clips.sqlite', '--seed', 'demo', '--banner'], async (url) => {
      await send(url, { path: '/healthz' });
      await new Promise((resolve) => setTimeout(resolve, 200));
    });
    expect(stderr).toMatch(/XBL3\.0 x=[0-9a-f]+;ey/);
    for (const line of stdout) expect(() => JSON.parse(line), line).not.toThrow();
    expect(stdout.join('\n')).not.toMatch(/XBL3\.0|eyJ/);
  });

  test.each(['25h', '2d', '7d', '90000'])('--ttl %s is refused', (ttl) => {
    const minted = run('token', '--xuid', '1', '--scid', 's', '--db', 'data/clips.sqlite', '--ttl', ttl);
    expect(minted.status).toBe(2);
    expect(minted.stderr).toContain('--ttl must be at most 24h');
  });

  test('--ttl 24h is minted', () => {
    expect(run('token', '--xuid', '1', '--scid', 's', '--db', 'data/clips.sqlite', '--ttl', '24h').status).toBe(0);
  });
});
