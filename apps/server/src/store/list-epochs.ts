/**
 * The clock of list walks. Time is cut into epochs (`floor(ms / epochMs)`). A write of views
 * or a rating records, once per clip and epoch, the clip's sort values as they were before
 * its first change in that epoch (table clip_sort_history). A walk through a list fixes an
 * epoch E on its first page and orders every clip by its values at the start of E: the
 * earliest history row at or after E, else the current values. So a clip whose views or
 * rating change between two pages keeps its place in that walk.
 *
 * A walk takes the epoch that had begun `settleMs` before its first page, not the current
 * one: a write that took its epoch before the first page but committed after it (or came
 * from an instance whose clock is behind, by less than `settleMs`) then still lands in E or
 * later, where the walk looks for it.
 */

/** How list walks see time; every member has a default. */
export interface ListEpochOptions {
  /** Length of an epoch in ms; 60 s by default (with a real clock at least 1 s, so that an epoch fits a continuation token). */
  epochMs?: number;
  /** How long a walk may go on from its first page (continuation tokens expire then); one hour by default. */
  walkLifetimeMs?: number;
  /** How far before the first page a walk's epoch begins at the latest; 10 s by default. */
  settleMs?: number;
  /** The time in ms since 1970; `Date.now` by default. */
  clock?: () => number;
}

/** The largest epoch a continuation token holds (4 bytes). */
const MAX_EPOCH = 2 ** 32 - 1;

/** The epochs of writes and walks, from one clock. */
export class ListEpochs {
  readonly epochMs: number;
  readonly walkLifetimeMs: number;
  readonly settleMs: number;
  readonly #clock: () => number;

  constructor(options: ListEpochOptions = {}) {
    this.epochMs = options.epochMs ?? 60_000;
    this.walkLifetimeMs = options.walkLifetimeMs ?? 3_600_000;
    this.settleMs = options.settleMs ?? 10_000;
    this.#clock = options.clock ?? Date.now;
    if (!(this.epochMs >= 1) || !(this.walkLifetimeMs >= this.epochMs) || !(this.settleMs >= 0)) {
      throw new RangeError('List epochs need epochMs >= 1, walkLifetimeMs >= epochMs and settleMs >= 0');
    }
  }

  #epochAt(ms: number): number {
    return Math.max(0, Math.floor(ms / this.epochMs));
  }

  /** The epoch of a write made now. */
  writeEpoch(): number {
    return this.#epochAt(this.#clock());
  }

  /** The epoch a walk that starts now is at. */
  walkEpoch(): number {
    const epoch = this.#epochAt(this.#clock() - this.settleMs);
    if (epoch > MAX_EPOCH) throw new RangeError(`Epoch ${epoch} does not fit a continuation token: use a longer epochMs`);
    return epoch;
  }

  /** Whether a walk at this epoch has outlived walkLifetimeMs (its continuation tokens are refused). */
  isExpired(epoch: number): boolean {
    return epoch < this.#epochAt(this.#clock() - this.walkLifetimeMs);
  }

  /**
   * History rows of epochs before this one no live walk reads: one epoch before the oldest
   * live walk's, so that instances whose clocks differ by less than an epoch never prune
   * what another still serves.
   */
  pruneBefore(): number {
    return this.#epochAt(this.#clock() - this.walkLifetimeMs) - 1;
  }
}
