import type { Middleware } from 'openapi-fetch';
import { authHeader, type AuthScheme } from './auth-header.js';
import { GameClipsTokenError } from './game-clips-token-error.js';

/** What `headersMiddleware` adds to a request. */
export interface DefaultHeaders {
  /** Returns the token for this attempt, full or bare. */
  getToken: () => string | Promise<string>;
  /** Form of a bare token. */
  authScheme: AuthScheme;
  /** User hash of the XBL3.0 form. */
  userHash: string;
  /** Value of `X-RequestedServiceVersion`. */
  serviceVersion: string;
}

/**
 * openapi-fetch middleware that gives every request, the raw client's included, an
 * `Authorization`, an `X-RequestedServiceVersion` and an `Accept`, unless the caller set them.
 * A `getToken` that throws rejects the request with `GameClipsTokenError`.
 */
export function headersMiddleware({ getToken, authScheme, userHash, serviceVersion }: DefaultHeaders): Middleware {
  return {
    async onRequest({ request }) {
      const { headers } = request;
      if (!headers.has('Authorization')) headers.set('Authorization', authHeader(await token(getToken), authScheme, userHash));
      if (!headers.has('X-RequestedServiceVersion')) headers.set('X-RequestedServiceVersion', serviceVersion);
      if (!headers.has('Accept')) headers.set('Accept', 'application/json');
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
