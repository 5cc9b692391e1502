import type { StoredClip } from './clip-store.js';
import type { ListQualifier } from './list-order.js';

/**
 * Where a page starts: after the clip with this sort value and list_seq, in the order of a
 * walk at this epoch (see list-epochs.ts).
 */
export interface ListPosition {
  /** The walk's epoch, fixed by its first page. */
  epoch: number;
  /** The clip's sort value in that walk (its value at the start of the epoch). */
  sortValue: number;
  /** The clip's list_seq, which breaks ties. */
  seq: number;
}

/** A list as the store runs it: scope, read rule, filters, order and page. */
export interface ClipListQuery {
  /** Only this owner's clips (user lists). */
  ownerXuid?: string;
  /** Only clips of this scid. */
  scid?: string;
  /** Only clips of this title. */
  titleId?: number;
  /** Only clips the owner saved. */
  saved: boolean;
  /**
   * Who reads the list, when the read rule applies: their own clips and others' published,
   * visible ones. Left out when the owner lists their own clips (they see them all).
   */
  viewer?: { xuid: string; titleId?: number };
  /** Clip types, any of which a clip's `type` must hold. */
  types?: readonly string[];
  /** Event ids, one of which must be the clip's achievementId or greatestMomentId. */
  eventIds?: readonly string[];
  achievementId?: string;
  greatestMomentId?: string;
  qualifier: ListQualifier;
  /** `D`: highest first; `A`: lowest first. */
  order: 'A' | 'D';
  /** At most this many clips. */
  limit: number;
  /** Skip this many clips first (bounded by the contract); not with `after`. */
  skip?: number;
  /** Start after this position (a continuation token's); the walk goes on at its epoch. */
  after?: ListPosition;
  /** The epoch of a new walk (no `after`); the store's current walk epoch by default. */
  epoch?: number;
}

/** A clip of a page, with its position. */
export interface ListedClip extends StoredClip {
  position: ListPosition;
}
