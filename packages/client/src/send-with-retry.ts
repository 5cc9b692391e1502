import { delay } from './delay.js';
import { GameClipsApiError } from './game-clips-api-error.js';
import { GameClipsTimeoutError } from './game-clips-timeout-error.js';
import type { RetryPolicy } from './retry-options.js';
import { leaseTimeout, releaseTimeout } from './shared-timeout.js';

/** What an openapi-fetch call resolves to: `{ data, response }` or `{ error, response }`. */
export interface AttemptResult {
  error?: unknown;
  response: Response;
}

/** How one call is bounded. */
export interface SendOptions {
  /** Retries allowed after 429 or 503 with `Retry-After`. */
  retry: RetryPolicy;
  /** Milliseconds the whole call may take; undefined or Infinity for no limit. */
  timeoutMs: number | undefined;
  /** Cancels the call, a retry wait included. */
  signal: AbortSignal | undefined;
}

// setTimeout fires at once for delays above 2^31 - 1 ms, so longer limits mean "no limit".
const MAX_TIMER_MS = 2_147_483_647;

/**
 * Runs `attempt` until the service answers with a success, retrying only a 429 or 503 with
 * `Retry-After` within the policy and the deadline. Throws `GameClipsApiError` for an error
 * status, `GameClipsTimeoutError` after `timeoutMs`, the signal's reason when it aborts.
 */
export async function sendWithRetry<R extends AttemptResult>(
  attempt: (signal: AbortSignal) => Promise<R>,
  { retry, timeoutMs, signal }: SendOptions,
): Promise<Exclude<R, { error: {} }>> {
  signal?.throwIfAborted();
  const limited = timeoutMs !== undefined && timeoutMs <= MAX_TIMER_MS;
  const deadline = limited ? Date.now() + timeoutMs : Infinity;
  const timeout = limited ? leaseTimeout(timeoutMs) : undefined;
  // With a timeout alone, the call follows the shared signal.
  const controller = signal === undefined && timeout !== undefined ? undefined : new AbortController();
  const callSignal = controller?.signal ?? timeout!.signal;
  const timedOut = () => new GameClipsTimeoutError(timeoutMs!);
  const onAbort = () => controller!.abort(timeout?.signal.aborted ? timedOut() : signal!.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  if (controller) timeout?.signal.addEventListener('abort', onAbort, { once: true });
  let error: GameClipsApiError;
  try {
    for (let retries = 0, waited = 0; ; retries++) {
      const result = await attempt(callSignal);
      if (result.response.ok) return result as Exclude<R, { error: {} }>;
      error = new GameClipsApiError(result.response, result.error);
      const wait = retryWait(error, retries, waited, deadline, retry);
      if (wait === undefined) break;
      await delay(wait, callSignal);
      waited += wait;
    }
  } catch (failure) {
    throw !callSignal.aborted ? failure : controller ? callSignal.reason : timedOut();
  } finally {
    signal?.removeEventListener('abort', onAbort);
    if (timeout) {
      if (controller) timeout.signal.removeEventListener('abort', onAbort);
      releaseTimeout(timeout);
    }
  }
  throw error;
}

/** Milliseconds to wait before retrying after `error`, or undefined when the call must not be retried. */
function retryWait(
  error: GameClipsApiError,
  retries: number,
  waited: number,
  deadline: number,
  policy: RetryPolicy,
): number | undefined {
  if (error.status !== 429 && error.status !== 503) return undefined;
  if (error.retryAfter === undefined || retries >= policy.retries) return undefined;
  const wait = error.retryAfter * 1000;
  if (waited + wait > policy.maxDelayMs || Date.now() + wait >= deadline) return undefined;
  return wait;
}
