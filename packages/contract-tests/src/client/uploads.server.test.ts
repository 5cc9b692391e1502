import { createGameClipsClient, GameClipsApiError, type GameClipsClient, type UploadProgress } from '@gameclips/client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Harness } from '../harness.js';
import { firstDifference } from './first-difference.js';

// uploadClip, downloadClip and the thumbnails against the reference server on a real SQLite
// file, every response checked against the contract. The client's `fetch` counts the block
// requests and passes each one on to the real server.

const KiB = 1024;
const MiB = 1024 * KiB;
let h: Harness;
let owner: GameClipsClient;
let other: GameClipsClient;
let sent = { blocks: 0, blockNums: [] as number[] };

/** `size` bytes of a pattern in which no block repeats another (251 is prime). */
function bytes(size: number, seed = 0): Uint8Array<ArrayBuffer> {
  return Uint8Array.from({ length: size }, (_, i) => (i * 7 + seed) % 251);
}

beforeAll(async () => {
  h = await Harness.start();
  const counting = (request: Request) => {
    const blockNum = new URL(request.url).searchParams.get('blockNum');
    if (request.method === 'PUT' && blockNum !== null) {
      sent.blocks++;
      sent.blockNums.push(Number(blockNum));
    }
    return h.fetch(request);
  };
  owner = await h.client(h.demo.ownerXuid, { fetch: counting, retry: { retries: 5 } });
  other = await h.client(h.demo.otherXuid);
});
afterEach(() => h.server.setFaults({ rate: 0 }));
afterAll(() => h.close());

const scid = () => h.demo.scid;
const reset = () => (sent = { blocks: 0, blockNums: [] });

describe('uploadClip against the reference server', () => {
  it('uploads a few MB in many blocks in parallel; the download is byte-exact', async () => {
    reset();
    const data = bytes(5 * MiB + 123);
    const progress: UploadProgress[] = [];
    const clip = await owner.uploadClip(new Blob([data]), {
      scid: scid(),
      metadata: { userCaption: 'Twenty-one blocks', visibility: 'Public' },
      blockSize: 256 * KiB,
      parallel: 6,
      onProgress: (p) => progress.push(p),
    });
    expect(clip).toMatchObject({ state: 'Published', userCaption: 'Twenty-one blocks', xuid: h.demo.ownerXuid });
    expect(clip.gameClipUris).toEqual([expect.objectContaining({ uriType: 'Download', fileSize: data.length })]);
    expect(sent.blocks).toBe(21);
    expect([...sent.blockNums].sort((a, b) => a - b)).toEqual([...Array(21).keys()]);
    const loaded = progress.map((p) => p.loaded);
    expect(loaded).toHaveLength(21);
    expect(loaded).toEqual([...loaded].sort((a, b) => a - b));
    expect(progress.at(-1)).toEqual({ loaded: data.length, total: data.length });

    const download = await owner.downloadClip(clip);
    expect(download).toMatchObject({ partial: false, start: 0, end: data.length - 1, size: data.length, contentType: 'video/mp4' });
    expect(firstDifference(await download.bytes(), data)).toBe(-1);
  });

  it('uploads a stream of known size in 2 MiB blocks', async () => {
    reset();
    const data = bytes(4 * MiB + 1, 3);
    const clip = await owner.uploadClip(new Blob([data]).stream(), { scid: scid(), size: data.length });
    expect(sent.blocks).toBe(3);
    expect(firstDifference(await (await owner.downloadClip(clip)).bytes(), data)).toBe(-1);
  });

  it('retries blocks the server answers with 503 and Retry-After, and the file comes out whole', async () => {
    reset();
    const data = bytes(2 * MiB, 5);
    h.server.setFaults({ rate: 0.25, status: 503, retryAfterSeconds: 0 });
    const clip = await owner.uploadClip(data, { scid: scid(), blockSize: 128 * KiB, parallel: 4 });
    h.server.setFaults({ rate: 0 });
    expect(sent.blocks).toBeGreaterThan(16);
    expect(new Set(sent.blockNums).size).toBe(16);
    expect(firstDifference(await (await owner.downloadClip(clip)).bytes(), data)).toBe(-1);
  });

  it('stops when aborted mid-upload, and deletes the reservation', async () => {
    reset();
    const controller = new AbortController();
    let reserved: string | undefined;
    const seen = createGameClipsClient({
      baseUrl: h.server.url,
      token: await h.server.mintToken({ xuid: h.demo.ownerXuid, scid: scid(), titleId: h.demo.titleId }),
      fetch: async (request) => {
        const response = await h.fetch(request);
        if (request.method === 'POST' && response.ok) reserved = ((await response.clone().json()) as { gameClipId: string }).gameClipId;
        return response;
      },
    });
    const upload = seen.uploadClip(bytes(4 * MiB), {
      scid: scid(),
      blockSize: 64 * KiB,
      parallel: 2,
      signal: controller.signal,
      onProgress: ({ loaded }) => {
        if (loaded >= MiB) controller.abort(new Error('the user cancelled'));
      },
    });
    await expect(upload).rejects.toThrow('the user cancelled');
    expect(reserved).toBeDefined();
    await expect(owner.getClip({ scid: scid(), gameClipId: reserved! })).rejects.toMatchObject({ status: 404 });
  });

  it('sends thumbnails, which the clip then lists and which download as sent', async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...bytes(300)]);
    const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, ...bytes(200, 9)]);
    const clip = await owner.uploadClip(bytes(1000), { scid: scid(), thumbnails: { large: png, small: new Blob([jpeg], { type: 'image/jpeg' }) } });
    const byType = Object.fromEntries(clip.thumbnails.map((t) => [t.thumbnailType, t]));
    expect(byType.Large).toMatchObject({ fileSize: png.length });
    expect(byType.Small).toMatchObject({ fileSize: jpeg.length });
    const large = await owner.downloadThumbnail(byType.Large!);
    expect(large.contentType).toBe('image/png');
    expect(firstDifference(await large.bytes(), png)).toBe(-1);
    expect(firstDifference(await (await owner.downloadThumbnail(byType.Small!, { range: { last: 4 } })).bytes(), jpeg.slice(-4))).toBe(-1);
  });
});

describe('downloadClip ranges against the reference server', () => {
  const blockSize = 64 * KiB;
  const data = bytes(3 * blockSize + 17, 11);
  let clip: Awaited<ReturnType<GameClipsClient['uploadClip']>>;
  beforeAll(async () => {
    clip = await owner.uploadClip(data, { scid: scid(), blockSize, metadata: { visibility: 'Owner' } });
  });

  it.each([
    ['the first byte', { start: 0, end: 0 }, 0, 0],
    ['the last byte', { start: data.length - 1 }, data.length - 1, data.length - 1],
    ['the last byte as a suffix', { last: 1 }, data.length - 1, data.length - 1],
    ['a suffix longer than the file', { last: data.length + 5 }, 0, data.length - 1],
    ['across a block boundary', { start: blockSize - 3, end: blockSize + 2 }, blockSize - 3, blockSize + 2],
    ['across three blocks', { start: 5, end: 2 * blockSize + 5 }, 5, 2 * blockSize + 5],
    ['an end past the file, cut to it', { start: 2 * blockSize, end: data.length + 1000 }, 2 * blockSize, data.length - 1],
    ['the whole file as a range', { start: 0 }, 0, data.length - 1],
  ] as const)('%s', async (_, range, start, end) => {
    const download = await owner.downloadClip(clip, { range });
    expect(download).toMatchObject({ partial: true, start, end, size: data.length });
    expect(firstDifference(await download.bytes(), data.slice(start, end + 1))).toBe(-1);
  });

  it('is 416 for a range that starts past the end', async () => {
    const error = await owner.downloadClip(clip, { range: { start: data.length } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GameClipsApiError);
    expect(error).toMatchObject({ status: 416, errorCode: 4160 });
    expect((error as GameClipsApiError).response.headers.get('Content-Range')).toBe(`bytes */${data.length}`);
  });

  it('keeps the range with the current ETag in If-Range, and sends the whole file with another', async () => {
    const { etag } = await owner.downloadClip(clip, { range: { last: 1 } });
    expect(etag).toMatch(/^"/);
    expect(await owner.downloadClip(clip, { range: { start: 1, end: 2 }, ifRange: etag })).toMatchObject({ partial: true, start: 1, end: 2 });
    const whole = await owner.downloadClip(clip, { range: { start: 1, end: 2 }, ifRange: '"another"' });
    expect(whole).toMatchObject({ partial: false, start: 0, size: data.length });
    expect(firstDifference(await whole.bytes(), data)).toBe(-1);
  });

  it('is 404 for a user who may not read the clip', async () => {
    await expect(other.downloadClip(clip)).rejects.toMatchObject({ status: 404 });
  });

  it('left no response that breaks the contract', () => {
    expect(h.checker.violations).toEqual([]);
  });
});
