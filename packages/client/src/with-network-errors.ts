import { GameClipsNetworkError } from './game-clips-network-error.js';

/** A `fetch` as openapi-fetch calls it: one `Request` in, its `Response` out. */
export type FetchFunction = (request: Request) => Promise<Response>;

/**
 * Wraps `fetch` so that a failure to reach the service rejects with `GameClipsNetworkError`;
 * a cancelled request still rejects with its signal's reason.
 */
export function withNetworkErrors(fetch: FetchFunction | undefined): FetchFunction {
  return async (request) => {
    const send = fetch ?? globalThis.fetch;
    try {
      return await send(request);
    } catch (cause) {
      if (request.signal.aborted) throw request.signal.reason;
      throw new GameClipsNetworkError(`Could not reach ${new URL(request.url).origin}`, { cause });
    }
  };
}
