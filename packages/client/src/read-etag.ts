import { GameClipsResponseError } from './game-clips-response-error.js';

/**
 * The `ETag` of a clip read. Throws `GameClipsResponseError` when the response has none: without
 * it, a later `ifMatch` could not make a write conditional.
 */
export function readEtag(response: Response): string {
  const etag = response.headers.get('ETag');
  if (etag !== null) return etag;
  throw new GameClipsResponseError(
    response,
    `${response.status}: the clip read${response.url ? ` from ${response.url}` : ''} has no ETag header, so ` +
      'a later write could not be conditional. A proxy dropped it, or, in a browser, the service is on another ' +
      'origin and does not list ETag in Access-Control-Expose-Headers.',
  );
}
