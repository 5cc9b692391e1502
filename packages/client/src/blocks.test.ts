import { describe, expect, it } from 'vitest';
import { type Block, blockCount, blocks, MAX_BLOCK_BYTES } from './blocks.js';
import { pattern } from './test-bytes.fixture.js';


async function collect(source: AsyncIterable<Block>): Promise<{ blockNum: number; size: number; bytes: Uint8Array }[]> {
  const out = [];
  for await (const { blockNum, body, size } of source) {
    const bytes = body instanceof Blob ? new Uint8Array(await body.arrayBuffer()) : body;
    out.push({ blockNum, size, bytes });
  }
  return out;
}

describe('blocks', () => {
  it.each([
    ['Uint8Array', (bytes: Uint8Array<ArrayBuffer>) => bytes],
    ['Blob', (bytes: Uint8Array<ArrayBuffer>) => new Blob([bytes])],
  ])('cuts a %s into full blocks and a shorter last one, byte-exact', async (_, wrap) => {
    const data = pattern(10_000);
    const got = await collect(blocks(wrap(data), data.length, 4096));
    expect(got.map(({ blockNum, size }) => [blockNum, size])).toEqual([[0, 4096], [1, 4096], [2, 1808]]);
    expect(Buffer.concat(got.map((b) => b.bytes))).toEqual(Buffer.from(data));
  });

  it('makes one block of a file no larger than the block size', async () => {
    const got = await collect(blocks(pattern(4096), 4096, 4096));
    expect(got.map(({ blockNum, size }) => [blockNum, size])).toEqual([[0, 4096]]);
  });

  it('slices a Uint8Array without copying it', async () => {
    const data = pattern(100);
    const [first] = await collect(blocks(data, 100, 64));
    expect(first?.bytes.buffer).toBe(data.buffer);
  });

  it('counts blocks of at most 2 MiB', () => {
    expect([blockCount(1, 10), blockCount(10, 10), blockCount(11, 10)]).toEqual([1, 1, 2]);
    expect(MAX_BLOCK_BYTES).toBe(2_097_152);
  });
});
