/**
 * The owner's If-Match on a popular clip: while others record views, ratings and flags, the
 * owner's read-then-update still succeeds, because the ETag covers the owner's metadata
 * only. A real concurrent metadata change still gives 412.
 */
import { randomBytes } from 'node:crypto';
import { Agent } from 'node:http';
import type { GameClip } from '@gameclips/types';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, type RunningServer } from '../../src/index.js';
import { apiHeaders, clipPath } from './support/api.js';
import { printFigures } from './support/figures.js';
import { send, type HttpResult } from './support/http-client.js';
import { intFrom } from './support/prng.js';
import { serviceErrorProblems } from './support/service-error.js';

const OTHERS = intFrom('GAMECLIPS_ETAG_OTHERS', 40);
const ROUNDS = intFrom('GAMECLIPS_ETAG_ROUNDS', 10);

let server: RunningServer;
let agent: Agent;
let owner: string;
let others: string[];

function call(method: string, path: string, authorization: string, extra: Record<string, string> = {}, body?: string): Promise<HttpResult> {
  return send(server.url, { method, path, headers: apiHeaders(authorization, extra), ...(body === undefined ? {} : { body }) }, { agent });
}

function update(path: string, etag: string, userCaption: string): Promise<HttpResult> {
  return call('POST', path, owner, { 'Content-Type': 'application/json', 'If-Match': etag }, JSON.stringify({ userCaption }));
}

beforeAll(async () => {
  // A threshold no test reaches: the clip stays visible to the flaggers.
  server = await startServer({ seed: 'demo', flagThreshold: 1_000_000, tokenSecret: randomBytes(32).toString('hex') });
  agent = new Agent({ keepAlive: true, maxSockets: 32 });
  owner = await server.mintToken({ xuid: server.demo.ownerXuid, scid: server.demo.scid });
  others = await Promise.all(
    Array.from({ length: OTHERS }, (_, i) => server.mintToken({ xuid: String(2_700_000_000_000_000 + i), scid: server.demo.scid })),
  );
});

afterAll(async () => {
  agent?.destroy();
  await server?.close();
});

describe('the owner\'s If-Match on a popular clip', () => {
  test(`succeeds ${ROUNDS} times out of ${ROUNDS} while ${OTHERS} others view, rate and flag it`, async () => {
    const { demo } = server;
    const ownPath = clipPath('me', demo.scid, demo.clips.public);
    const theirs = (action: string) => clipPath(`xuid(${demo.ownerXuid})`, demo.scid, demo.clips.public, action);
    const statuses: number[] = [];
    let crowd = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const read = await call('GET', ownPath, owner);
      expect(read.status).toBe(200);
      const before = (JSON.parse(read.text) as { gameClip: GameClip }).gameClip;
      // The crowd acts between the owner's read and write, all at once.
      const actions = await Promise.all(
        others.flatMap((token, i) => [
          call('POST', theirs('/views'), token),
          call('POST', theirs(`/ratings/${((i + round) % 5) + 1}`), token),
          ...(round === 0 ? [call('POST', theirs('/flag'), token)] : []),
        ]),
      );
      crowd += actions.length;
      expect(actions.filter((r) => r.status !== 200).map((r) => r.status)).toEqual([]);
      const write = await update(ownPath, String(read.headers.etag), `round ${round}`);
      statuses.push(write.status);
      expect(write.status, write.text).toBe(200);
      expect(write.headers.etag).not.toBe(read.headers.etag);
      const after = (JSON.parse((await call('GET', ownPath, owner)).text) as { gameClip: GameClip }).gameClip;
      expect(after.userCaption).toBe(`round ${round}`);
      expect(after.views).toBe(before.views + OTHERS);
    }
    printFigures('metadata ETag: owner updates under load', {
      rounds: ROUNDS,
      'crowd calls (views, ratings, flags)': crowd,
      'owner update statuses': statuses.join(' '),
    });
  });

  test('still refuses with 412 when the metadata really changed since the read', async () => {
    const { demo } = server;
    const ownPath = clipPath('me', demo.scid, demo.clips.public);
    const read = await call('GET', ownPath, owner);
    const etag = String(read.headers.etag);
    const [first, views] = await Promise.all([
      update(ownPath, etag, 'first writer'),
      Promise.all(others.map((token) => call('POST', clipPath(`xuid(${demo.ownerXuid})`, demo.scid, demo.clips.public, '/views'), token))),
    ]);
    expect(first.status).toBe(200);
    expect(views.every((r) => r.status === 200)).toBe(true);
    const late = await update(ownPath, etag, 'second writer');
    expect(late.status).toBe(412);
    expect(serviceErrorProblems(late)).toEqual([]);
    // The refused write changed nothing.
    const after = (JSON.parse((await call('GET', ownPath, owner)).text) as { gameClip: GameClip }).gameClip;
    expect(after.userCaption).toBe('first writer');
  });
});
