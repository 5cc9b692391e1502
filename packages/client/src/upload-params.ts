import type { GameClipUri, InitialUploadRequest } from '@gameclips/types';
import type { ByteRange } from './byte-range.js';
import type { CallOptions, OwnerId } from './method-params.js';

/** Parameters of `reserveUpload`. */
export interface ReserveUploadParams extends CallOptions {
  /** The new clip's owner: `me` (the default) or the caller's own `xuid(N)`. */
  ownerId?: OwnerId | undefined;
  /** The new clip's service configuration id; it must equal the token's `scid` claim. */
  scid: string;
  /** The clip to reserve: `fileSize` (required), `expectedBlocks` and its metadata. */
  body: InitialUploadRequest;
}

/** An image to send as a thumbnail: a PNG or JPEG of at most 2 MiB. */
export type ThumbnailImage = Blob | Uint8Array;

/** Parameters of `uploadThumbnail`. */
export interface UploadThumbnailParams extends CallOptions {
  /** The reservation's `largeThumbnailUri` or `smallThumbnailUri`, as the service gave it. */
  uri: string;
  /** The image, 1 byte to 2 MiB. */
  image: ThumbnailImage;
  /** The image's type; taken from a `Blob`'s `type` when left out, and required for a `Uint8Array`. */
  contentType?: 'image/png' | 'image/jpeg' | undefined;
}

/** How far an upload has got, after each block the service acknowledged. */
export interface UploadProgress {
  /** Bytes the service has acknowledged so far; it only grows, and ends at `total`. */
  loaded: number;
  /** The file's size in bytes. */
  total: number;
}

/** Parameters of `uploadClip`. */
export interface UploadClipParams extends CallOptions {
  /** The new clip's service configuration id; it must equal the token's `scid` claim. */
  scid: string;
  /** The clip's metadata (caption, visibility, dates...); `fileSize` and `expectedBlocks` are filled in. */
  metadata?: Omit<InitialUploadRequest, 'fileSize' | 'expectedBlocks'> | undefined;
  /** The data's size in bytes: required for a `ReadableStream`, checked for a `Blob` or `Uint8Array`. */
  size?: number | undefined;
  /** Bytes per block, 1 to 2 MiB (the default, 2,097,152). */
  blockSize?: number | undefined;
  /** Blocks sent at the same time, 1 to 32 (default 4); a stream holds about this many blocks in memory. */
  parallel?: number | undefined;
  /** Called after each block the service acknowledged, with the bytes acknowledged so far. */
  onProgress?: ((progress: UploadProgress) => void) | undefined;
  /** Thumbnails to send with the clip (the reservation then asks for `thumbnailSource: Upload`). */
  thumbnails?: { large?: ThumbnailImage | undefined; small?: ThumbnailImage | undefined } | undefined;
  /** Milliseconds between reads of the clip while waiting for it to be `Published` (default 250). */
  pollIntervalMs?: number | undefined;
}

/** Parameters of `downloadClip` and `downloadThumbnail`. */
export interface DownloadParams extends CallOptions {
  /** Only these bytes of the file (206); the whole file when left out (200). */
  range?: ByteRange | undefined;
  /** Send the range only if the file's ETag is still this one (`If-Range`); otherwise the whole file comes (200). */
  ifRange?: string | undefined;
}

/** What `downloadClip` takes: a clip (its `Download` URI is used) or one of its `gameClipUris`. */
export type DownloadSource = Pick<GameClipUri, 'uri'> | { gameClipUris: GameClipUri[]; state?: string };
