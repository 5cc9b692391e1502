import { startServer } from '@gameclips/server';
import { describe, expect, it } from 'vitest';
import { useDemoServer } from './demo-server.fixture.js';
import { createGameClipsClient, GameClipsApiError, type GameClipsClientSettings, GameClipsNetworkError, GameClipsTimeoutError } from '@gameclips/client';

// Retries, cancellation and timeouts over real HTTP, with the reference server's fault
// injection (deterministic: rate 0.5 fails every second request). The injected `fetch` only
// counts the requests and passes them on to the real one.

const demo = useDemoServer();

/** A client whose requests are counted; `onSend` sees each request as it leaves. */
function countingClient(settings: Partial<GameClipsClientSettings> = {}, onSend?: (request: Request) => void) {
  const sent = { count: 0 };
  const client = createGameClipsClient({
    baseUrl: demo.server.url,
    token: demo.token,
    ...settings,
    fetch: (request) => {
      sent.count++;
      onSend?.(request);
      return fetch(request);
    },
  });
  return { client, sent };
}

describe('retries against the reference demo.server', () => {
  it('waits Retry-After after a 503 and retries; the failed attempt changed nothing', async () => {
    const { client, sent } = countingClient();
    const { clip: before } = await client.getClip(demo.ref);
    demo.server.setFaults({ rate: 0.5, status: 503, retryAfterSeconds: 1 });
    await client.recordClipView(demo.ref); // the first request passes
    await client.recordClipView(demo.ref); // the second gets 503, the retry passes
    demo.server.setFaults({ rate: 0 });
    expect(sent.count).toBe(1 + 3);
    expect((await client.getClip(demo.ref)).clip.views).toBe(before.views + 2);
  });

  it('retries a 429 with Retry-After too', async () => {
    const { client, sent } = countingClient();
    demo.server.setFaults({ rate: 0.5, status: 429, retryAfterSeconds: 0 });
    await client.getClip(demo.ref);
    const { clip } = await client.getClip(demo.ref);
    expect(clip.gameClipId).toBe(demo.ref.gameClipId);
    expect(sent.count).toBe(3);
  });

  it('gives up after `retries` retries with the last answer', async () => {
    const { client, sent } = countingClient({ retry: { retries: 3 } });
    demo.server.setFaults({ rate: 1, status: 503, retryAfterSeconds: 0 });
    const error = await client.flagClip(demo.ref).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GameClipsApiError);
    expect(error).toMatchObject({ status: 503, retryAfter: 0 });
    expect(sent.count).toBe(4);
  });

  it('does not wait past maxDelayMs nor past the call\'s timeout', async () => {
    demo.server.setFaults({ rate: 1, status: 503, retryAfterSeconds: 5 });
    const budgeted = countingClient({ retry: { maxDelayMs: 4_000 } });
    await expect(budgeted.client.getClip(demo.ref)).rejects.toMatchObject({ status: 503, retryAfter: 5 });
    expect(budgeted.sent.count).toBe(1);

    const hurried = countingClient();
    await expect(hurried.client.getClip({ ...demo.ref, timeoutMs: 3_000 })).rejects.toBeInstanceOf(GameClipsApiError);
    expect(hurried.sent.count).toBe(1);
  });
});

describe('cancellation and timeouts against the reference demo.server', () => {
  it('aborts a request in flight with the signal', async () => {
    demo.server.setFaults({ latencyMs: 1_000 });
    const controller = new AbortController();
    const { client } = countingClient({}, () => setTimeout(() => controller.abort(), 10));
    const error = await client.getClip({ ...demo.ref, signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DOMException);
    expect(error).toMatchObject({ name: 'AbortError' });
  });

  it('aborts a retry wait with the signal, and rejects with its reason', async () => {
    demo.server.setFaults({ rate: 1, status: 503, retryAfterSeconds: 5 });
    const controller = new AbortController();
    const reason = new Error('the player closed the clip');
    const { client, sent } = countingClient({}, () => setTimeout(() => controller.abort(reason), 200));
    await expect(client.recordClipView({ ...demo.ref, signal: controller.signal })).rejects.toBe(reason);
    expect(sent.count).toBe(1);
  });

  it('throws GameClipsTimeoutError when the service is slower than timeoutMs', async () => {
    demo.server.setFaults({ latencyMs: 1_000 });
    const { client } = countingClient({ timeoutMs: 100 });
    const error = await client.getClip(demo.ref).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GameClipsTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 100 });
    await expect(client.rateClip({ ...demo.ref, rating: 3, timeoutMs: 50 })).rejects.toMatchObject({
      name: 'GameClipsTimeoutError',
      timeoutMs: 50,
    });
  });

  it('aborts and times out with the global fetch, which is given the signal the request holds', async () => {
    demo.server.setFaults({ latencyMs: 1_000 });
    const client = createGameClipsClient({ baseUrl: demo.server.url, token: demo.token, timeoutMs: 100 });
    await expect(client.getClip(demo.ref)).rejects.toMatchObject({ name: 'GameClipsTimeoutError', timeoutMs: 100 });
    const reason = new Error('the player closed the clip');
    const controller = new AbortController();
    setTimeout(() => controller.abort(reason), 10);
    await expect(client.recordClipView({ ...demo.ref, signal: controller.signal, timeoutMs: 5_000 })).rejects.toBe(reason);
    const { error } = await client.raw.GET('/users/{ownerId}/scids/{scid}/clips/{gameClipId}', {
      params: { path: { ownerId: 'me', ...demo.ref } },
      signal: AbortSignal.abort(reason),
    }).catch((e: unknown) => ({ error: e }));
    expect(error).toBe(reason);
  });

  it('times out with the global fetch when middleware replaces the request', async () => {
    demo.server.setFaults({ latencyMs: 1_000 });
    const replace = { onRequest: ({ request }: { request: Request }) => new Request(request) };
    const client = createGameClipsClient({ baseUrl: demo.server.url, token: demo.token, timeoutMs: 100, middleware: [replace] });
    await expect(client.getClip(demo.ref)).rejects.toMatchObject({ name: 'GameClipsTimeoutError', timeoutMs: 100 });
  });

  it('throws GameClipsNetworkError when nothing listens', async () => {
    const gone = await startServer();
    await gone.close();
    const client = createGameClipsClient({ baseUrl: gone.url, token: demo.token });
    const error = await client.getClip(demo.ref).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GameClipsNetworkError);
    expect((error as GameClipsNetworkError).cause).toBeInstanceOf(TypeError);
  });
});
