import { describe, expect, it } from 'vitest';
import { pattern } from './test-bytes.fixture.js';
import { streamBlocks } from './stream-blocks.js';

/** A stream of `data` in chunks of the given sizes (repeated), counting the chunks read and whether it was cancelled. */
function chunked(data: Uint8Array, ...sizes: number[]) {
  const state = { pulled: 0, cancelled: false };
  let offset = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (offset >= data.length) return controller.close();
        const size = sizes[state.pulled % sizes.length]!;
        state.pulled++;
        controller.enqueue(data.slice(offset, offset + size));
        offset += size;
      },
      cancel() {
        state.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, state };
}

describe('streamBlocks', () => {
  it('regroups chunks of any size into blocks, byte-exact', async () => {
    const data = pattern(10_000);
    for (const sizes of [[1], [7, 4096, 13], [5000], [10_000], [3000, 0, 3000]]) {
      const { stream } = chunked(data, ...sizes);
      const got = [];
      for await (const block of streamBlocks(stream, data.length, 4096)) got.push(block);
      expect(got.map(({ blockNum, size }) => [blockNum, size])).toEqual([[0, 4096], [1, 4096], [2, 1808]]);
      expect(Buffer.concat(got.map(({ body }) => body as Uint8Array))).toEqual(Buffer.from(data));
    }
  });

  it('reads only as far as the blocks asked for', async () => {
    const { stream, state } = chunked(pattern(100_000), 1000);
    const source = streamBlocks(stream, 100_000, 4096);
    await source.next();
    expect(state.pulled).toBe(5);
    await source.next();
    expect(state.pulled).toBe(9);
    await source.return();
    expect(state.cancelled).toBe(true);
  });

  it('fails before the last block when the stream is longer than its size', async () => {
    const { stream } = chunked(pattern(10_001), 4096);
    const seen: number[] = [];
    const walk = async () => {
      for await (const { blockNum } of streamBlocks(stream, 10_000, 4096)) seen.push(blockNum);
    };
    await expect(walk()).rejects.toThrow(new RangeError('The stream holds more than the 10000 bytes of its size'));
    expect(seen).toEqual([0, 1]);
  });

  it('fails when a chunk goes past its size', async () => {
    const { stream } = chunked(pattern(9000), 9000);
    await expect(streamBlocks(stream, 5000, 4096).next()).rejects.toThrow(/more than the 5000 bytes/);
  });

  it('fails when the stream is shorter than its size', async () => {
    const { stream } = chunked(pattern(5000), 1000);
    const source = streamBlocks(stream, 9000, 4096);
    await source.next();
    await expect(source.next()).rejects.toThrow(new RangeError('The stream ended after 5000 bytes, before the 9000 bytes of its size'));
  });
});

describe('streamBlocks with a signal', () => {
  it('rejects a pending read with the reason and cancels the stream, however slow the stream', async () => {
    let cancelled: unknown;
    const stalled = new ReadableStream<Uint8Array>({ pull: () => new Promise(() => {}), cancel: (reason) => void (cancelled = reason) });
    const controller = new AbortController();
    const next = streamBlocks(stalled, 10, 4, controller.signal).next();
    const reason = new Error('stop');
    controller.abort(reason);
    await expect(next).rejects.toBe(reason);
    expect(cancelled).toBe(reason);
  });
});
