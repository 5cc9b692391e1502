import type { Client } from 'openapi-fetch';
import type { AttemptResult } from './send-with-retry.js';

/** What a request to a URL the service handed out may carry. */
export interface OpaqueInit {
  /** The raw body: a block, an image. */
  body?: Blob | Uint8Array | undefined;
  /** Headers of this request, over the client's. */
  headers?: Record<string, string> | undefined;
  /** Cancels the request. */
  signal: AbortSignal;
}

/**
 * Sends requests to the absolute URLs the service hands out (an `uploadUri`, a thumbnail URI,
 * a `GameClipUri`), which clients take as given: the URL is used whole, with the client's
 * headers, token, `fetch` and middleware, as on the contract's other routes. A success's body
 * is left unread; an error's is read into `error`, as openapi-fetch does.
 */
export type OpaqueRequest = (method: 'GET' | 'PUT', url: string, init: OpaqueInit) => Promise<AttemptResult>;

/** The untyped face of an openapi-fetch client whose base URL is empty. */
interface UntypedClient {
  request(method: string, url: string, init: Record<string, unknown>): Promise<AttemptResult>;
}

/** An `OpaqueRequest` over an openapi-fetch client created with an empty `baseUrl`. */
export function opaqueRequest(client: Client<never>): OpaqueRequest {
  const untyped = client as unknown as UntypedClient;
  return (method, url, { body, headers, signal }) =>
    untyped.request(method, url, {
      body,
      // The body goes as it is: openapi-fetch would otherwise send it as JSON.
      bodySerializer: (raw: unknown) => raw,
      headers,
      signal,
      parseAs: 'stream',
    });
}
