/** `serve`'s upload options: named in --help, checked, and in effect in the URIs and limits of a running server. */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, mintToken } from '../src/index.js';
import { errorCodeOf } from './support/api-client.js';
import { cliPath, childSecret, killAllChildren, startChild, stopChild, type ChildServer } from './reliability/support/child-server.js';
import { putBlock, reserve, reserved } from './support/upload-client.js';

const PUBLIC_URL = 'https://clips.example.test/base';

function run(...args: string[]) {
  return spawnSync(process.execPath, [cliPath(), ...args], { encoding: 'utf8', env: { ...process.env, GAMECLIPS_TOKEN_SECRET: childSecret } });
}

describe('serve --help', () => {
  it('names the upload options', () => {
    const help = run('serve', '--help').stdout;
    for (const flag of ['--public-url URL', '--quota-bytes N', '--upload-ttl DURATION', '--processing-delay MS']) expect(help).toContain(flag);
  });

  it.each([
    [['--public-url', 'ftp://clips'], '--public-url must be an http or https URL'],
    [['--public-url', 'https://clips.example.test/?x=1'], '--public-url must be an http or https URL'],
    [['--quota-bytes', '0'], '--quota-bytes must be a whole number'],
    [['--upload-ttl', '5x'], '--upload-ttl: Not a duration'],
    [['--upload-ttl', '0s'], '--upload-ttl must be at least 1s'],
    [['--processing-delay', 'soon'], '--processing-delay must be a whole number'],
  ])('refuses %j with status 2', (args, message) => {
    const result = run('serve', '--db', ':memory:', ...args);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(message);
  });
});

describe('serve with upload options', () => {
  let server: ChildServer;
  let owner: string;

  beforeAll(async () => {
    server = await startChild(['--db', ':memory:', '--seed', 'none', '--public-url', PUBLIC_URL, '--quota-bytes', '100', '--upload-ttl', '1h', '--processing-delay', '0']);
    owner = await mintToken(new TextEncoder().encode(childSecret), { xuid: demo.ownerXuid, scid: demo.scid, titleId: demo.titleId });
  });
  afterAll(async () => {
    if (server) await stopChild(server);
    killAllChildren();
  });

  it('makes upload URIs from --public-url, not from the request', async () => {
    const reservation = await reserved(server.url, owner, demo.scid, { fileSize: 10, thumbnailSource: 'Upload' });
    expect(reservation.uploadUri).toBe(`${PUBLIC_URL}/uploads/${demo.scid}/${reservation.gameClipId}`);
    expect(reservation.smallThumbnailUri).toBe(`${PUBLIC_URL}/uploads/${demo.scid}/${reservation.gameClipId}/thumbnails/small`);
    // The server serves the same route under its own address.
    expect((await putBlock(`${server.url}${new URL(reservation.uploadUri).pathname.replace('/base', '')}`, owner, 0, Buffer.alloc(10))).status).toBe(201);
  });

  it('holds each user to --quota-bytes', async () => {
    const over = await reserve(server.url, owner, demo.scid, { fileSize: 91 });
    expect([over.status, errorCodeOf(over)]).toEqual([400, 4009]);
    expect((await reserve(server.url, owner, demo.scid, { fileSize: 90 })).status).toBe(200);
  });
});
