import { randomUUID } from 'node:crypto';
import type { GameClip, InitialUploadRequest, InitialUploadResponse } from '@gameclips/types';
import { ServiceError } from '../errors/service-error.js';
import type { ClipKey, ClipStore } from '../store/clip-store.js';
import type { BlockDecision, BlockInfo, FilePart, LockedUpload, UploadRecord } from '../store/upload-store.js';
import { parseRange } from './byte-range.js';
import type { Caller } from './caller.js';
import { ownerXuid } from './owner.js';
import { checkTextMembers } from './text-members.js';
import { UploadUris, type ThumbnailSize } from './upload-uris.js';
import { canSee } from './visibility.js';

/** Most bytes a block (or a thumbnail) may hold: 2 MiB. */
export const MAX_BLOCK_BYTES = 2 * 1024 * 1024;

/** When a published clip's download URI expires: it does not (the URI needs a token anyway). */
const NEVER = '9999-12-31T23:59:59Z';

/** Options of the upload rules. */
export interface UploadServiceOptions {
  /** The public base URL that upload and download URIs are made from. */
  publicUrl: () => string;
  /** Most bytes one user's clips may take, counted by their reserved `fileSize`. */
  quotaBytes: number;
  /** How long a reservation waits for its last block before it expires. */
  uploadTtlMs: number;
  /** How long a complete clip stays Processing before it is Published. */
  processingDelayMs: number;
  /** The clock. */
  now?: () => Date;
}

/** A clip's reference for an upload or a reservation, as the path names it. */
export interface OwnerScid {
  ownerId: string;
  scid: string;
}

/** A download about to be sent: status, headers, and the bytes, read a block at a time. */
export interface Download {
  status: 200 | 206;
  headers: Record<string, string>;
  /** The bytes of the range, in order; only the blocks the range covers are read. */
  chunks(): AsyncIterable<Uint8Array>;
}

/** The states of an upload whose video has no download yet. */
const NOT_YET_PUBLISHED: ReadonlySet<GameClip['state']> = new Set(['PendingUpload', 'Processing']);

const THUMBNAIL_TYPES: Record<ThumbnailSize, GameClip['thumbnails'][number]['thumbnailType']> = { large: 'Large', small: 'Small' };

/**
 * The rules of uploads and downloads, on a store: reservations (quota, ownership), blocks
 * (range, sizes, the one block that completes a file), thumbnails, downloads by range, and
 * the sweeps that publish processed clips and expire abandoned reservations. Knows nothing
 * of HTTP; every refusal is a ServiceError, thrown before anything is written.
 */
export class UploadService {
  readonly #store: ClipStore;
  readonly #options: UploadServiceOptions;
  readonly #now: () => Date;
  readonly #uris: UploadUris;
  readonly #timers = new Set<NodeJS.Timeout>();
  #sweeping: Promise<void> | undefined;
  #sweepAgain = false;
  /** Where a failed sweep is reported (set by `start`). */
  #onError: (error: unknown) => void = () => undefined;

  constructor(store: ClipStore, options: UploadServiceOptions) {
    this.#store = store;
    this.#options = options;
    this.#now = options.now ?? (() => new Date());
    this.#uris = new UploadUris(options.publicUrl);
  }

  /** Reserves an upload: a new PendingUpload clip of the caller, within their quota. */
  async reserve(caller: Caller, ref: OwnerScid, request: InitialUploadRequest): Promise<InitialUploadResponse> {
    if (ref.scid !== caller.scid) throw new ServiceError('ScidMismatch');
    if (ownerXuid(ref.ownerId, caller) !== caller.xuid) throw new ServiceError('XuidMismatch');
    if (caller.titleId === undefined) throw new ServiceError('MissingTitleClaim');
    const { fileSize } = request;
    const expectedBlocks = request.expectedBlocks ?? 1;
    if (expectedBlocks > fileSize) {
      throw new ServiceError('InvalidRequest', `expectedBlocks (${expectedBlocks}) is more than fileSize (${fileSize}): every block holds at least 1 byte`);
    }
    if (fileSize > expectedBlocks * MAX_BLOCK_BYTES) {
      throw new ServiceError('InvalidRequest', `fileSize (${fileSize}) does not fit in ${expectedBlocks} blocks of at most ${MAX_BLOCK_BYTES} bytes`);
    }
    checkTextMembers({ userCaption: request.userCaption, titleData: request.titleData, systemProperties: request.systemProperties, clipNameStringId: request.clipNameStringId });
    const now = this.#now();
    const key = { scid: caller.scid, gameClipId: randomUUID() };
    const clip = newClip(caller, key, request, now.toISOString());
    const terms = {
      fileSize,
      expectedBlocks,
      thumbnailSource: request.thumbnailSource === 'Upload' ? 'Upload' : null,
      expiresAt: new Date(now.getTime() + this.#options.uploadTtlMs).toISOString(),
    };
    if (!(await this.#store.uploads.reserve(clip, terms, this.#options.quotaBytes, now.toISOString()))) {
      throw new ServiceError('QuotaExceeded', `The upload of ${fileSize} bytes would put the user over their quota of ${this.#options.quotaBytes} bytes`);
    }
    return {
      gameClipId: key.gameClipId,
      uploadUri: this.#uris.upload(key),
      ...(terms.thumbnailSource && { largeThumbnailUri: this.#uris.thumbnailUpload(key, 'large'), smallThumbnailUri: this.#uris.thumbnailUpload(key, 'small') }),
    };
  }

  /**
   * Keeps one block of a clip's video. `completed` when it was the block that completed the
   * file: exactly one block of an upload is, however they race.
   */
  async putBlock(caller: Caller, key: ClipKey, blockNum: number | undefined, bytes: Uint8Array): Promise<'accepted' | 'completed'> {
    if (key.scid !== caller.scid) throw new ServiceError('ScidMismatch');
    checkBodySize(bytes);
    const now = this.#now();
    const decide = (upload: LockedUpload): BlockDecision => {
      checkUploader(caller, upload, now);
      const expected = upload.expectedBlocks!;
      if (blockNum === undefined ? expected > 1 : blockNum >= expected) {
        throw new ServiceError('BlockOutOfRange', blockNum === undefined ? `blockNum is required: the upload has ${expected} blocks` : `blockNum ${blockNum} is out of range: the upload has blocks 0 to ${expected - 1}`);
      }
      checkSizes(upload, bytes.byteLength);
      const complete = upload.others.count === expected - 1;
      return complete ? { complete, publishAt: new Date(now.getTime() + this.#options.processingDelayMs).toISOString() } : { complete };
    };
    const decision = await this.#store.uploads.putBlock(key, blockNum ?? 0, bytes, now.toISOString(), decide);
    if (!decision) throw new ServiceError('UploadNotFound');
    if (!decision.complete) return 'accepted';
    this.#schedulePublishing(this.#options.processingDelayMs);
    return 'completed';
  }

  /** Keeps a thumbnail of a clip reserved with `thumbnailSource: Upload`, replacing an earlier one of its size. */
  async putThumbnail(caller: Caller, key: ClipKey, size: ThumbnailSize, contentType: string, bytes: Uint8Array): Promise<void> {
    if (key.scid !== caller.scid) throw new ServiceError('ScidMismatch');
    checkBodySize(bytes);
    const now = this.#now();
    const thumbnailType = THUMBNAIL_TYPES[size];
    const check = (upload: UploadRecord): GameClip['thumbnails'] => {
      checkOwnReservation(caller, upload, now);
      if (upload.thumbnailSource !== 'Upload') throw new ServiceError('UploadNotFound');
      const others = upload.clip.thumbnails.filter((t) => t.thumbnailType !== thumbnailType);
      const stored = { uri: this.#uris.thumbnailDownload(key, size), fileSize: bytes.byteLength, thumbnailType };
      return [...others, stored].sort((a, b) => a.thumbnailType.localeCompare(b.thumbnailType));
    };
    if (!(await this.#store.uploads.putThumbnail(key, size, bytes, contentType, now.toISOString(), check))) throw new ServiceError('UploadNotFound');
  }

  /**
   * A download of a clip's video (`clip`) or thumbnail, whole or one range of it, for a
   * caller who may read the clip; 404 for anyone else, and for a video not yet published (a
   * published clip later flagged stays downloadable by whoever may still read it: its owner).
   */
  async download(caller: Caller, key: ClipKey, part: FilePart, range: string | undefined, ifRange: string | undefined): Promise<Download> {
    const upload = await this.#store.uploads.getUpload(key);
    if (!upload || !canSee(upload.clip, caller) || (part === 'clip' && NOT_YET_PUBLISHED.has(upload.clip.state))) throw new ServiceError('ClipNotFound');
    const blocks = await this.#store.uploads.blocks(key, part);
    if (blocks.length === 0) throw new ServiceError('ClipNotFound');
    const size = blocks.reduce((sum, block) => sum + block.size, 0);
    const etag = `"${key.gameClipId}.${part}.${Date.parse(blocks.at(-1)!.writtenAt).toString(36)}.${size}"`;
    const asked = ifRange === undefined || ifRange.trim() === etag ? parseRange(range, size) : { kind: 'whole' as const };
    if (asked.kind === 'unsatisfiable') {
      throw new ServiceError('RangeNotSatisfiable', `The range cannot be satisfied: ${asked.reason}`, { headers: { 'Content-Range': `bytes */${size}` } });
    }
    const [first, last] = asked.kind === 'part' ? [asked.first, asked.last] : [0, size - 1];
    const headers: Record<string, string> = {
      'Content-Type': part === 'clip' ? 'video/mp4' : blocks[0]!.contentType,
      'Content-Length': String(last - first + 1),
      'Accept-Ranges': 'bytes',
      ETag: etag,
    };
    if (asked.kind === 'part') headers['Content-Range'] = `bytes ${first}-${last}/${size}`;
    const store = this.#store.uploads;
    return {
      status: asked.kind === 'part' ? 206 : 200,
      headers,
      chunks: () => readRange(blocks, first, last, (blockNum) => store.readBlock(key, part, blockNum)),
    };
  }

  /**
   * Publishes the clips whose processing is over and removes expired reservations. One sweep
   * runs at a time; one asked for meanwhile runs again right after it, so that nothing
   * completed during a sweep waits for the next period.
   */
  sweep(): Promise<void> {
    if (this.#sweeping) {
      this.#sweepAgain = true;
      return this.#sweeping;
    }
    const run = async () => {
      try {
        do {
          this.#sweepAgain = false;
          const now = this.#now().toISOString();
          await this.#store.uploads.publishDue(now, (key, fileSize) => [{ uri: this.#uris.download(key), fileSize, uriType: 'Download', expiration: NEVER }]);
          await this.#store.uploads.expireDue(now);
        } while (this.#sweepAgain);
      } finally {
        this.#sweeping = undefined;
      }
    };
    return (this.#sweeping = run());
  }

  /**
   * Sweeps periodically until `stop()`: what this instance completed is published on time by
   * its own timer, and the periodic sweep catches what another (stopped) instance left.
   */
  start(onError: (error: unknown) => void): void {
    this.#onError = onError;
    const timer = setInterval(() => this.sweep().catch(onError), sweepIntervalMs(this.#options.uploadTtlMs));
    timer.unref();
    this.#timers.add(timer);
  }

  /** Stops the sweeps and waits for one under way. */
  async stop(): Promise<void> {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    await this.#sweeping?.catch(() => undefined);
  }

  /** Sweeps a little after `delayMs`, when the clip just completed is due (timers and the clock may disagree by a millisecond). */
  #schedulePublishing(delayMs: number): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      this.sweep().catch(this.#onError);
    }, delayMs + 5);
    timer.unref();
    this.#timers.add(timer);
  }

}

/** How often a server sweeps for due publications and expired reservations: often enough for the TTL, at most every 30 s. */
function sweepIntervalMs(uploadTtlMs: number): number {
  return Math.max(100, Math.min(30_000, Math.floor(uploadTtlMs / 2)));
}

/** Only the owner sends bytes (a block or a thumbnail), to a reservation not expired: 403 or 404 for others. */
function checkOwnReservation(caller: Caller, upload: UploadRecord, now: Date): void {
  if (upload.clip.xuid !== caller.xuid) throw new ServiceError(canSee(upload.clip, caller) ? 'NotUploader' : 'UploadNotFound');
  if (isExpired(upload, now)) throw new ServiceError('UploadNotFound');
}

/** A block goes to the owner's reservation while it is still pending: 409 once complete. */
function checkUploader(caller: Caller, upload: UploadRecord, now: Date): void {
  checkOwnReservation(caller, upload, now);
  if (upload.clip.state !== 'PendingUpload' || upload.expectedBlocks === null || upload.fileSize === null) throw new ServiceError('UploadComplete');
}

function isExpired(upload: UploadRecord, now: Date): boolean {
  return upload.clip.state === 'PendingUpload' && upload.expiresAt !== null && upload.expiresAt <= now.toISOString();
}

function checkBodySize(bytes: Uint8Array): void {
  if (bytes.byteLength === 0) throw new ServiceError('InvalidRequest', 'The body is empty: send 1 byte to 2 MiB');
  if (bytes.byteLength > MAX_BLOCK_BYTES) throw new ServiceError('PayloadTooLarge', `The request body is larger than ${MAX_BLOCK_BYTES} bytes`);
}

/**
 * Whether the blocks can still add up to `fileSize` with this one: the blocks still missing
 * after it need 1 byte to 2 MiB each, and the last one must make the sum exact.
 */
function checkSizes(upload: LockedUpload, size: number): void {
  const fileSize = upload.fileSize!;
  const total = upload.others.bytes + size;
  const missing = upload.expectedBlocks! - upload.others.count - 1;
  if (total + missing > fileSize || total + missing * MAX_BLOCK_BYTES < fileSize) {
    const message =
      missing === 0
        ? `The blocks add up to ${total} bytes, not the reserved fileSize of ${fileSize}`
        : `With this block of ${size} bytes, the ${missing} blocks still missing cannot make the sizes add up to fileSize (${fileSize})`;
    throw new ServiceError('UploadSizeMismatch', message);
  }
}

/** The bytes `first` to `last` of a file stored in `blocks`, reading one block at a time. */
async function* readRange(blocks: readonly BlockInfo[], first: number, last: number, read: (blockNum: number) => Promise<Uint8Array | undefined>): AsyncIterable<Uint8Array> {
  let offset = 0;
  for (const block of blocks) {
    const start = offset;
    offset += block.size;
    if (offset <= first) continue;
    if (start > last) return;
    const bytes = await read(block.blockNum);
    if (!bytes || bytes.byteLength !== block.size) throw new Error(`Block ${block.blockNum} changed while it was being sent`);
    yield bytes.subarray(Math.max(0, first - start), Math.min(block.size, last - start + 1));
  }
}

/** The new PendingUpload clip of a reservation. */
function newClip(caller: Caller, key: ClipKey, request: InitialUploadRequest, now: string): GameClip {
  return {
    gameClipId: key.gameClipId,
    xuid: caller.xuid,
    scid: key.scid,
    titleId: caller.titleId!,
    state: 'PendingUpload',
    dateRecorded: request.dateRecorded ?? now,
    lastModified: now,
    clipName: request.clipNameStringId ?? '',
    userCaption: request.userCaption ?? '',
    type: request.type ?? 'UserGenerated',
    source: request.source ?? 'TitleUpload',
    visibility: request.visibility ?? 'Default',
    durationInSeconds: request.durationInSeconds ?? 0,
    rating: 0,
    ratingCount: 0,
    views: 0,
    titleData: request.titleData ?? '',
    thumbnails: [],
    gameClipUris: [],
    ...(request.systemProperties !== undefined && { systemProperties: request.systemProperties }),
    ...(request.savedByUser !== undefined && { savedByUser: request.savedByUser }),
    ...(request.greatestMomentId !== undefined && { greatestMomentId: request.greatestMomentId }),
  };
}
