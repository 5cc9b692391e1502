import { errorCodes } from '@gameclips/types';
import { createGameClipsClient, GameClipsApiError, GameClipsTokenError, type Middleware } from '@gameclips/client';
import { describe, expect, it } from 'vitest';
import { useDemoServer } from './demo-server.fixture.js';

// The `headers`, `middleware` and `getToken` options against the reference server: each test
// checks what the server did with the request, and, through an injected `fetch` that passes
// requests on to the real one, what was sent.

const demo = useDemoServer();

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
    const client = createGameClipsClient({ baseUrl: demo.server.url, token: demo.token, headers, fetch });
    await client.recordClipView(demo.ref);
    const { clip } = await client.getClip(demo.ref);
    const raw = await client.raw.GET('/users/{ownerId}/scids/{scid}/clips/{gameClipId}', {
      params: { path: { ownerId: 'me', ...demo.ref } },
    });
    expect(raw.data?.gameClip).toEqual(clip);
    expect(sent.map((h) => [h.get('MS-CV'), h.get('Accept-Language')])).toEqual(Array(3).fill(Object.values(headers)));
    expect(sent.map((h) => h.get('Authorization'))).toEqual(Array(3).fill(demo.token));
  });

  it('wins over the headers the client sets', async () => {
    const v2 = createGameClipsClient({ baseUrl: demo.server.url, token: demo.token, headers: { 'X-RequestedServiceVersion': '2' } });
    const error = await v2.getClip(demo.ref).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GameClipsApiError);
    expect(error).toMatchObject({ status: 406, errorCode: errorCodes.UnsupportedServiceVersion.code });

    const otherToken = await demo.server.mintToken({ xuid: demo.server.demo.otherXuid, scid: demo.server.demo.scid, form: 'bare' });
    const asOther = createGameClipsClient({ baseUrl: demo.server.url, token: demo.token, headers: new Headers({ Authorization: `Xauth=${otherToken}` }) });
    const ownerOnly = { ownerId: `xuid(${demo.server.demo.ownerXuid})`, scid: demo.ref.scid, gameClipId: demo.server.demo.clips.ownerOnly } as const;
    await expect(asOther.getClip(ownerOnly)).rejects.toMatchObject({ status: 404 });
    await expect(createGameClipsClient({ baseUrl: demo.server.url, token: demo.token }).getClip(ownerOnly)).resolves.toBeDefined();
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
    const client = createGameClipsClient({ baseUrl: demo.server.url, token: demo.token, middleware: [log] });
    demo.server.setFaults({ rate: 0.5, status: 503, retryAfterSeconds: 0 });
    await client.getClip(demo.ref); // passes
    await client.getClip(demo.ref); // 503, then the retry passes
    expect(seen).toEqual(['GET auth=true v=1', '200', 'GET auth=true v=1', '503', 'GET auth=true v=1', '200']);
  });

  it('can change the request: a stale If-Match added by middleware makes the write fail with 412', async () => {
    const plain = createGameClipsClient({ baseUrl: demo.server.url, token: demo.token });
    const before = await plain.getClip(demo.ref);
    const stale: Middleware = {
      onRequest({ request }) {
        if (request.method === 'POST') request.headers.set('If-Match', '"stale"');
      },
    };
    const order: string[] = [];
    const first: Middleware = { onRequest: () => void order.push('first') };
    const second: Middleware = { onRequest: () => void order.push('second') };
    const client = createGameClipsClient({ baseUrl: demo.server.url, token: demo.token, middleware: [first, stale, second] });
    await expect(client.recordClipView(demo.ref)).rejects.toMatchObject({
      status: 412,
      errorCode: errorCodes.PreconditionFailed.code,
    });
    expect(order).toEqual(['first', 'second']);
    expect(await plain.getClip(demo.ref)).toEqual(before);
  });
});

describe('getToken option', () => {
  it('surfaces a throwing getToken as GameClipsTokenError, sending nothing', async () => {
    const { sent, fetch } = recordingFetch();
    let signedIn = true;
    const getToken = () => {
      if (!signedIn) throw new Error('the session ended');
      return demo.token;
    };
    const client = createGameClipsClient({ baseUrl: demo.server.url, getToken, fetch });
    await client.getClip(demo.ref);
    signedIn = false;
    const error = await client.getClip(demo.ref).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GameClipsTokenError);
    expect(error).toMatchObject({ message: 'getToken failed: the session ended', cause: new Error('the session ended') });
    expect(sent).toHaveLength(1);
  });
});
