import type { GameClip } from '@gameclips/types';

/** What a write resolves to. */
export interface WriteResult {
  /** The clip's new ETag, to send as `ifMatch` on a later write (the contract has the service always send it). */
  etag: string | undefined;
}

/** What `getClip` resolves to. */
export interface GetClipResult {
  /** The clip with its metadata and counters. */
  clip: GameClip;
  /** The clip's current ETag, to send as `ifMatch` on a later write. */
  etag: string | undefined;
}
