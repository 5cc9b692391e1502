import type { Block } from './blocks.js';

/**
 * Cuts a stream into blocks of `blockSize` bytes (the last one shorter), reading only as blocks
 * are asked for. Throws a `RangeError` when the stream holds more or fewer than `size` bytes,
 * the signal's reason when it aborts (a pending read included, however slow the stream); the
 * stream is cancelled when the caller stops early or the signal aborts.
 */
export async function* streamBlocks(
  stream: ReadableStream<Uint8Array>,
  size: number,
  blockSize: number,
  signal?: AbortSignal,
): AsyncGenerator<Block, void, undefined> {
  signal?.throwIfAborted();
  const reader = stream.getReader();
  const onAbort = () => void reader.cancel(signal?.reason).catch(() => undefined);
  signal?.addEventListener('abort', onAbort, { once: true });
  let pending: Uint8Array = new Uint8Array(0);
  let read = 0;
  try {
    for (let blockNum = 0, start = 0; start < size; blockNum++, start += blockSize) {
      const block = new Uint8Array(Math.min(blockSize, size - start));
      let filled = 0;
      while (filled < block.length) {
        if (pending.length === 0) {
          const { done, value } = await reader.read();
          signal?.throwIfAborted();
          if (done) throw new RangeError(`The stream ended after ${read} bytes, before the ${size} bytes of its size`);
          read += value.byteLength;
          if (read > size) throw new RangeError(`The stream holds more than the ${size} bytes of its size`);
          pending = value;
        }
        const taken = pending.subarray(0, block.length - filled);
        block.set(taken, filled);
        filled += taken.length;
        pending = pending.subarray(taken.length);
      }
      // The last block completes the file: the stream must end with it, before it is sent.
      if (start + block.length === size && (pending.length > 0 || !(await ended(reader)))) {
        throw new RangeError(`The stream holds more than the ${size} bytes of its size`);
      }
      yield { blockNum, body: block, size: block.length };
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

/** Whether the stream has nothing left but empty chunks. */
async function ended(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<boolean> {
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return true;
    if (value.byteLength > 0) return false;
  }
}
