import { type RunningServer, startServer } from '@gameclips/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGameClipsClient, GameClipsError, GameClipsResponseError } from '@gameclips/client';

// A response without `ETag`, as a proxy or a browser's CORS rules leave it: the injected
// `fetch` passes each request to the reference server and drops the header from its answer.

let server: RunningServer;
let token: string;
let ref: { scid: string; gameClipId: string };

/** Real fetch, with the `ETag` header removed from every answer. */
async function fetchWithoutEtag(request: Request): Promise<Response> {
  const response = await fetch(request);
  const headers = new Headers(response.headers);
  headers.delete('ETag');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

beforeAll(async () => {
  server = await startServer({ seed: 'demo' });
  ref = { scid: server.demo.scid, gameClipId: server.demo.clips.fresh };
  token = await server.mintToken({ xuid: server.demo.ownerXuid, scid: server.demo.scid });
});
afterAll(() => server.close());

describe('a response without ETag', () => {
  it('makes getClip throw GameClipsResponseError naming Access-Control-Expose-Headers', async () => {
    const client = createGameClipsClient({ baseUrl: server.url, token, fetch: fetchWithoutEtag });
    const error = await client.getClip(ref).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GameClipsResponseError);
    expect(error).toBeInstanceOf(GameClipsError);
    expect(error).toMatchObject({ name: 'GameClipsResponseError', message: expect.stringContaining('no ETag header') });
    expect((error as Error).message).toContain('Access-Control-Expose-Headers');
    expect((error as GameClipsResponseError).response.status).toBe(200);
  });

  it('gives a read the ETag when the header is there', async () => {
    const client = createGameClipsClient({ baseUrl: server.url, token });
    expect((await client.getClip(ref)).etag).toMatch(/^".+"$/);
  });

  it('lets a write resolve with etag undefined: the write took effect all the same', async () => {
    const plain = createGameClipsClient({ baseUrl: server.url, token });
    const before = await plain.getClip(ref);
    const client = createGameClipsClient({ baseUrl: server.url, token, fetch: fetchWithoutEtag });
    expect(await client.recordClipView(ref)).toEqual({ etag: undefined });
    const after = await plain.getClip(ref);
    expect(after.clip.views).toBe(before.clip.views + 1);
    // A view leaves the ETag as it is: it covers the owner's metadata only.
    expect(after.etag).toBe(before.etag);
  });
});
