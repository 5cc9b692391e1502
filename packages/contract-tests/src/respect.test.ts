import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { demoClips } from '@gameclips/server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Harness } from './harness.js';

// A third party's check: `redocly respect` runs the Arazzo workflows of the main flows
// against a running server and checks statuses, content types and schemas on its own.
const workflows = fileURLToPath(new URL('../arazzo/gameclips.arazzo.yaml', import.meta.url));
const root = fileURLToPath(new URL('../../..', import.meta.url));
let h: Harness;

beforeAll(async () => {
  h = await Harness.start();
});
afterAll(() => h.close());

it('passes the Arazzo workflows with redocly respect', async () => {
  const publicClipId = 'e0000000-0000-4000-8000-000000000001';
  const deletableClipId = 'e0000000-0000-4000-8000-000000000002';
  await h.server.store.insertClips([
    { ...demoClips[0]!, gameClipId: publicClipId, visibility: 'Public', rating: 0, ratingCount: 0, views: 0 },
    { ...demoClips[0]!, gameClipId: deletableClipId, visibility: 'Owner', rating: 0, ratingCount: 0, views: 0 },
  ]);
  const input = {
    ownerToken: await h.server.mintToken({ xuid: h.demo.ownerXuid, scid: h.demo.scid }),
    viewerToken: await h.server.mintToken({ xuid: h.demo.otherXuid, scid: h.demo.scid }),
    ownerXuid: h.demo.ownerXuid,
    scid: h.demo.scid,
    gameClipId: h.demo.clips.fresh,
    publicClipId,
    deletableClipId,
  };
  const args = ['--no-install', 'redocly', 'respect', workflows, '--server', `gameclips=${h.server.url}`, '--input', JSON.stringify(input)];
  // Asynchronous on purpose: the server runs in this process and must keep answering.
  const result = await promisify(execFile)('npx', args, {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  }).catch((error: { code: number; stdout: string; stderr: string }) => error);
  const summary = result.stdout.split('\n').filter((line) => /Workflows:|Steps:|Checks:|[✓✗] (GET|POST|DELETE)/.test(line));
  console.log(`redocly respect:\n${summary.join('\n')}`);
  expect('code' in result ? result.code : 0, result.stdout).toBe(0);
  expect(result.stdout).toMatch(/Workflows: 3 passed, 3 total/);
});
