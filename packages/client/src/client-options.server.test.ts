import { errorCodes } from '@gameclips/types';
import { type RunningServer, startServer } from '@gameclips/server';
import type { Middleware } from 'openapi-fetch';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createGameClipsClient } from './create-game-clips-client.js';
import { GameClipsApiError } from './game-clips-api-error.js';
import { GameClipsTokenError } from './game-clips-token-error.js';

// The `headers`, `middleware` and `getToken` options against the reference server: each test
// checks what the server did with the request, and, through an injected `fetch` that passes
// requests on to the real one, what was sent.

let server: RunningServer;
let token: string;
let ref: { scid: string; gameClipId: string };

beforeAll(async () => {
  server = await startServer({ seed: 'demo' });
  ref = { scid: server.demo.scid, gameClipId: server.demo.clips.public };
  token = await server.mintToken({ xuid: server.demo.ownerXuid, scid: server.demo.scid });
});
afterEach(() => server.setFaults({ rate: 0 }));
afterAll(() => server.close());

/** Real fetch that records the headers of each request it sends. */
function recordingFetch() {
  const sent: Headers[] = [];
  const send = (request: Request) => {
    sent.push(new Headers(request.headers));
    return fetch(request);
  };
  return { sent, fetch: send };
}

describe('headers option', () => {
  it('sends its headers with every request, the raw client\'s included', async () => {
    const { sent, fetch } = recordingFetch();
    const headers = { 'MS-CV': 'hUxLo5rqXUmTLm0a.1', 'Accept-Language': 'en-GB' };
    const client = createGameClipsClient({ baseUrl: server.url, token, headers, fetch });
    await client.recordClipView(ref);
    const { clip } = await client.getClip(ref);
    const raw = await client.raw.GET('/users/{ownerId}/scids/{scid}/clips/{gameClipId}', {
      params: { path: { ownerId: 'me', ...ref } },
    });
    expect(raw.data?.gameClip).toEqual(clip);
    expect(sent.map((h) => [h.get('MS-CV'), h.get('Accept-Language')])).toEqual(Array(3).fill(Object.values(headers)));
    expect(sent.map((h) => h.get('Authorization'))).toEqual(Array(3).fill(token));
  });

  it('wins over the headers the client sets', async () => {
    const v2 = createGameClipsClient({ baseUrl: server.url, token, headers: { 'X-RequestedServiceVersion': '2' } });
    const error = await v2.getClip(ref).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GameClipsApiError);
    expect(error).toMatchObject({ status: 406, errorCode: errorCodes.UnsupportedServiceVersion.code });

    const otherToken = await server.mintToken({ xuid: server.demo.otherXuid, scid: server.demo.scid, form: 'bare' });
    const asOther = createGameClipsClient({ baseUrl: server.url, token, headers: new Headers({ Authorization: `Xauth=${otherToken}` }) });
    const ownerOnly = { ownerId: `xuid(${server.demo.ownerXuid})`, scid: ref.scid, gameClipId: server.demo.clips.ownerOnly } as const;
    await expect(asOther.getClip(ownerOnly)).rejects.toMatchObject({ status: 404 });
    await expect(createGameClipsClient({ baseUrl: server.url, token }).getClip(ownerOnly)).resolves.toBeDefined();
  });
});

describe('middleware option', () => {
  it('runs on every attempt, after the client has set its headers, and sees each response', async () => {
    const seen: string[] = [];
    const log: Middleware = {
      onRequest({ request }) {
        seen.push(`${request.method} auth=${request.headers.has('Authorization')} v=${request.headers.get('X-RequestedServiceVersion')}`);
      },
      onResponse({ response }) {
        seen.push(String(response.status));
      },
    };
    const client = createGameClipsClient({ baseUrl: server.url, token, middleware: [log] });
    server.setFaults({ rate: 0.5, status: 503, retryAfterSeconds: 0 });
    await client.getClip(ref); // passes
    await client.getClip(ref); // 503, then the retry passes
    expect(seen).toEqual(['GET auth=true v=1', '200', 'GET auth=true v=1', '503', 'GET auth=true v=1', '200']);
  });

  it('can change the request: a stale If-Match added by middleware makes the write fail with 412', async () => {
    const plain = createGameClipsClient({ baseUrl: server.url, token });
    const before = await plain.getClip(ref);
    const stale: Middleware = {
      onRequest({ request }) {
        if (request.method === 'POST') request.headers.set('If-Match', '"stale"');
      },
    };
    const order: string[] = [];
    const first: Middleware = { onRequest: () => void order.push('first') };
    const second: Middleware = { onRequest: () => void order.push('second') };
    const client = createGameClipsClient({ baseUrl: server.url, token, middleware: [first, stale, second] });
    await expect(client.recordClipView(ref)).rejects.toMatchObject({
      status: 412,
      errorCode: errorCodes.PreconditionFailed.code,
    });
    expect(order).toEqual(['first', 'second']);
    expect(await plain.getClip(ref)).toEqual(before);
  });
});

describe('getToken option', () => {
  it('surfaces a throwing getToken as GameClipsTokenError, sending nothing', async () => {
    const { sent, fetch } = recordingFetch();
    let signedIn = true;
    const getToken = () => {
      if (!signedIn) throw new Error('the session ended');
      return token;
    };
    const client = createGameClipsClient({ baseUrl: server.url, getToken, fetch });
    await client.getClip(ref);
    signedIn = false;
    const error = await client.getClip(ref).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GameClipsTokenError);
    expect(error).toMatchObject({ message: 'getToken failed: the session ended', cause: new Error('the session ended') });
    expect(sent).toHaveLength(1);
  });
});
