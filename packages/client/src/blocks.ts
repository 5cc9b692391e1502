import { streamBlocks } from './stream-blocks.js';
import type { UploadData } from './upload-data.js';

/** The largest block the service takes: 2 MiB. */
export const MAX_BLOCK_BYTES = 2 * 1024 * 1024;

/** One block of a file: its number (from 0) and its bytes. */
export interface Block {
  /** 0-based position of the block in the file. */
  blockNum: number;
  /** The block's bytes: a slice of a `Blob` (read when sent), or bytes in memory. */
  body: Blob | Uint8Array;
  /** The block's length in bytes. */
  size: number;
}

/** How many blocks of at most `blockSize` bytes a file of `size` bytes makes. */
export function blockCount(size: number, blockSize: number): number {
  return Math.ceil(size / blockSize);
}

/**
 * The blocks of `data`, `size` bytes in all, in order, each of `blockSize` bytes but the last.
 * A `Blob` or `Uint8Array` is sliced without copying; a stream is read only as blocks are asked
 * for, so at most one block more than the caller holds is in memory, and `signal` cancels it.
 */
export function blocks(data: UploadData, size: number, blockSize: number, signal?: AbortSignal): AsyncGenerator<Block, void, undefined> {
  if (data instanceof ReadableStream) return streamBlocks(data, size, blockSize, signal);
  return sliceBlocks(data, size, blockSize);
}

async function* sliceBlocks(data: Blob | Uint8Array, size: number, blockSize: number): AsyncGenerator<Block, void, undefined> {
  for (let blockNum = 0, start = 0; start < size; blockNum++, start += blockSize) {
    const end = Math.min(start + blockSize, size);
    const body = data instanceof Blob ? data.slice(start, end) : data.subarray(start, end);
    yield { blockNum, body, size: end - start };
  }
}
