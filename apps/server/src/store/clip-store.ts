import type { GameClip, UpdateMetadataRequest } from '@gameclips/types';
import type { ClipListQuery, ListedClip, ListPosition } from './clip-list-query.js';
import type { UploadStore } from './upload-store.js';

/** A clip's identity: clips are keyed by service configuration and id. */
export interface ClipKey {
  scid: string;
  gameClipId: string;
}

/** A clip as stored: the contract's GameClip and the version its ETag is made from. */
export interface StoredClip {
  clip: GameClip;
  /**
   * The version of the owner's metadata (userCaption, visibility, titleData): only
   * updateMetadata changes it; views, ratings and flags leave it as it is.
   */
  version: number;
}

/** Who asks for a write: it happens only on a clip of `owner` that this caller may see. */
export interface WriteGuard {
  /** The XUID the path names as the clip's owner (canonical); a clip of anyone else is not found. */
  owner: string;
  /** The caller's XUID: the owner sees their clip whatever its visibility or state. */
  xuid: string;
  /** The caller's title, for Title-only clips; none sees no Title-only clip of another user. */
  titleId?: number | undefined;
}

/** What a write needs besides its data. */
export interface WriteCondition {
  /** Write only if the clip's metadata is still at this version (from `If-Match`). */
  expectedVersion?: number;
  /**
   * Write only if the clip is the owner's and the caller may see it (the visibility rule,
   * checked by the write itself, in the same statement or transaction); otherwise `not-found`.
   */
  guard?: WriteGuard;
  /** The time of the write, ISO 8601; it becomes `lastModified`. */
  now: string;
}

/**
 * The clip's (metadata) version after a write, or why nothing was written: no visible clip
 * (`not-found`), or another version than `expectedVersion` (`precondition-failed`). The
 * reason is read only when the write did not happen.
 */
export type WriteOutcome = { version: number } | 'not-found' | 'precondition-failed';

/**
 * Where clips live. Every write is atomic in the store (one statement or one transaction),
 * so counters and ratings stay exact when several requests, or several servers, race.
 */
export interface ClipStore {
  /** `sqlite` or `postgres`. */
  readonly engine: string;
  /** The bytes of uploaded clips and the life of their uploads. */
  readonly uploads: UploadStore;
  /** One clip, or undefined when there is none. */
  getClip(key: ClipKey): Promise<StoredClip | undefined>;
  /** Sets the members given; the others keep their values. Moves the version on by one. */
  updateMetadata(key: ClipKey, changes: UpdateMetadataRequest, condition: WriteCondition): Promise<WriteOutcome>;
  /**
   * Records the rater's rating (replacing an earlier one) and recomputes the mean. Ratings,
   * flags and views leave the version as it is (an `expectedVersion` is checked all the same).
   */
  rate(key: ClipKey, raterXuid: string, value: number, condition: WriteCondition): Promise<WriteOutcome>;
  /**
   * Records the user's flag once; when the clip's flags reach `threshold` its state becomes
   * Flagged. A repeated flag changes nothing and returns the current version.
   */
  flag(key: ClipKey, flaggerXuid: string, threshold: number, condition: WriteCondition): Promise<WriteOutcome>;
  /** Whether the user has flagged the clip. */
  hasFlagged(key: ClipKey, flaggerXuid: string): Promise<boolean>;
  /** Adds one view. */
  recordView(key: ClipKey, condition: WriteCondition): Promise<WriteOutcome>;
  /**
   * A page of a list: at most `query.limit` clips in the query's order, after its position.
   * By views or rating, the order is the one of the walk's epoch (see list-epochs.ts): a clip
   * whose value changed since keeps its place. The clips carry their current values.
   */
  listClips(query: ClipListQuery): Promise<ListedClip[]>;
  /** Whether the walk a position belongs to has outlived the store's walk lifetime (its history may be gone). */
  walkExpired(position: ListPosition): boolean;
  /** Deletes the sort history no live walk needs; the store also does it once per epoch on its own. Returns the rows deleted. */
  pruneSortHistory(): Promise<number>;
  /** How many clips a list holds (its paging ignored), counting no further than `limit`. */
  countListed(query: Omit<ClipListQuery, 'qualifier' | 'order' | 'limit' | 'skip' | 'after'>, limit: number): Promise<number>;
  /** Deletes the owner's clip with its ratings, flags and bytes; false when the owner has no such clip. */
  deleteClip(key: ClipKey, ownerXuid: string): Promise<boolean>;
  /** Inserts clips, all or none; a clip that already exists is an error. */
  insertClips(clips: readonly GameClip[]): Promise<void>;
  /** How many clips there are. */
  countClips(): Promise<number>;
  /** Throws when the store cannot serve. */
  check(): Promise<void>;
  /** Closes the store; later calls fail. */
  close(): Promise<void>;
}
