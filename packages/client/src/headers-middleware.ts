import type { Middleware } from 'openapi-fetch';
import { authHeader, type AuthScheme } from './auth-header.js';
import { GameClipsTokenError } from './game-clips-token-error.js';

/** What `headersMiddleware` adds to a request. */
export interface TokenHeader {
  /** Returns the token for this attempt, full or bare. */
  getToken: () => string | Promise<string>;
  /** Form of a bare token. */
  authScheme: AuthScheme;
  /** User hash of the XBL3.0 form. */
  userHash: string;
}

/** What every request carries unless a call sets it. */
export interface BaseHeaderValues {
  /** Value of `X-RequestedServiceVersion`. */
  serviceVersion: string;
  /** The `Authorization` value of a fixed token; undefined when a middleware gets it per attempt. */
  authorization: string | undefined;
  /** The client's `headers` option, which wins over the values above. */
  headers: ConstructorParameters<typeof Headers>[0] | undefined;
}

/**
 * The headers every request, the raw client's included, starts from: `Accept`,
 * `X-RequestedServiceVersion` and, for a fixed token, `Authorization`, then the client's
 * `headers` option over them. A call's own headers win over all of these.
 */
export function baseHeaders({ serviceVersion, authorization, headers }: BaseHeaderValues): Record<string, string> {
  const base: Record<string, string> = { accept: 'application/json', 'x-requestedserviceversion': serviceVersion };
  if (authorization !== undefined) base.authorization = authorization;
  if (headers !== undefined) new Headers(headers).forEach((value, name) => (base[name] = value));
  return base;
}

/**
 * openapi-fetch middleware that gives every request, the raw client's included, the
 * `Authorization` of the token `getToken` returns for this attempt, unless the request has one.
 * A `getToken` that throws rejects the request with `GameClipsTokenError`.
 */
export function headersMiddleware({ getToken, authScheme, userHash }: TokenHeader): Middleware {
  return {
    async onRequest({ request }) {
      const { headers } = request;
      if (!headers.has('Authorization')) headers.set('Authorization', authHeader(await token(getToken), authScheme, userHash));
      return request;
    },
  };
}

async function token(getToken: () => string | Promise<string>): Promise<string> {
  try {
    return await getToken();
  } catch (cause) {
    throw new GameClipsTokenError(cause);
  }
}
