import type { GameClip } from '@gameclips/types';

/** What a write resolves to. */
export interface WriteResult {
  /**
   * The clip's new ETag, to send as `ifMatch` on a later write. Undefined when the response did
   * not expose it (a proxy, or CORS without `Access-Control-Expose-Headers: ETag`); the write
   * has taken effect all the same, and `getClip` reads the current ETag or throws.
   */
  etag: string | undefined;
}

/** What `getClip` resolves to. */
export interface GetClipResult {
  /** The clip with its metadata and counters. */
  clip: GameClip;
  /** The clip's current ETag, to send as `ifMatch` on a later write; `getClip` throws `GameClipsResponseError` when the response lacks it. */
  etag: string;
}

/** What a list resolves to: one page. */
export interface ListClipsResult {
  /** The clips of the page, in the list's order. */
  clips: GameClip[];
  /** Pass it as `continuationToken` for the next page; null on the last page. */
  continuationToken: string | null;
  /** How many clips the list holds; given on a page asked for without a continuation token, for lists of at most 1,000 clips. */
  totalItems: number | undefined;
}
