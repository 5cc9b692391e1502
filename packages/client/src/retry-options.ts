/** When the client tries a call again: only after a 429 or 503 that carries `Retry-After`. */
export interface RetryOptions {
  /** Most retries after the first attempt (default 2). */
  retries?: number | undefined;
  /** Most milliseconds spent waiting between attempts of one call, summed (default 10 000); a wait that would pass it is not made. */
  maxDelayMs?: number | undefined;
}

/** Retry options with their defaults applied. */
export type RetryPolicy = { [K in keyof RetryOptions]-?: NonNullable<RetryOptions[K]> };

/** The retry policy from the client's `retry` option; `false` never retries. */
export function retryPolicy(retry: RetryOptions | false | undefined): RetryPolicy {
  if (retry === false) return { retries: 0, maxDelayMs: 0 };
  return { retries: retry?.retries ?? 2, maxDelayMs: retry?.maxDelayMs ?? 10_000 };
}
