import type { GameClip } from '@gameclips/types';
import type { ClipKey } from './clip-store.js';

/** Which file of a clip: its video, or one of its thumbnails. */
export type FilePart = 'clip' | 'large' | 'small';

/** What a reservation adds to a new PendingUpload clip. */
export interface UploadTerms {
  fileSize: number;
  expectedBlocks: number;
  /** `Upload` when the uploader sends the thumbnails. */
  thumbnailSource: string | null;
  /** When the reservation expires, ISO 8601. */
  expiresAt: string;
}

/** A clip with what its upload was reserved with (null members: a clip that was never uploaded). */
export interface UploadRecord {
  clip: GameClip;
  fileSize: number | null;
  expectedBlocks: number | null;
  thumbnailSource: string | null;
  expiresAt: string | null;
}

/** A clip locked for a block write, and the blocks of its video other than the one being written. */
export interface LockedUpload extends UploadRecord {
  others: { count: number; bytes: number };
}

/** What the rules decide about a block, seen under the clip's lock: keep it, or keep it and complete the file. */
export type BlockDecision = { complete: false } | { complete: true; publishAt: string };

/** A stored block of a file, without its bytes. */
export interface BlockInfo {
  blockNum: number;
  size: number;
  contentType: string;
  writtenAt: string;
}

/**
 * The bytes of uploaded files, in blocks, and the life of an upload. Every write is one
 * transaction that holds the clip's write lock, so that parallel blocks, and several
 * servers, agree on which block completed a file.
 */
export interface UploadStore {
  /** Inserts a PendingUpload clip, unless its owner's stored sizes plus `fileSize` would exceed `quotaBytes`: then false. */
  reserve(clip: GameClip, terms: UploadTerms, quotaBytes: number, now: string): Promise<boolean>;
  /** A clip with its upload terms; undefined when there is none. */
  getUpload(key: ClipKey): Promise<UploadRecord | undefined>;
  /**
   * Locks the clip, lets `decide` check the block against it (it throws to refuse, and then
   * nothing is written), stores the block (replacing one of the same number) and, when
   * decided, completes the file: the clip goes Processing until `publishAt`.
   * Undefined when there is no such clip.
   */
  putBlock(key: ClipKey, blockNum: number, bytes: Uint8Array, now: string, decide: (upload: LockedUpload) => BlockDecision): Promise<BlockDecision | undefined>;
  /**
   * Locks the clip, lets `check` refuse (by throwing), stores the thumbnail as the part's one
   * block and writes the clip's `thumbnails` as `thumbnails(current)` returns them.
   */
  putThumbnail(
    key: ClipKey,
    part: 'large' | 'small',
    bytes: Uint8Array,
    contentType: string,
    now: string,
    check: (upload: UploadRecord) => GameClip['thumbnails'],
  ): Promise<boolean>;
  /** The blocks of a file, in order, without their bytes. */
  blocks(key: ClipKey, part: FilePart): Promise<BlockInfo[]>;
  /** The bytes of one block; undefined when it is gone (the clip was deleted meanwhile). */
  readBlock(key: ClipKey, part: FilePart, blockNum: number): Promise<Uint8Array | undefined>;
  /** Publishes the Processing clips due at `now`, with the download URIs `urisOf` gives; how many. */
  publishDue(now: string, urisOf: (key: ClipKey, fileSize: number) => GameClip['gameClipUris']): Promise<number>;
  /** Removes the PendingUpload clips whose reservation expired at `now`, with their blocks; how many. */
  expireDue(now: string): Promise<number>;
}
