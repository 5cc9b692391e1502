import { type RunningServer, startServer } from '@gameclips/server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createGameClipsClient } from './create-game-clips-client.js';
import { GameClipsApiError } from './game-clips-api-error.js';
import type { GameClipsClientSettings } from './game-clips-client-options.js';
import { GameClipsNetworkError } from './game-clips-network-error.js';
import { GameClipsTimeoutError } from './game-clips-timeout-error.js';

// Retries, cancellation and timeouts over real HTTP, with the reference server's fault
// injection (deterministic: rate 0.5 fails every second request). The injected `fetch` only
// counts the requests and passes them on to the real one.

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

/** A client whose requests are counted; `onSend` sees each request as it leaves. */
function countingClient(settings: Partial<GameClipsClientSettings> = {}, onSend?: (request: Request) => void) {
  const sent = { count: 0 };
  const client = createGameClipsClient({
    baseUrl: server.url,
    token,
    ...settings,
    fetch: (request) => {
      sent.count++;
      onSend?.(request);
      return fetch(request);
    },
  });
  return { client, sent };
}

describe('retries against the reference server', () => {
  it('waits Retry-After after a 503 and retries; the failed attempt changed nothing', async () => {
    const { client, sent } = countingClient();
    const { clip: before } = await client.getClip(ref);
    server.setFaults({ rate: 0.5, status: 503, retryAfterSeconds: 1 });
    await client.recordClipView(ref); // the first request passes
    await client.recordClipView(ref); // the second gets 503, the retry passes
    server.setFaults({ rate: 0 });
    expect(sent.count).toBe(1 + 3);
    expect((await client.getClip(ref)).clip.views).toBe(before.views + 2);
  });

  it('retries a 429 with Retry-After too', async () => {
    const { client, sent } = countingClient();
    server.setFaults({ rate: 0.5, status: 429, retryAfterSeconds: 0 });
    await client.getClip(ref);
    const { clip } = await client.getClip(ref);
    expect(clip.gameClipId).toBe(ref.gameClipId);
    expect(sent.count).toBe(3);
  });

  it('gives up after `retries` retries with the last answer', async () => {
    const { client, sent } = countingClient({ retry: { retries: 3 } });
    server.setFaults({ rate: 1, status: 503, retryAfterSeconds: 0 });
    const error = await client.flagClip(ref).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GameClipsApiError);
    expect(error).toMatchObject({ status: 503, retryAfter: 0 });
    expect(sent.count).toBe(4);
  });

  it('does not wait past maxDelayMs nor past the call\'s timeout', async () => {
    server.setFaults({ rate: 1, status: 503, retryAfterSeconds: 5 });
    const budgeted = countingClient({ retry: { maxDelayMs: 4_000 } });
    await expect(budgeted.client.getClip(ref)).rejects.toMatchObject({ status: 503, retryAfter: 5 });
    expect(budgeted.sent.count).toBe(1);

    const hurried = countingClient();
    await expect(hurried.client.getClip({ ...ref, timeoutMs: 3_000 })).rejects.toBeInstanceOf(GameClipsApiError);
    expect(hurried.sent.count).toBe(1);
  });
});

describe('cancellation and timeouts against the reference server', () => {
  it('aborts a request in flight with the signal', async () => {
    server.setFaults({ latencyMs: 1_000 });
    const controller = new AbortController();
    const { client } = countingClient({}, () => setTimeout(() => controller.abort(), 10));
    const error = await client.getClip({ ...ref, signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DOMException);
    expect(error).toMatchObject({ name: 'AbortError' });
  });

  it('aborts a retry wait with the signal, and rejects with its reason', async () => {
    server.setFaults({ rate: 1, status: 503, retryAfterSeconds: 5 });
    const controller = new AbortController();
    const reason = new Error('the player closed the clip');
    const { client, sent } = countingClient({}, () => setTimeout(() => controller.abort(reason), 200));
    await expect(client.recordClipView({ ...ref, signal: controller.signal })).rejects.toBe(reason);
    expect(sent.count).toBe(1);
  });

  it('throws GameClipsTimeoutError when the service is slower than timeoutMs', async () => {
    server.setFaults({ latencyMs: 1_000 });
    const { client } = countingClient({ timeoutMs: 100 });
    const error = await client.getClip(ref).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GameClipsTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 100 });
    await expect(client.rateClip({ ...ref, rating: 3, timeoutMs: 50 })).rejects.toMatchObject({
      name: 'GameClipsTimeoutError',
      timeoutMs: 50,
    });
  });

  it('throws GameClipsNetworkError when nothing listens', async () => {
    const gone = await startServer();
    await gone.close();
    const client = createGameClipsClient({ baseUrl: gone.url, token });
    const error = await client.getClip(ref).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GameClipsNetworkError);
    expect((error as GameClipsNetworkError).cause).toBeInstanceOf(TypeError);
  });
});
