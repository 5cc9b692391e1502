import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mintToken } from '../auth/token-minter.js';
import { createServer } from '../create-server.js';
import { startServer } from '../start-server.js';
import { demo, demoClips } from '../store/demo-clips.js';
import { loadClips } from '../store/load-clips.js';
import { openStore } from '../store/open-store.js';

// Every schema the contract validator compiles goes through Ajv's `addSchema` (the copy of
// Ajv the validator loads): counting those calls shows whether a request compiled anything.
const requireFromValidator = createRequire(createRequire(import.meta.url).resolve('express-openapi-validator'));
const Ajv = (requireFromValidator('ajv/dist/core') as { default: { prototype: { addSchema: (...args: unknown[]) => unknown } } }).default;
const originalAddSchema = Ajv.prototype.addSchema;
let compiled = 0;
beforeEach(() => {
  Ajv.prototype.addSchema = function (this: unknown, ...args: unknown[]) {
    compiled++;
    return originalAddSchema.apply(this, args);
  };
});
afterEach(() => {
  Ajv.prototype.addSchema = originalAddSchema;
});

/** One request of each operation, as a client sends them; the statuses they got. */
async function callEachOperation(url: string, authorization: string): Promise<number[]> {
  const clip = `${url}/users/me/scids/${demo.scid}/clips/${demo.clips.fresh}`;
  const headers = { Authorization: authorization, 'X-RequestedServiceVersion': '1' };
  const calls: Array<[string, string, string?]> = [
    ['GET', clip],
    ['POST', clip, '{"userCaption":"first"}'],
    ['POST', `${clip}/ratings/4`],
    ['POST', `${clip}/views`],
    ['POST', `${clip}/flag`],
  ];
  const statuses = [];
  for (const [method, target, body] of calls) {
    const init = body ? { method, body, headers: { ...headers, 'Content-Type': 'application/json' } } : { method, headers };
    const response = await fetch(target, init);
    await response.arrayBuffer();
    statuses.push(response.status);
  }
  return statuses;
}

describe('warm-up at start', () => {
  it('leaves no trace: no request log line, no injected fault used up, nothing written', async () => {
    const lines: Array<{ msg: string }> = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    const server = await startServer({ seed: 'demo', logger, faults: { rate: 0.5 } });
    try {
      expect(lines.filter((line) => line.msg === 'request')).toEqual([]);
      // Every operation went through validation, its body's media type and example included.
      expect(lines.filter((line) => line.msg === 'warm-up failed')).toEqual([]);
      const headers = {
        Authorization: await server.mintToken({ xuid: server.demo.ownerXuid, scid: server.demo.scid }),
        'X-RequestedServiceVersion': '1',
      };
      const url = `${server.url}/users/me/scids/${server.demo.scid}/clips/${server.demo.clips.public}`;
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await fetch(url, { headers }).then(async (r) => (await r.arrayBuffer(), r))).status);
      // The fault sequence starts with the first client request: every second one fails.
      expect(statuses).toEqual([200, 503, 200, 503]);
      const stored = await server.store.getClip({ scid: server.demo.scid, gameClipId: server.demo.clips.public });
      expect(stored?.version).toBe(1);
      expect(stored?.clip.views).toBe(118);
    } finally {
      await server.close();
    }
  });

  it('leaves the first request of each operation nothing to compile', async () => {
    const server = await startServer({ seed: 'demo' });
    try {
      const authorization = await server.mintToken({ xuid: demo.ownerXuid, scid: demo.scid });
      compiled = 0;
      expect(await callEachOperation(server.url, authorization)).toEqual([200, 200, 200, 200, 200]);
      expect(compiled).toBe(0);
    } finally {
      await server.close();
    }
  });

  it('runs once per process: a second server shares the compiled validator and compiles nothing', async () => {
    const first = await startServer({ seed: 'demo' });
    try {
      compiled = 0;
      const second = await startServer({ seed: 'demo' });
      try {
        const authorization = await second.mintToken({ xuid: demo.ownerXuid, scid: demo.scid });
        expect(await callEachOperation(second.url, authorization)).toEqual([200, 200, 200, 200, 200]);
        expect(compiled).toBe(0);
        // Each server still verifies tokens with its own key.
        const foreign = await first.mintToken({ xuid: demo.ownerXuid, scid: demo.scid });
        const response = await fetch(`${second.url}/users/me/scids/${demo.scid}/clips/${demo.clips.public}`, {
          headers: { Authorization: foreign, 'X-RequestedServiceVersion': '1' },
        });
        expect(response.status).toBe(401);
      } finally {
        await second.close();
      }
    } finally {
      await first.close();
    }
  });

  // If the validator compiled everything up front, the warm-up would be dead weight. Servers
  // of one process with the same settings share one validator: a fresh copy of the server's
  // modules has a validator of its own, new here.
  it("is needed: without it, the validator compiles on an operation's first request", async () => {
    const store = await openStore({});
    const tokenSecret = new TextEncoder().encode('warm-up test key of at least 32 bytes');
    await loadClips(store, demoClips);
    vi.resetModules();
    const fresh = (await import('../create-server.js')) as typeof import('../create-server.js');
    const http = createHttpServer(fresh.createServer({ store, tokenSecret }).app);
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = http.address() as AddressInfo;
      const authorization = await mintToken(tokenSecret, { xuid: demo.ownerXuid, scid: demo.scid });
      compiled = 0;
      expect(await callEachOperation(`http://127.0.0.1:${port}`, authorization)).toEqual([200, 200, 200, 200, 200]);
      expect(compiled).toBeGreaterThan(0);
    } finally {
      await new Promise((resolve) => http.close(resolve));
      await store.close();
    }
  });
});
