import { checkWholeOption } from './check-whole-option.js';
/** What `uploadClip` takes: a `Blob` (a `File` too), bytes in memory, or a stream of bytes whose size is known. */
export type UploadData = Blob | Uint8Array | ReadableStream<Uint8Array>;

/**
 * The number of bytes `data` holds. A stream's size cannot be read without reading it, and the
 * service needs it before the first byte (the reservation's `fileSize` and `expectedBlocks`),
 * so a stream needs `size`; for a `Blob` or `Uint8Array`, `size` must match when given.
 */
export function uploadSize(data: UploadData, size: number | undefined): number {
  const known = data instanceof Blob ? data.size : data instanceof Uint8Array ? data.byteLength : undefined;
  if (size !== undefined) checkWholeOption('size', size, Number.MAX_SAFE_INTEGER, 'bytes');
  if (known === undefined) {
    if (size === undefined) throw new TypeError('A ReadableStream needs its size in bytes (option `size`), which the reservation declares');
    return size;
  }
  if (size !== undefined && size !== known) throw new RangeError(`size is ${size}, but the data holds ${known} bytes`);
  if (known === 0) throw new RangeError('A clip cannot be empty');
  return known;
}
