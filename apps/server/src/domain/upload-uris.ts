import type { ClipKey } from '../store/clip-store.js';

/** A thumbnail's size as its URIs name it. */
export type ThumbnailSize = 'large' | 'small';

/**
 * The absolute URIs of uploads and downloads, made from the server's public base URL (never
 * from a request's Host header). The paths are the contract's upload and download routes.
 */
export class UploadUris {
  readonly #base: () => string;

  /** `base` gives the public base URL, such as `https://clips.example.net` (read at each call: it may be known only once listening). */
  constructor(base: () => string) {
    this.#base = base;
  }

  #uri(kind: 'uploads' | 'downloads', key: ClipKey, size?: ThumbnailSize): string {
    const path = `/${kind}/${encodeURIComponent(key.scid)}/${encodeURIComponent(key.gameClipId)}${size ? `/thumbnails/${size}` : ''}`;
    return this.#base().replace(/\/+$/, '') + path;
  }

  /** Where the blocks of a clip's video go (with `?blockNum=N`). */
  upload(key: ClipKey): string {
    return this.#uri('uploads', key);
  }

  /** Where a thumbnail of a clip goes. */
  thumbnailUpload(key: ClipKey, size: ThumbnailSize): string {
    return this.#uri('uploads', key, size);
  }

  /** Where a clip's video is downloaded from. */
  download(key: ClipKey): string {
    return this.#uri('downloads', key);
  }

  /** Where a thumbnail of a clip is downloaded from. */
  thumbnailDownload(key: ClipKey, size: ThumbnailSize): string {
    return this.#uri('downloads', key, size);
  }
}
