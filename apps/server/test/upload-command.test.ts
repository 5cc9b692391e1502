import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createGameClipsClient } from '@gameclips/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo } from '../src/index.js';
import { mintToken } from '../src/auth/token-minter.js';
import { readSecretFile } from '../src/auth/token-secret.js';

// `gameclips-server upload`, the built bin, against a server started by `serve` on a SQLite
// file in data/ (so `upload` finds it and its key without being told).
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'gameclips-upload-cli-'));
const env = { ...process.env, GAMECLIPS_TOKEN_SECRET: '', GAMECLIPS_DB: '' };
let server: ChildProcess;
let url = '';

/** Runs the CLI to the end: its exit status and what it printed. */
function run(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: dir, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

/** A client of the demo owner, signed with the running server's key. */
async function ownerClient() {
  const key = readSecretFile(join(dir, 'data/uploads.sqlite'))!.key;
  return createGameClipsClient({ baseUrl: url, token: await mintToken(key, { xuid: demo.ownerXuid, scid: demo.scid }) });
}

beforeAll(async () => {
  mkdirSync(join(dir, 'data'));
  server = spawn(process.execPath, [cli, 'serve', '--port', '0', '--db', 'data/uploads.sqlite', '--seed', 'none'], { cwd: dir, env });
  for await (const line of createInterface({ input: server.stdout! })) {
    const entry = JSON.parse(line);
    if (entry.msg === 'listening') {
      url = entry.url;
      break;
    }
  }
});
afterAll(async () => {
  server.kill('SIGTERM');
  await new Promise((resolve) => server.once('exit', resolve));
  rmSync(dir, { recursive: true, force: true });
});

describe('gameclips-server upload', () => {
  it('uploads a file in blocks and prints the published clip\'s id alone on stdout', async () => {
    const data = Uint8Array.from({ length: 5 * 1024 * 1024 + 10 }, (_, i) => (i * 13) % 251);
    writeFileSync(join(dir, 'match.mp4'), data);
    const result = await run('upload', 'match.mp4', '--xuid', demo.ownerXuid, '--scid', demo.scid, '--caption', 'From the CLI', '--visibility', 'Public', '--parallel', '2');
    expect(result.stderr).not.toContain('failed');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\S*\n$/);
    // stderr is not a terminal here: the key used, then a plain line per quarter reached, then the clip's state.
    const lines = result.stderr.trim().split('\n');
    expect(lines[0]).toContain('signed with the key of the server on');
    expect(lines.slice(1, 2)).toEqual(['upload: 0% (0.0 of 5.0 MiB)']);
    expect(lines.slice(-2)).toEqual(['upload: 100% (5.0 of 5.0 MiB)', 'upload: Published']);
    expect(lines.slice(2, -2).every((line) => /^upload: \d{2}% \([\d.]+ of 5\.0 MiB\)$/.test(line))).toBe(true);
    const client = await ownerClient();
    const { clip } = await client.getClip({ scid: demo.scid, gameClipId: result.stdout.trim() });
    expect(clip).toMatchObject({ userCaption: 'From the CLI', visibility: 'Public', state: 'Published', titleId: demo.titleId });
    expect(Buffer.compare(await (await client.downloadClip(clip)).bytes(), data)).toBe(0);
  });

  it('stops at Ctrl-C with status 130 and deletes the partial upload', async () => {
    const client = await ownerClient();
    const before = (await client.listClips()).totalItems;
    writeFileSync(join(dir, 'long.mp4'), new Uint8Array(40 * 1024 * 1024));
    const child = spawn(process.execPath, [cli, 'upload', 'long.mp4', '--xuid', demo.ownerXuid, '--scid', demo.scid, '--parallel', '1'], { cwd: dir, env });
    let stderr = '';
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    for await (const line of createInterface({ input: child.stderr })) {
      stderr += `${line}\n`;
      if (line.startsWith('upload: 25%')) break;
    }
    child.kill('SIGINT');
    child.stderr.on('data', (chunk) => (stderr += chunk));
    expect(await exited).toBe(130);
    expect(stderr).toContain('gameclips-server upload: interrupted');
    expect((await client.listClips()).totalItems).toBe(before);
  });

  it('explains a missing file, a bad option and an unreachable server, with their exit statuses', async () => {
    const missing = await run('upload', 'nope.mp4', '--xuid', demo.ownerXuid, '--scid', demo.scid);
    expect(missing).toMatchObject({ status: 2, stdout: '' });
    expect(missing.stderr).toContain('cannot read nope.mp4: no such file');
    const bad = await run('upload', 'match.mp4', '--xuid', 'me', '--scid', demo.scid);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--xuid');
    writeFileSync(join(dir, 'tiny.mp4'), 'abc');
    const closed = await run('upload', 'tiny.mp4', '--xuid', demo.ownerXuid, '--scid', demo.scid, '--url', 'http://127.0.0.1:9', '--db', 'data/uploads.sqlite');
    expect(closed).toMatchObject({ status: 1, stdout: '' });
    expect(closed.stderr).toContain('no server answers on http://127.0.0.1:9');
  });

  it('reports the server\'s refusal: another scid than the token\'s is not the caller\'s to upload to', async () => {
    const result = await run('upload', 'tiny.mp4', '--xuid', demo.ownerXuid, '--scid', 'not-a-guid');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/the server refused the upload: 4\d\d/);
  });

  it('explains itself with --help', async () => {
    const result = await run('upload', '--help');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Usage: gameclips-server upload FILE --xuid N --scid GUID');
  });
});
