import type { GameClip } from '@gameclips/types';
import { describe, expect, it, vi } from 'vitest';
import { createGameClipsClient } from './create-game-clips-client.js';
import { GameClipsApiError } from './game-clips-api-error.js';
import { GameClipsError } from './game-clips-error.js';
import { GameClipsNetworkError } from './game-clips-network-error.js';
import { GameClipsTimeoutError } from './game-clips-timeout-error.js';
import { GameClipsTokenError } from './game-clips-token-error.js';
import { sampleClip } from './sample-clip.fixture.js';

// Unit tests: `fetch` is injected (the client's documented seam) and answers from a script.
// The same behaviour is tested over real HTTP in the contract tests (src/client/).

const baseUrl = 'https://clips.example.test';
const scid = '00000000-0000-0000-0000-00007a3b9c1d';
const gameClipId = '7c9b4a3e-8f2d-4e1a-9b6c-2d5f8e7a1c30-000';
const clipUrl = `${baseUrl}/users/me/scids/${scid}/clips/${gameClipId}`;

const clip: GameClip = sampleClip({ scid, gameClipId });

type Answer = Response | ((request: Request) => Response | Promise<Response>);

/** A fetch that records each request and answers with the next scripted answer. */
function scriptedFetch(...answers: Answer[]) {
  const requests: Request[] = [];
  const fetch = vi.fn(async (request: Request) => {
    requests.push(request);
    const answer = answers.shift();
    if (answer === undefined) throw new Error(`unexpected request ${request.method} ${request.url}`);
    return typeof answer === 'function' ? answer(request) : answer;
  });
  return { fetch, requests };
}

function ok(etag = '"e1"', body?: unknown): Response {
  return body === undefined
    ? new Response(null, { status: 200, headers: { ETag: etag } })
    : Response.json(body, { status: 200, headers: { ETag: etag } });
}

function failure(status: number, errorCode: number | null, headers: Record<string, string> = {}): Response {
  return Response.json({ errorCode, errorMessage: `failed with ${status}` }, { status, headers });
}

/** A fetch answer that never settles until the request is aborted. */
function hang(request: Request): Promise<Response> {
  return new Promise((_, reject) => {
    request.signal.addEventListener('abort', () => reject(request.signal.reason), { once: true });
  });
}

describe('createGameClipsClient', () => {
  it('sends the version, Accept and a wrapped bare token on every request', async () => {
    const { fetch, requests } = scriptedFetch(ok('"e1"', { gameClip: clip }));
    const client = createGameClipsClient({ baseUrl, token: 'eyJ.bare.token', fetch });
    const result = await client.getClip({ scid, gameClipId });
    expect(result).toEqual({ clip, etag: '"e1"' });
    const [request] = requests;
    expect(request?.method).toBe('GET');
    expect(request?.url).toBe(clipUrl);
    expect(request?.headers.get('X-RequestedServiceVersion')).toBe('1');
    expect(request?.headers.get('Accept')).toBe('application/json');
    expect(request?.headers.get('Authorization')).toBe('Xauth=eyJ.bare.token');
  });

  it('sends a full Authorization value as it is, and wraps a bare one as XBL3.0 when asked', async () => {
    const full = scriptedFetch(ok());
    await createGameClipsClient({ baseUrl, token: 'XBL3.0 x=42;eyJ.a.b', fetch: full.fetch }).flagClip({ scid, gameClipId });
    expect(full.requests[0]?.headers.get('Authorization')).toBe('XBL3.0 x=42;eyJ.a.b');

    const xbl3 = scriptedFetch(ok());
    const options = { baseUrl, token: 'eyJ.a.b', authScheme: 'xbl3', userHash: '1234', fetch: xbl3.fetch } as const;
    await createGameClipsClient(options).flagClip({ scid, gameClipId });
    expect(xbl3.requests[0]?.headers.get('Authorization')).toBe('XBL3.0 x=1234;eyJ.a.b');
  });

  it('asks getToken for a token before every attempt', async () => {
    const { fetch, requests } = scriptedFetch(failure(503, 5030, { 'Retry-After': '0' }), ok());
    let n = 0;
    const getToken = async () => `token-${++n}`;
    await createGameClipsClient({ baseUrl, getToken, fetch }).recordClipView({ scid, gameClipId });
    expect(requests.map((r) => r.headers.get('Authorization'))).toEqual(['Xauth=token-1', 'Xauth=token-2']);
  });

  it('sends the configured service version', async () => {
    const { fetch, requests } = scriptedFetch(ok());
    await createGameClipsClient({ baseUrl, token: 't', serviceVersion: '2', fetch }).flagClip({ scid, gameClipId });
    expect(requests[0]?.headers.get('X-RequestedServiceVersion')).toBe('2');
  });

  it('posts each write to its route and resolves to the new ETag', async () => {
    const { fetch, requests } = scriptedFetch(ok('"u"'), ok('"r"'), ok('"f"'), ok('"v"'));
    const client = createGameClipsClient({ baseUrl, token: 't', fetch });
    const owner = { ownerId: 'xuid(2533274790395904)', scid, gameClipId } as const;
    expect(await client.updateClipMetadata({ ...owner, body: { userCaption: 'GG', visibility: 'Owner' } })).toEqual({
      etag: '"u"',
    });
    expect(await client.rateClip({ scid, gameClipId, rating: 4 })).toEqual({ etag: '"r"' });
    expect(await client.flagClip({ scid, gameClipId })).toEqual({ etag: '"f"' });
    expect(await client.recordClipView({ scid, gameClipId })).toEqual({ etag: '"v"' });

    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      `POST ${baseUrl}/users/xuid(2533274790395904)/scids/${scid}/clips/${gameClipId}`,
      `POST ${clipUrl}/ratings/4`,
      `POST ${clipUrl}/flag`,
      `POST ${clipUrl}/views`,
    ]);
    expect(requests[0]?.headers.get('Content-Type')).toBe('application/json');
    expect(await requests[0]?.json()).toEqual({ userCaption: 'GG', visibility: 'Owner' });
    expect(requests[1]?.body).toBeNull();
  });

  it('sends If-Match only when ifMatch is given', async () => {
    const { fetch, requests } = scriptedFetch(ok(), ok());
    const client = createGameClipsClient({ baseUrl, token: 't', fetch });
    await client.rateClip({ scid, gameClipId, rating: 5, ifMatch: '"e1"' });
    await client.rateClip({ scid, gameClipId, rating: 5 });
    expect(requests.map((r) => r.headers.get('If-Match'))).toEqual(['"e1"', null]);
  });

  it('throws GameClipsApiError with the fields of the ServiceErrorResponse', async () => {
    const { fetch } = scriptedFetch(failure(403, 8377));
    const client = createGameClipsClient({ baseUrl, token: 't', fetch });
    const error = await client
      .updateClipMetadata({ ownerId: 'xuid(1)', scid, gameClipId, body: { userCaption: 'x' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GameClipsApiError);
    expect(error).toBeInstanceOf(GameClipsError);
    expect(error).toMatchObject({
      name: 'GameClipsApiError',
      status: 403,
      errorCode: 8377,
      errorMessage: 'failed with 403',
      retryAfter: undefined,
      message: '403 (errorCode 8377): failed with 403',
    });
    expect((error as GameClipsApiError).response.status).toBe(403);
  });

  it('reads an error that is not a ServiceErrorResponse', async () => {
    const { fetch } = scriptedFetch(
      new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }),
      new Response(null, { status: 500, statusText: 'Internal Server Error' }),
    );
    const client = createGameClipsClient({ baseUrl, token: 't', fetch });
    await expect(client.flagClip({ scid, gameClipId })).rejects.toMatchObject({
      status: 502,
      errorCode: null,
      errorMessage: '<html>Bad gateway</html>',
    });
    await expect(client.flagClip({ scid, gameClipId })).rejects.toMatchObject({
      status: 500,
      errorCode: null,
      errorMessage: 'Internal Server Error',
    });
  });

  it('throws GameClipsNetworkError, with the cause, when the service cannot be reached', async () => {
    const cause = new TypeError('fetch failed');
    const fetch = async () => {
      throw cause;
    };
    const error = await createGameClipsClient({ baseUrl, token: 't', fetch })
      .getClip({ scid, gameClipId })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GameClipsNetworkError);
    expect(error).toMatchObject({ name: 'GameClipsNetworkError', cause });
    expect(error).not.toBeInstanceOf(GameClipsApiError);
  });

  it('throws GameClipsTokenError, with the cause, when getToken throws, and sends nothing', async () => {
    const failing = new Error('no session');
    const { fetch } = scriptedFetch();
    const rejecting = createGameClipsClient({ baseUrl, getToken: async () => Promise.reject(failing), fetch });
    const error = await rejecting.flagClip({ scid, gameClipId }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GameClipsTokenError);
    expect(error).toBeInstanceOf(GameClipsError);
    expect(error).toMatchObject({ name: 'GameClipsTokenError', message: 'getToken failed: no session', cause: failing });

    const throwing = createGameClipsClient({
      baseUrl,
      getToken: () => {
        throw 'signed out';
      },
      fetch,
    });
    await expect(throwing.getClip({ scid, gameClipId })).rejects.toMatchObject({
      name: 'GameClipsTokenError',
      message: 'getToken failed: signed out',
      cause: 'signed out',
    });
    await expect(throwing.raw.GET('/users/{ownerId}/scids/{scid}/clips/{gameClipId}', {
      params: { path: { ownerId: 'me', scid, gameClipId } },
    })).rejects.toBeInstanceOf(GameClipsTokenError);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('sets errorCode only to a code of the contract\'s table, and keeps any other in the message', async () => {
    const { fetch } = scriptedFetch(failure(500, 9999));
    const error = await createGameClipsClient({ baseUrl, token: 't', fetch })
      .flagClip({ scid, gameClipId })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 500, errorCode: null, message: '500 (errorCode 9999): failed with 500' });
  });
});

describe('middleware', () => {
  it('lets an error it throws through unchanged, and sees a network error as GameClipsNetworkError', async () => {
    const mine = new Error('refused by policy');
    const { fetch } = scriptedFetch();
    const refusing = createGameClipsClient({ baseUrl, token: 't', fetch, middleware: [{ onRequest: () => Promise.reject(mine) }] });
    await expect(refusing.getClip({ scid, gameClipId })).rejects.toBe(mine);
    expect(fetch).not.toHaveBeenCalled();

    const seen: unknown[] = [];
    const unreachable = createGameClipsClient({
      baseUrl,
      token: 't',
      fetch: () => Promise.reject(new TypeError('fetch failed')),
      middleware: [{ onError: ({ error }) => void seen.push(error) }],
    });
    await expect(unreachable.getClip({ scid, gameClipId })).rejects.toBeInstanceOf(GameClipsNetworkError);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeInstanceOf(GameClipsNetworkError);
  });
});

describe('retries and timeouts', () => {
  // sendWithRetry's own tests (send-with-retry.test.ts) cover the policy; these check the wiring.
  it('retries with the client\'s policy and resends the same body', async () => {
    const { fetch, requests } = scriptedFetch(failure(503, 5030, { 'Retry-After': '0' }), ok('"after"'));
    const client = createGameClipsClient({ baseUrl, token: 't', fetch });
    expect(await client.updateClipMetadata({ scid, gameClipId, body: { titleData: '{"a":1}' } })).toEqual({ etag: '"after"' });
    expect(await Promise.all(requests.map((r) => r.json()))).toEqual([{ titleData: '{"a":1}' }, { titleData: '{"a":1}' }]);

    const once = scriptedFetch(failure(503, 5030, { 'Retry-After': '0' }));
    const noRetry = createGameClipsClient({ baseUrl, token: 't', fetch: once.fetch, retry: false });
    await expect(noRetry.flagClip({ scid, gameClipId })).rejects.toMatchObject({ status: 503, retryAfter: 0 });
    expect(once.fetch).toHaveBeenCalledTimes(1);
  });

  it('passes the call\'s signal, and times out per client or per call', async () => {
    const { fetch } = scriptedFetch(hang, hang, hang);
    const client = createGameClipsClient({ baseUrl, token: 't', fetch, timeoutMs: 20 });
    await expect(client.getClip({ scid, gameClipId })).rejects.toMatchObject({ name: 'GameClipsTimeoutError', timeoutMs: 20 });
    const error = await client.getClip({ scid, gameClipId, timeoutMs: 10 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GameClipsTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 10 });
    const reason = new Error('user left');
    const controller = new AbortController();
    setTimeout(() => controller.abort(reason), 0);
    await expect(client.getClip({ scid, gameClipId, signal: controller.signal, timeoutMs: 5_000 })).rejects.toBe(reason);
  });

  it('leaves a download\'s body readable after calls started with it time out', async () => {
    // The calls share a timeout signal (a slice of 10 ms); the download's request must not follow it.
    let finish = () => {};
    const fetch = async (request: Request) => {
      if (request.method !== 'GET' || !request.url.endsWith('.mp4')) return hang(request);
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new Uint8Array([1, 2, 3]));
          finish = () => controller.close();
          request.signal.addEventListener('abort', () => controller.error(request.signal.reason), { once: true });
        },
      });
      return new Response(body, { headers: { 'Content-Type': 'video/mp4', 'Content-Length': '3' } });
    };
    const client = createGameClipsClient({ baseUrl, token: 't', fetch, timeoutMs: 640 });
    const timedOut = client.getClip({ scid, gameClipId }).catch((e: unknown) => e);
    const download = await client.downloadClip({ uri: 'https://clips.example.test/clip.mp4' });
    expect(await timedOut).toBeInstanceOf(GameClipsTimeoutError);
    finish();
    expect(await download.bytes()).toEqual(new Uint8Array([1, 2, 3]));
  });
});

describe('raw', () => {
  it('is the openapi-fetch client: errors are values, headers are added', async () => {
    const { fetch, requests } = scriptedFetch(failure(404, 4040));
    const client = createGameClipsClient({ baseUrl, token: 't', fetch });
    const { data, error, response } = await client.raw.GET('/users/{ownerId}/scids/{scid}/clips/{gameClipId}', {
      params: { path: { ownerId: 'me', scid, gameClipId } },
    });
    expect(data).toBeUndefined();
    expect(error).toEqual({ errorCode: 4040, errorMessage: 'failed with 404' });
    expect(response.status).toBe(404);
    expect(requests[0]?.headers.get('Authorization')).toBe('Xauth=t');
    expect(requests[0]?.headers.get('X-RequestedServiceVersion')).toBe('1');
  });
});
