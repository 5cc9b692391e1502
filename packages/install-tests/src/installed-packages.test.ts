import { copyFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { run, start, tsc } from './consumer-project.js';

const consumerDir = inject('consumerDir');
const fixture = (name: string) => {
  copyFileSync(new URL(`../fixtures/${name}`, import.meta.url), join(consumerDir, name));
  return name;
};
const demo = { ownerXuid: '2533274790395904', scid: '00000000-0000-0000-0000-00007a3b9c1d', clip: '7c9b4a3e-8f2d-4e1a-9b6c-2d5f8e7a1c30-000' };
const children: Array<ReturnType<typeof start>['child']> = [];
afterAll(() => children.forEach((child) => child.kill('SIGKILL')));

/** Waits for the server's `listening` log line and returns its URL. */
async function listeningUrl(server: ReturnType<typeof start>): Promise<string> {
  for (let waited = 0; waited < 30_000; waited += 50) {
    const url = /"msg":"listening".*?"url":"([^"]+)"|"url":"([^"]+)".*?"msg":"listening"/.exec(server.output.stdout);
    if (url) return (url[1] ?? url[2])!;
    if (server.child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the server did not start:\n${server.output.stdout}\n${server.output.stderr}`);
}

describe('the packages, installed from their tarballs into an empty project', () => {
  it('links the gameclips-server command, whose --help works', () => {
    expect(existsSync(join(consumerDir, 'node_modules', '.bin', 'gameclips-server'))).toBe(true);
    const { stdout } = run(join('node_modules', '.bin', 'gameclips-server'), ['--help'], consumerDir);
    expect(stdout).toMatch(/^Usage: gameclips-server <command>/);
    expect(run('npx', ['--no-install', 'gameclips-server', 'serve', '--help'], consumerDir).stdout).toMatch(/--port N/);
  });

  it('runs `npx @gameclips/server serve` with the docs, the contract and tokens from `token`', async () => {
    const server = start('npx', ['--no-install', '@gameclips/server', 'serve', '--port', '0', '--db', 'data/consumer.sqlite', '--seed', 'demo'], consumerDir);
    children.push(server.child);
    const url = await listeningUrl(server);

    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const docs = await fetch(`${url}/docs`);
    expect(docs.status).toBe(200);
    expect(docs.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await docs.text()).toContain('__redoc_definition');
    const contract = await fetch(`${url}/openapi.yaml`);
    expect(await contract.text()).toMatch(/^openapi: 3\.1/);

    const token = run('npx', ['--no-install', 'gameclips-server', 'token', '--db', 'data/consumer.sqlite', '--xuid', demo.ownerXuid, '--scid', demo.scid], consumerDir);
    const authorization = token.stdout.trim().split('\n').pop()!;
    const read = await fetch(`${url}/users/me/scids/${demo.scid}/clips/${demo.clip}`, {
      headers: { Authorization: authorization, 'X-RequestedServiceVersion': '1' },
    });
    expect(read.status).toBe(200);
    expect(((await read.json()) as { gameClip: { gameClipId: string } }).gameClip.gameClipId).toBe(demo.clip);

    // The installed command uploads a file through the installed client, and the clip is published with its bytes.
    writeFileSync(join(consumerDir, 'clip.mp4'), Uint8Array.from({ length: 3 * 1024 * 1024 }, (_, i) => i % 251));
    // Run without blocking this process, whose pooled connections to the server must see it close them when idle.
    const upload = start('npx', ['--no-install', 'gameclips-server', 'upload', 'clip.mp4', '--xuid', demo.ownerXuid, '--scid', demo.scid, '--db', 'data/consumer.sqlite', '--url', url, '--caption', 'from a tarball'], consumerDir);
    children.push(upload.child);
    expect(await new Promise((resolve) => upload.child.once('close', resolve))).toBe(0);
    expect(upload.output.stderr).toContain('upload: Published');
    const uploaded = await fetch(`${url}/users/me/scids/${demo.scid}/clips/${upload.output.stdout.trim()}`, {
      headers: { Authorization: authorization, 'X-RequestedServiceVersion': '1' },
    });
    expect(await uploaded.json()).toMatchObject({
      gameClip: { userCaption: 'from a tarball', state: 'Published', gameClipUris: [{ uriType: 'Download', fileSize: 3 * 1024 * 1024 }] },
    });
    server.child.kill('SIGTERM');
  });

  it('starts the server in-process with startServer() and calls it with the client', () => {
    const { stdout } = run(process.execPath, [fixture('start-server.mjs')], consumerDir);
    expect(JSON.parse(stdout.trim().split('\n').pop()!)).toEqual({
      caption: 'from a tarball',
      docs: { status: 200, type: expect.stringMatching(/^text\/html/), redoc: true },
      contract: { status: 200, openapi: true },
    });
  });

  it("type-checks a consumer's TypeScript against the installed declarations (NodeNext, strict, skipLibCheck off)", () => {
    fixture('consumer.ts');
    copyFileSync(new URL('../fixtures/tsconfig.json', import.meta.url), join(consumerDir, 'tsconfig.json'));
    const result = run(process.execPath, [tsc, '-p', 'tsconfig.json'], consumerDir);
    expect(result.stdout).toBe('');
  });
});
