import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { demo, demoClips } from '../src/index.js';
import { errorCodeOf, send } from './support/api-client.js';

// The held-back flow: fixtures loaded with `seed`, tokens from `token`, requests to `serve`.
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'gameclips-cli-'));
const env = { ...process.env, GAMECLIPS_TOKEN_SECRET: '', GAMECLIPS_DB: '' };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(...args: string[]) {
  return spawnSync(process.execPath, [cli, ...args], { cwd: dir, env, encoding: 'utf8' });
}

describe('gameclips-server', () => {
  it.each(['serve', 'token', 'seed'])('explains %s with --help', (command) => {
    const result = run(command, '--help');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`Usage: gameclips-server ${command}`);
  });

  it('lists its commands and exits 2 without one', () => {
    const result = run();
    expect(result.status).toBe(2);
    expect(result.stdout).toMatch(/serve[\s\S]*token[\s\S]*seed/);
  });

  it('names a bad option and points at --help', () => {
    const result = run('serve', '--prot', '8080');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("'--prot'");
    expect(result.stderr).toContain('--help');
    expect(run('token', '--xuid', 'abc', '--scid', 's').stderr).toContain('--xuid');
    expect(run('serve', '--port', '99999').stderr).toContain('--port must be a whole number from 0 to 65535');
  });

  it('prints exactly one Authorization line for token', () => {
    const result = run('token', '--xuid', '42', '--scid', demo.scid, '--db', 'token.sqlite');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^XBL3\.0 x=[0-9a-f]+;[\w-]+\.[\w-]+\.[\w-]+\n$/);
    expect(run('token', '--xuid', '42', '--scid', 's', '--form', 'xauth', '--db', 'token.sqlite').stdout).toMatch(/^Xauth=\S+\n$/);
  });

  it('loads nothing from fixtures with one bad item, and names it', () => {
    const bad = [demoClips[0], { ...demoClips[1], visibility: 'Friends' }];
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(bad));
    const result = run('seed', '--db', 'bad.sqlite', 'bad.json');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('item 1');
    expect(result.stderr).toContain('/visibility');
    writeFileSync(join(dir, 'good.json'), JSON.stringify([demoClips[0]]));
    expect(run('seed', '--db', 'bad.sqlite', 'good.json').stdout).toContain('Loaded 1 clips');
  });

  it('serves seeded fixtures to a token from the token command', async () => {
    writeFileSync(join(dir, 'clips.json'), JSON.stringify(demoClips));
    const seeded = run('seed', '--db', 'data/serve.sqlite', 'clips.json');
    expect(seeded.stdout).toContain(`Loaded ${demoClips.length} clips`);
    expect(run('seed', '--db', 'data/serve.sqlite', 'clips.json').stderr).toContain('Nothing was loaded');

    // In data/, the record serve leaves beside its database is the one `token` finds without --db.
    const server = spawn(process.execPath, [cli, 'serve', '--port', '0', '--db', 'data/serve.sqlite', '--seed', 'none'], { cwd: dir, env });
    try {
      const lines = createInterface({ input: server.stdout! });
      let url = '';
      for await (const line of lines) {
        const entry = JSON.parse(line);
        if (entry.msg === 'listening') {
          url = entry.url;
          break;
        }
      }
      const authorization = run('token', '--xuid', demo.ownerXuid, '--scid', demo.scid, '--db', 'data/serve.sqlite').stdout.trim();
      const headers = { Authorization: authorization, 'X-RequestedServiceVersion': '1' };
      const clip = `${url}/users/me/scids/${demo.scid}/clips/${demo.clips.public}`;
      const read = await send(clip, { headers });
      expect(read.status).toBe(200);
      expect(read.json.gameClip.clipName).toBe('Triple takedown');
      const fromRunning = run('token', '--xuid', demo.ownerXuid, '--scid', demo.scid);
      expect(fromRunning.stderr).toContain(`signed with the key of the server on ${url}`);
      expect((await send(clip, { headers: { ...headers, Authorization: fromRunning.stdout.trim() } })).status).toBe(200);
      const wrongKey = run('token', '--xuid', demo.ownerXuid, '--scid', demo.scid, '--db', 'other.sqlite').stdout.trim();
      expect(errorCodeOf(await send(clip, { headers: { ...headers, Authorization: wrongKey } }))).toBe(4011);
    } finally {
      server.kill('SIGTERM');
      await new Promise((resolve) => server.once('exit', resolve));
    }
    expect(server.exitCode).toBe(0);
  });
});
