/**
 * Two instances on one store that share the token secret accept each other's continuation
 * tokens (their key derives from the secret); an instance with another secret refuses them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../src/index.js';
import { errorCodeOf, send } from './support/api-client.js';

const SECRET = 'a shared secret of at least thirty-two bytes';

describe('continuation tokens across instances', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gameclips-tokens-'));
  const db = join(dir, 'shared.sqlite');
  let first: RunningServer;
  let second: RunningServer;
  let stranger: RunningServer;

  beforeAll(async () => {
    first = await startServer({ db, seed: 'demo', tokenSecret: SECRET });
    second = await startServer({ db, tokenSecret: SECRET });
    stranger = await startServer({ db, tokenSecret: `${SECRET}, but another` });
  });
  afterAll(async () => {
    await Promise.all([first, second, stranger].map((server) => server.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('walks a list across the instances that share the secret', async () => {
    const get = async (server: RunningServer, token?: string) =>
      send(`${server.url}/users/me/clips?maxItems=2${token ? `&continuationToken=${token}` : ''}`, {
        headers: {
          Authorization: await server.mintToken({ xuid: first.demo.ownerXuid, scid: first.demo.scid }),
          'x-xbl-contract-version': '2',
        },
      });
    const page1 = await get(first);
    const page2 = await get(second, page1.json.pagingInfo.continuationToken);
    const page3 = await get(first, page2.json.pagingInfo.continuationToken);
    const names = [page1, page2, page3].flatMap((page) => page.json.gameClips.map((clip: { clipName: string }) => clip.clipName));
    expect(names).toEqual(['Cliff jump', 'First win', 'Secret level', 'Practice run', 'Triple takedown']);
    const refused = await get(stranger, page1.json.pagingInfo.continuationToken);
    expect([refused.status, errorCodeOf(refused)]).toEqual([400, 4005]);
  });
});
