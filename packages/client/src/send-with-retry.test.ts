import { describe, expect, it, vi } from 'vitest';
import { GameClipsApiError } from './game-clips-api-error.js';
import { GameClipsTimeoutError } from './game-clips-timeout-error.js';
import { retryPolicy } from './retry-options.js';
import { type AttemptResult, type SendOptions, sendWithRetry } from './send-with-retry.js';

// sendWithRetry on scripted answers; over real HTTP in the contract tests (src/client/send-with-retry.server.test.ts).

const defaults: SendOptions = { retry: retryPolicy(undefined), timeoutMs: undefined, signal: undefined };

function answer(status: number, headers: Record<string, string> = {}): AttemptResult {
  const error = status < 400 ? undefined : { errorCode: status * 10, errorMessage: `status ${status}` };
  return { error, response: new Response(null, { status, headers }) };
}

/** An attempt function answering with the scripted results in turn. */
function scripted(...answers: (AttemptResult | ((signal: AbortSignal) => Promise<AttemptResult>))[]) {
  return vi.fn(async (signal: AbortSignal) => {
    const next = answers.shift();
    if (next === undefined) throw new Error('no more answers');
    return typeof next === 'function' ? next(signal) : next;
  });
}

/** An attempt that settles only when its signal aborts. */
const hang = (signal: AbortSignal) =>
  new Promise<AttemptResult>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));

const busy = (status = 503, retryAfter = '0') => answer(status, { 'Retry-After': retryAfter });

describe('sendWithRetry', () => {
  it('resolves to the first success', async () => {
    const success = answer(200);
    const attempt = scripted(success);
    expect(await sendWithRetry(attempt, defaults)).toBe(success);
    expect(attempt).toHaveBeenCalledTimes(1);
  });

  it('retries a 429 or 503 that carries Retry-After', async () => {
    const attempt = scripted(busy(503), busy(429), answer(200));
    expect((await sendWithRetry(attempt, defaults)).response.status).toBe(200);
    expect(attempt).toHaveBeenCalledTimes(3);
  });

  it('does not retry without Retry-After, nor any other status', async () => {
    for (const result of [answer(503), answer(429), busy(500), busy(502), busy(404)]) {
      const attempt = scripted(result);
      const error = await sendWithRetry(attempt, defaults).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GameClipsApiError);
      expect(error).toMatchObject({ status: result.response.status });
      expect(attempt).toHaveBeenCalledTimes(1);
    }
  });

  it('stops after `retries` retries and throws the last answer', async () => {
    const attempt = scripted(busy(), busy(), busy(), answer(200));
    const retry = retryPolicy({ retries: 2 });
    await expect(sendWithRetry(attempt, { ...defaults, retry })).rejects.toMatchObject({ status: 503, retryAfter: 0 });
    expect(attempt).toHaveBeenCalledTimes(3);
  });

  it('never retries with retry: false', async () => {
    const attempt = scripted(busy(), answer(200));
    await expect(sendWithRetry(attempt, { ...defaults, retry: retryPolicy(false) })).rejects.toMatchObject({ status: 503 });
    expect(attempt).toHaveBeenCalledTimes(1);
  });

  it('does not make a wait that would pass maxDelayMs or the deadline', async () => {
    const byBudget = scripted(busy(429, '5'), answer(200));
    const retry = retryPolicy({ maxDelayMs: 4_999 });
    await expect(sendWithRetry(byBudget, { ...defaults, retry })).rejects.toMatchObject({ status: 429, retryAfter: 5 });
    expect(byBudget).toHaveBeenCalledTimes(1);

    const byDeadline = scripted(busy(503, '5'), answer(200));
    const error = await sendWithRetry(byDeadline, { ...defaults, timeoutMs: 4_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GameClipsApiError);
    expect(byDeadline).toHaveBeenCalledTimes(1);
  });

  it('rejects at once with the reason of an already aborted signal', async () => {
    const attempt = scripted(answer(200));
    const reason = new Error('user left');
    await expect(sendWithRetry(attempt, { ...defaults, signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(attempt).not.toHaveBeenCalled();
  });

  it('aborts an attempt in flight with the signal', async () => {
    const controller = new AbortController();
    const attempt = scripted((signal) => {
      queueMicrotask(() => controller.abort());
      return hang(signal);
    });
    const error = await sendWithRetry(attempt, { ...defaults, signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DOMException);
    expect(error).toMatchObject({ name: 'AbortError' });
  });

  it('aborts a retry wait with the signal', async () => {
    const controller = new AbortController();
    const attempt = scripted(async () => {
      setTimeout(() => controller.abort('stop'), 0);
      return busy(503, '5');
    });
    await expect(sendWithRetry(attempt, { ...defaults, signal: controller.signal })).rejects.toBe('stop');
    expect(attempt).toHaveBeenCalledTimes(1);
  });

  it('throws GameClipsTimeoutError when the call passes timeoutMs', async () => {
    const error = await sendWithRetry(scripted(hang), { ...defaults, timeoutMs: 20 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GameClipsTimeoutError);
    expect(error).toMatchObject({ name: 'GameClipsTimeoutError', timeoutMs: 20 });
  });

  it('rejects each call that times out with its own GameClipsTimeoutError, though the calls share a signal', async () => {
    const signals: AbortSignal[] = [];
    const hangs = (signal: AbortSignal) => (signals.push(signal), hang(signal));
    const options = { ...defaults, timeoutMs: 640 };
    const errors = await Promise.all([sendWithRetry(hangs, options), sendWithRetry(hangs, options)].map((call) => call.catch((e: unknown) => e)));
    expect(signals[1]).toBe(signals[0]);
    expect(errors[0]).toBeInstanceOf(GameClipsTimeoutError);
    expect(errors[1]).toBeInstanceOf(GameClipsTimeoutError);
    expect(errors[1]).not.toBe(errors[0]);
  });

  it('times out a call that also has a signal', async () => {
    const controller = new AbortController();
    const error = await sendWithRetry(scripted(hang), { ...defaults, signal: controller.signal, timeoutMs: 20 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'GameClipsTimeoutError', timeoutMs: 20 });
    expect(controller.signal.aborted).toBe(false);
  });

  it('sets no timer for an unlimited or too long timeout', async () => {
    for (const timeoutMs of [undefined, Infinity, 2 ** 31]) {
      const setTimeoutSpy = vi.spyOn(globalThis, 'setTimeout');
      await sendWithRetry(scripted(answer(200)), { ...defaults, timeoutMs });
      expect(setTimeoutSpy).not.toHaveBeenCalled();
      setTimeoutSpy.mockRestore();
    }
  });
});
