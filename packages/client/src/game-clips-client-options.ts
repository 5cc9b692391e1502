import type { Middleware } from 'openapi-fetch';
import type { AuthScheme } from './auth-header.js';
import type { RetryOptions } from './retry-options.js';
import type { FetchFunction } from './with-network-errors.js';

/** Options of `createGameClipsClient` other than the token. */
export interface GameClipsClientSettings {
  /** Root URL of the service, such as `https://gameclipsmetadata.xboxlive.com` or a reference server's `url`. */
  baseUrl: string;
  /** Sent as `X-RequestedServiceVersion` on every request (default `'1'`). */
  serviceVersion?: string | undefined;
  /** How a bare token is sent (default `'xauth'`, `Xauth=<token>`); a full `Authorization` value is sent as it is. */
  authScheme?: AuthScheme | undefined;
  /** The user hash of the `XBL3.0 x=<userHash>;<token>` form, used with `authScheme: 'xbl3'` (default `'0'`). */
  userHash?: string | undefined;
  /** The `fetch` to send requests with (default `globalThis.fetch`); called with one `Request`. */
  fetch?: FetchFunction | undefined;
  /** Retries after 429 or 503 with `Retry-After` (default 2 retries, at most 10 s of waiting); `false` never retries. */
  retry?: RetryOptions | false | undefined;
  /** Milliseconds a call may take in all, retries included (default 30 000; `Infinity` for no limit). */
  timeoutMs?: number | undefined;
  /** Headers sent with every request, such as `MS-CV` or `Accept-Language`; they win over the ones the client sets. */
  headers?: ConstructorParameters<typeof Headers>[0] | undefined;
  /** openapi-fetch middleware run on every attempt, in order, after the client has set its headers. */
  middleware?: readonly Middleware[] | undefined;
}

/** Where the client takes the caller's token from: a fixed `token` or a `getToken` function. */
export type TokenSource =
  | {
      /** The caller's token: a full `Authorization` value (`XBL3.0 x=...;...` or `Xauth=...`) or a bare token. */
      token: string;
      getToken?: undefined;
    }
  | {
      token?: undefined;
      /** Returns the caller's token, full or bare; called before every attempt, so an expiring token can be renewed. */
      getToken: () => string | Promise<string>;
    };

/** Options of `createGameClipsClient`. */
export type GameClipsClientOptions = GameClipsClientSettings & TokenSource;
