import type { OutgoingHttpHeaders } from 'node:http';

/** The service version the contract supports. */
export const SERVICE_VERSION = '1';

/** The path of a clip, or of one of its actions (`/views`, `/flag`, `/ratings/4`). */
export function clipPath(ownerId: string, scid: string, gameClipId: string, action = ''): string {
  return `/users/${ownerId}/scids/${scid}/clips/${gameClipId}${action}`;
}

/** The headers of a valid API call. */
export function apiHeaders(authorization: string, extra: OutgoingHttpHeaders = {}): OutgoingHttpHeaders {
  return { Authorization: authorization, 'X-RequestedServiceVersion': SERVICE_VERSION, ...extra };
}

/** The clip version inside one of the server's ETags (`"<hash>-<version in hex>"`). */
export function etagVersion(etag: string | undefined): number {
  const hex = /^"[0-9a-f]+-([0-9a-f]+)"$/.exec(etag ?? '')?.[1];
  if (!hex) throw new Error(`Not an ETag of this server: ${etag}`);
  return parseInt(hex, 16);
}
