import type { GameClipsClient } from '@gameclips/client';
import { contractOperations } from '@gameclips/contract';
import { demoClips } from '@gameclips/server';
import { describe, expect, it } from 'vitest';
import type { Harness } from './harness.js';
import { FOREIGN_AUTHORIZATION, OTHER_SCID, UNKNOWN_CLIP } from './test-values.js';

// The (operation, status) pairs of the list operations and of deleteClip, produced over
// plain HTTP through the harness's recording fetch (so each response is checked against the
// contract and counted in the coverage matrix).

/** The list operations of the contract. */
export const listOperations = contractOperations.filter((op) => op.method === 'GET' && (op.path.endsWith('/clips') || op.path.endsWith('/clips/saved')));

interface Call {
  ownerId?: string;
  scid?: string;
  gameClipId?: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  authorization?: string;
}

/** The concrete URL of an operation's path with the demo's ids (or those given). */
function urlOf(h: Harness, path: string, call: Call): string {
  const filled = path
    .replace('{ownerId}', call.ownerId ?? 'me')
    .replace('{scid}', call.scid ?? h.demo.scid)
    .replace('{titleId}', String(h.demo.titleId))
    .replace('{gameClipId}', call.gameClipId ?? h.demo.clips.public);
  const query = new URLSearchParams({ ...(path.startsWith('/public/') ? { qualifier: 'created' } : {}), ...call.query });
  return `${h.server.url}${filled}${query.size ? `?${query}` : ''}`;
}

/** The client call that makes a list operation's request: listClips or listPublicClips with the route's scope. */
function clientList(client: GameClipsClient, h: Harness, path: string) {
  const paging = { maxItems: 2, ...(path.endsWith('/saved') ? { saved: true } : {}) };
  if (path.startsWith('/public/scids/')) return client.listPublicClips({ ...paging, scid: h.demo.scid });
  if (path.startsWith('/public/titles/')) return client.listPublicClips({ ...paging, titleId: h.demo.titleId });
  if (path.includes('/scids/')) return client.listClips({ ...paging, scid: h.demo.scid });
  if (path.includes('/titles/')) return client.listClips({ ...paging, titleId: h.demo.titleId });
  return client.listClips(paging);
}

/**
 * Registers the list and delete cases; `harness()` is the suite's harness, `token(xuid)` an
 * Authorization value, `owner()` a client of the demo owner.
 */
export function describeListAndDeleteCases(harness: () => Harness, token: (xuid: string) => Promise<string>, owner: () => GameClipsClient): void {
  async function send(method: string, path: string, call: Call = {}): Promise<{ status: number; body: string }> {
    const h = harness();
    const authorization = call.authorization ?? (await token(h.demo.ownerXuid));
    const response = await h.fetch(urlOf(h, path, call), { method, headers: { Authorization: authorization, 'X-RequestedServiceVersion': '1', ...call.headers } });
    return { status: response.status, body: await response.text() };
  }

  describe.each(listOperations.map((op) => [op.operationId, op.path] as const))('%s', (operationId, path) => {
    it('answers 200 with a page', async () => {
      const { status, body } = await send('GET', path, { query: { maxItems: '2' } });
      expect(status).toBe(200);
      expect(JSON.parse(body)).toMatchObject({ gameClips: expect.any(Array), pagingInfo: expect.any(Object) });
    });

    it('answers 200 to the client method the contract names for it', async () => {
      const h = harness();
      const before = h.coverage.count(operationId, 200);
      const page = await clientList(owner(), h, path);
      expect(page.clips.length).toBeLessThanOrEqual(2);
      expect(h.coverage.count(operationId, 200)).toBe(before + 1);
    });

    it.each<Record<string, string>>([{ maxItems: '0' }, { maxItems: '101' }, { order: 'X' }, { continuationToken: 'not-a-token-of-this-list' }])('answers 400 for %o', async (query) => {
      expect((await send('GET', path, { query })).status).toBe(400);
    });

    it('answers 401 for a token signed with another key', async () => {
      expect((await send('GET', path, { authorization: FOREIGN_AUTHORIZATION })).status).toBe(401);
    });

    // Only a route with {scid} has a 403: the contract declares none on the others.
    if (path.includes('{scid}')) {
      it('answers 403 for a scid that is not the caller scid', async () => {
        expect((await send('GET', path, { scid: OTHER_SCID })).status).toBe(403);
      });
    }

    it('answers 406 for an unsupported version, in either header', async () => {
      expect((await send('GET', path, { headers: { 'X-RequestedServiceVersion': '2' } })).status).toBe(406);
      expect((await send('GET', path, { headers: { 'x-xbl-contract-version': '3' } })).status).toBe(406);
    });

    it.each([503, 429] as const)('answers %i while the server sheds load', async (status) => {
      expect((await harness().shedding(status, () => send('GET', path))).status).toBe(status);
    });
  });

  describe('a continuation token', () => {
    const path = '/users/{ownerId}/clips';
    async function firstToken(): Promise<string> {
      const { status, body } = await send('GET', path, { ownerId: `xuid(${harness().demo.ownerXuid})`, query: { maxItems: '1' } });
      expect(status).toBe(200);
      return JSON.parse(body).pagingInfo.continuationToken as string;
    }

    it('is at most 36 characters and leads to the next page of its own list', async () => {
      const issued = await firstToken();
      expect(issued).toMatch(/^[A-Za-z0-9_-]{1,36}$/);
      const next = await send('GET', path, { ownerId: `xuid(${harness().demo.ownerXuid})`, query: { maxItems: '1', continuationToken: issued } });
      expect(next.status).toBe(200);
    });

    it('is refused with 400 when sent with another query, by another caller, or altered', async () => {
      const h = harness();
      const issued = await firstToken();
      const owner = `xuid(${h.demo.ownerXuid})`;
      const altered = issued.slice(0, -1) + (issued.endsWith('A') ? 'B' : 'A');
      const refusals = [
        await send('GET', path, { ownerId: owner, query: { maxItems: '1', order: 'A', continuationToken: issued } }),
        await send('GET', path, { ownerId: owner, query: { maxItems: '1', qualifier: 'views', continuationToken: issued } }),
        await send('GET', path, { ownerId: owner, query: { maxItems: '1', continuationToken: issued }, authorization: await token(h.demo.otherXuid) }),
        await send('GET', path, { ownerId: owner, query: { maxItems: '1', continuationToken: altered } }),
      ];
      expect(refusals.map((r) => r.status)).toEqual([400, 400, 400, 400]);
      expect(refusals.map((r) => JSON.parse(r.body).errorCode)).toEqual([4005, 4005, 4005, 4005]);
    });
  });

  it("the client's clips() iterator walks, a page of one at a time, the clips of one big page", async () => {
    const walked: string[] = [];
    for await (const clip of owner().clips({ maxItems: 1 })) walked.push(clip.gameClipId);
    const { clips } = await owner().listClips({ maxItems: 100 });
    expect(walked).toEqual(clips.map((c) => c.gameClipId));
    expect(walked.length).toBeGreaterThan(1);
  });

  describe('deleteClip', () => {
    const clipPath = '/users/{ownerId}/scids/{scid}/clips/{gameClipId}';
    let counter = 0;
    async function ownedClip(): Promise<string> {
      counter += 1;
      const gameClipId = `de000000-0000-4000-8000-${counter.toString(16).padStart(12, '0')}`;
      await harness().server.store.insertClips([{ ...demoClips[0]!, gameClipId, rating: 0, ratingCount: 0, views: 0 }]);
      return gameClipId;
    }

    it('answers 204 to the owner, then 404: the clip is gone', async () => {
      const gameClipId = await ownedClip();
      expect((await send('DELETE', clipPath, { gameClipId })).status).toBe(204);
      expect((await send('GET', clipPath, { gameClipId })).status).toBe(404);
      const viaClient = await ownedClip();
      await owner().deleteClip({ scid: harness().demo.scid, gameClipId: viaClient });
      expect((await send('DELETE', clipPath, { gameClipId: viaClient })).status).toBe(404);
    });

    it('answers 400 for a clip id that breaks its pattern', async () => {
      expect((await send('DELETE', clipPath, { gameClipId: 'not-a-clip' })).status).toBe(400);
    });

    it('answers 401 for a token signed with another key', async () => {
      expect((await send('DELETE', clipPath, { gameClipId: await ownedClip(), authorization: FOREIGN_AUTHORIZATION })).status).toBe(401);
    });

    it('answers 403 for another scid, and 403 with 8377 for another user through xuid()', async () => {
      const gameClipId = await ownedClip();
      expect((await send('DELETE', clipPath, { gameClipId, scid: OTHER_SCID })).status).toBe(403);
      const h = harness();
      const viaOther = await send('DELETE', clipPath, { gameClipId, ownerId: `xuid(${h.demo.ownerXuid})`, authorization: await token(h.demo.otherXuid) });
      expect(viaOther.status).toBe(403);
      expect(JSON.parse(viaOther.body).errorCode).toBe(8377);
      expect((await send('GET', clipPath, { gameClipId })).status).toBe(200);
    });

    it('answers 404 for a clip that does not exist, and for a clip of another user', async () => {
      expect((await send('DELETE', clipPath, { gameClipId: UNKNOWN_CLIP })).status).toBe(404);
      const h = harness();
      expect((await send('DELETE', clipPath, { gameClipId: h.demo.clips.othersPublic })).status).toBe(404);
    });

    it('answers 406 for an unsupported service version', async () => {
      expect((await send('DELETE', clipPath, { gameClipId: await ownedClip(), headers: { 'X-RequestedServiceVersion': '2' } })).status).toBe(406);
    });

    it.each([503, 429] as const)('answers %i while the server sheds load', async (status) => {
      const gameClipId = await ownedClip();
      expect((await harness().shedding(status, () => send('DELETE', clipPath, { gameClipId }))).status).toBe(status);
    });
  });
}
