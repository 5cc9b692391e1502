import { GameClipsNetworkError } from './game-clips-network-error.js';

/** A `fetch` as openapi-fetch calls it: one `Request` in, its `Response` out. */
export type FetchFunction = (request: Request) => Promise<Response>;

/** A `Request` holding its signal unfollowed (undici: 10-15 µs); its init is new per request. */
export class SignalRequest extends Request {
  constructor(input: ConstructorParameters<typeof Request>[0], init?: RequestInit) {
    const signal = init?.signal;
    if (signal) init.signal = null;
    super(input, init);
    if (signal) Object.defineProperty(this, 'signal', { value: signal });
  }
}

/** `fetch` rejecting with `GameClipsNetworkError` when the service is unreachable, or the signal's reason. */
export function withNetworkErrors(fetch: FetchFunction | undefined): FetchFunction {
  return async (request) => {
    try {
      return await (fetch ? fetch(request) : globalThis.fetch(request, { signal: request.signal }));
    } catch (cause) {
      if (request.signal.aborted) throw request.signal.reason;
      throw new GameClipsNetworkError(`Could not reach ${new URL(request.url).origin}`, { cause });
    }
  };
}
