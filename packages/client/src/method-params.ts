import type { operations, UpdateMetadataRequest } from '@gameclips/types';

type ClipPath = operations['getClip']['parameters']['path'];
type WriteHeaders = NonNullable<operations['updateClipMetadata']['parameters']['header']>;

/** A rating a caller may give: the contract's `ratingValue`, an integer from 1 to 5. */
export type Rating = 1 | 2 | 3 | 4 | 5;

/** Whose clip: `me` (the caller) or `xuid(N)`, the contract's `ownerId` pattern. */
export type OwnerId = ClipPath['ownerId'] & ('me' | `xuid(${string})`);

/** Which clip a call is about. */
export interface ClipRef {
  /** The clip's owner: `me` (the default) or `xuid(N)`. */
  ownerId?: OwnerId | undefined;
  /** The clip's service configuration id, a GUID; it must equal the token's `scid` claim. */
  scid: ClipPath['scid'];
  /** The clip's id, a GUID possibly with a suffix such as `-000`. */
  gameClipId: ClipPath['gameClipId'];
}

/** Options every method takes. */
export interface CallOptions {
  /** Cancels the call, a retry wait included; the call rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
  /** Milliseconds this call may take in all, retries included; overrides the client's `timeoutMs`. */
  timeoutMs?: number | undefined;
}

/** Options every write takes. */
export interface WriteOptions extends CallOptions {
  /** Only write when the clip's current ETag is this one (`If-Match`, or `*`); otherwise the call fails with 412. */
  ifMatch?: WriteHeaders['If-Match'] | undefined;
}

/** Parameters of `getClip`. */
export interface GetClipParams extends ClipRef, CallOptions {}

/** Parameters of `updateClipMetadata`. */
export interface UpdateClipMetadataParams extends ClipRef, WriteOptions {
  /** The members to change: at least one of `userCaption`, `visibility`, `titleData`. */
  body: UpdateMetadataRequest;
}

/** Parameters of `rateClip`. */
export interface RateClipParams extends ClipRef, WriteOptions {
  /** The caller's rating, replacing any earlier rating of theirs. */
  rating: Rating;
}

/** Parameters of `flagClip`. */
export interface FlagClipParams extends ClipRef, WriteOptions {}

/** Parameters of `recordClipView`. */
export interface RecordClipViewParams extends ClipRef, WriteOptions {}
