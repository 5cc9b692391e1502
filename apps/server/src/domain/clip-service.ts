import { randomBytes } from 'node:crypto';
import type { GameClip, ListClipsResponse, UpdateMetadataRequest } from '@gameclips/types';
import { ServiceError } from '../errors/service-error.js';
import type { ClipKey, ClipStore, StoredClip, WriteCondition, WriteOutcome } from '../store/clip-store.js';
import type { Caller } from './caller.js';
import { listClipsPage, type ListRequest } from './clip-lists.js';
import { ContinuationTokens } from './continuation-token.js';
import { etagOf, ifMatchMatches, ifMatchVersions } from './etag.js';
import { ownerXuid } from './owner.js';
import { checkTextMembers } from './text-members.js';
import { canSee } from './visibility.js';

/** Which clip a call is about, as the path names it. */
export interface ClipRef extends ClipKey {
  /** `me` or `xuid(N)`. */
  ownerId: string;
}

/** What a successful write returns. */
export interface WriteResult {
  etag: string;
}

/** What a read returns. */
export interface ReadResult {
  clip: GameClip;
  etag: string;
}

const UPDATABLE_VISIBILITIES: ReadonlySet<string> = new Set(['Default', 'Owner', 'Title', 'Public']);

/** Options of the rules. */
export interface ClipServiceOptions {
  /** How many users' flags put a clip in the Flagged state; 1 by default. */
  flagThreshold?: number;
  /** The clock, for lastModified. */
  now?: () => Date;
  /** The key continuation tokens are signed with; a random one (tokens of this process only) by default. */
  pagingKey?: Uint8Array;
}

/**
 * The rules of the Game Clips metadata API, on a store. Knows nothing of HTTP: it takes a
 * verified caller and the path's clip reference and throws ServiceError for every refusal.
 */
export class ClipService {
  readonly #store: ClipStore;
  readonly #flagThreshold: number;
  readonly #now: () => Date;
  readonly #tokens: ContinuationTokens;

  constructor(store: ClipStore, options: ClipServiceOptions = {}) {
    this.#store = store;
    this.#flagThreshold = options.flagThreshold ?? 1;
    this.#now = options.now ?? (() => new Date());
    this.#tokens = new ContinuationTokens(options.pagingKey ?? randomBytes(32));
  }

  /** A page of a list, holding exactly the clips the caller may read. */
  async listClips(caller: Caller, request: ListRequest): Promise<ListClipsResponse> {
    return listClipsPage(this.#store, this.#tokens, caller, request);
  }

  /** Deletes one of the caller's own clips, with its ratings and flags: owner only, then 404 when there is none. */
  async deleteClip(caller: Caller, ref: ClipRef): Promise<void> {
    this.#checkScid(caller, ref);
    if (ownerXuid(ref.ownerId, caller) !== caller.xuid) throw new ServiceError('XuidMismatch');
    if (!(await this.#store.deleteClip(ref, caller.xuid))) throw new ServiceError('ClipNotFound');
  }

  /** Reads a clip the caller may see. */
  async getClip(caller: Caller, ref: ClipRef): Promise<ReadResult> {
    const stored = await this.#visibleClip(caller, ref);
    return { clip: stored.clip, etag: etagOf(ref, stored.version) };
  }

  /** Changes the owner's data of a clip: owner only, all members or none. */
  async updateMetadata(caller: Caller, ref: ClipRef, changes: UpdateMetadataRequest, ifMatch?: string): Promise<WriteResult> {
    this.#checkScid(caller, ref);
    if (ownerXuid(ref.ownerId, caller) !== caller.xuid) throw new ServiceError('XuidMismatch');
    checkChanges(changes);
    return this.#guardedWrite(caller, ref, ifMatch, (condition) => this.#store.updateMetadata(ref, changes, condition));
  }

  /** Applies the caller's rating (an integer 1..5) to a clip they may see. */
  async rateClip(caller: Caller, ref: ClipRef, rating: number, ifMatch?: string): Promise<WriteResult> {
    if (!Number.isInteger(rating) || rating < 1 || rating > 5) {
      throw new ServiceError('InvalidRequest', 'The rating must be an integer from 1 to 5');
    }
    return this.#guardedWrite(caller, ref, ifMatch, (condition) => this.#store.rate(ref, caller.xuid, rating, condition));
  }

  /**
   * Records the caller's flag on a clip they may see. Idempotent for the flagger: a caller
   * who has flagged the clip gets success again, and nothing changes, even when the clip is
   * now hidden from them (their flag may have hidden it); anyone else gets 404 for a hidden clip.
   */
  async flagClip(caller: Caller, ref: ClipRef, ifMatch?: string): Promise<WriteResult> {
    const flag = (condition: WriteCondition) => this.#store.flag(ref, caller.xuid, this.#flagThreshold, condition);
    try {
      return await this.#guardedWrite(caller, ref, ifMatch, flag);
    } catch (error) {
      if (!(error instanceof ServiceError) || error.code !== 'ClipNotFound') throw error;
      const stored = await this.#store.getClip(ref);
      if (!stored || stored.clip.xuid !== ownerXuid(ref.ownerId, caller) || !(await this.#store.hasFlagged(ref, caller.xuid))) {
        throw error;
      }
      return this.#write(caller, ref, ifMatch, flag, stored);
    }
  }

  /** Counts one view of a clip the caller may see. */
  async recordClipView(caller: Caller, ref: ClipRef, ifMatch?: string): Promise<WriteResult> {
    return this.#guardedWrite(caller, ref, ifMatch, (condition) => this.#store.recordView(ref, condition));
  }

  #checkScid(caller: Caller, ref: ClipRef): void {
    if (ref.scid !== caller.scid) throw new ServiceError('ScidMismatch');
  }

  async #visibleClip(caller: Caller, ref: ClipRef): Promise<StoredClip> {
    this.#checkScid(caller, ref);
    const owner = ownerXuid(ref.ownerId, caller);
    const stored = await this.#store.getClip(ref);
    if (!stored || stored.clip.xuid !== owner || !canSee(stored.clip, caller)) throw new ServiceError('ClipNotFound');
    return stored;
  }

  /**
   * Writes in one store call: the visibility rule and the If-Match version are conditions of
   * the write itself, and the store reads why only when nothing was written. An If-Match
   * listing several ETags of the clip (rare) reads the clip first and goes the way of `#write`.
   */
  async #guardedWrite(
    caller: Caller,
    ref: ClipRef,
    ifMatch: string | undefined,
    write: (condition: WriteCondition) => Promise<WriteOutcome>,
  ): Promise<WriteResult> {
    this.#checkScid(caller, ref);
    const versions = ifMatch === undefined ? 'any' : ifMatchVersions(ifMatch, ref);
    if (versions !== 'any' && versions.length > 1) return this.#write(caller, ref, ifMatch, write);
    const condition: WriteCondition = {
      now: this.#now().toISOString(),
      // No owner XUID (a malformed ownerId) matches no clip.
      guard: { owner: ownerXuid(ref.ownerId, caller) ?? '', xuid: caller.xuid, titleId: caller.titleId },
    };
    // No ETag of this clip in If-Match: no version matches, and the store tells 412 from 404.
    if (versions !== 'any') condition.expectedVersion = versions[0] ?? -1;
    return this.#outcome(ref, await write(condition));
  }

  #outcome(ref: ClipRef, outcome: WriteOutcome): WriteResult {
    if (outcome === 'not-found') throw new ServiceError('ClipNotFound');
    if (outcome === 'precondition-failed') throw new ServiceError('PreconditionFailed');
    return { etag: etagOf(ref, outcome.version) };
  }

  /** Reads the clip (visible to the caller unless `stored` is given), checks If-Match against its ETag, and writes at that version. */
  async #write(
    caller: Caller,
    ref: ClipRef,
    ifMatch: string | undefined,
    write: (condition: WriteCondition) => Promise<WriteOutcome>,
    stored?: StoredClip,
  ): Promise<WriteResult> {
    stored ??= await this.#visibleClip(caller, ref);
    const condition: WriteCondition = { now: this.#now().toISOString() };
    if (ifMatch !== undefined) {
      if (!ifMatchMatches(ifMatch, etagOf(ref, stored.version))) throw new ServiceError('PreconditionFailed');
      condition.expectedVersion = stored.version;
    }
    return this.#outcome(ref, await write(condition));
  }
}

/** The rules of an update body that a schema cannot say. */
function checkChanges(changes: UpdateMetadataRequest): void {
  const members = Object.keys(changes);
  if (members.length === 0) throw new ServiceError('InvalidRequest', 'The update names no member');
  const unknown = members.filter((m) => m !== 'userCaption' && m !== 'visibility' && m !== 'titleData');
  if (unknown.length > 0) throw new ServiceError('InvalidRequest', `Unknown members: ${unknown.join(', ')}`);
  if (changes.visibility !== undefined && !UPDATABLE_VISIBILITIES.has(changes.visibility)) {
    throw new ServiceError('InvalidRequest', `visibility must be one of ${[...UPDATABLE_VISIBILITIES].join(', ')}`);
  }
  checkTextMembers({ userCaption: changes.userCaption, titleData: changes.titleData });
}
