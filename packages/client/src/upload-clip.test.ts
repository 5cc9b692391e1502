import { describe, expect, it } from 'vitest';
import { createGameClipsClient } from './create-game-clips-client.js';
import { GameClipsApiError } from './game-clips-api-error.js';
import { GameClipsUploadError } from './game-clips-upload-error.js';
import { sampleClip } from './sample-clip.fixture.js';
import { pattern } from './test-bytes.fixture.js';
import type { UploadProgress } from './upload-params.js';

// uploadClip with an injected `fetch` that answers as the service would, by route, and
// records what was sent. Over real HTTP against the reference server in the contract tests.

const baseUrl = 'https://clips.example.test';
const scid = '00000000-0000-0000-0000-00007a3b9c1d';
const gameClipId = '6b364924-5650-480f-86a7-fc002a1ee752';
const uploadUri = `https://transfer.example.test/uploads/${scid}/${gameClipId}`;

interface Sent {
  method: string;
  url: URL;
  headers: Headers;
  body: Uint8Array;
}

/** A service of one reservation: `onBlock` may answer a block itself (else 202, and 201 once all blocks are in). */
function service({ states = ['Processing', 'Published'], onBlock }: { states?: string[]; onBlock?: (blockNum: number, count: number) => Response | undefined } = {}) {
  const sent: Sent[] = [];
  const stored = new Map<number, Uint8Array>();
  let expected = 0;
  const fetch = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const body = new Uint8Array(await request.arrayBuffer());
    sent.push({ method: request.method, url, headers: request.headers, body });
    if (request.method === 'POST' && url.pathname === `/users/me/scids/${scid}/clips`) {
      expected = JSON.parse(new TextDecoder().decode(body)).expectedBlocks;
      const thumbnails = { largeThumbnailUri: `${uploadUri}/thumbnails/large`, smallThumbnailUri: `${uploadUri}/thumbnails/small` };
      return Response.json({ gameClipId, uploadUri, ...thumbnails });
    }
    if (request.method === 'PUT' && url.pathname.includes('/thumbnails/')) return new Response(null, { status: 201 });
    if (request.method === 'PUT') {
      const blockNum = Number(url.searchParams.get('blockNum'));
      const answer = onBlock?.(blockNum, sent.filter((s) => s.method === 'PUT').length);
      if (answer) return answer;
      stored.set(blockNum, body);
      return new Response(null, { status: stored.size === expected ? 201 : 202 });
    }
    if (request.method === 'GET') {
      const state = states.length > 1 ? states.shift()! : states[0]!;
      return Response.json({ gameClip: sampleClip({ gameClipId, scid, state: state as 'Published' }) }, { headers: { ETag: '"e1"' } });
    }
    if (request.method === 'DELETE') return new Response(null, { status: 204 });
    throw new Error(`unexpected ${request.method} ${request.url}`);
  };
  const file = () => {
    const parts = [...stored].sort(([a], [b]) => a - b).map(([, bytes]) => bytes);
    return new Uint8Array(Buffer.concat(parts));
  };
  const puts = () => sent.filter((s) => s.method === 'PUT' && s.url.searchParams.has('blockNum'));
  return { fetch, sent, file, puts };
}

const unavailable = () => Response.json({ errorCode: 5030, errorMessage: 'Service unavailable' }, { status: 503, headers: { 'Retry-After': '0' } });

describe('uploadClip', () => {
  it('reserves, sends every block in parallel and waits until the clip is published', async () => {
    const server = service();
    const client = createGameClipsClient({ baseUrl, token: 'tok', fetch: server.fetch });
    const data = pattern(10_000);
    const progress: UploadProgress[] = [];
    const clip = await client.uploadClip(data, {
      scid,
      metadata: { userCaption: 'GG', visibility: 'Public' },
      blockSize: 4096,
      parallel: 2,
      pollIntervalMs: 1,
      onProgress: (p) => progress.push(p),
    });
    expect(clip).toMatchObject({ gameClipId, state: 'Published' });
    const [reserve] = server.sent;
    expect(JSON.parse(new TextDecoder().decode(reserve!.body))).toEqual({ userCaption: 'GG', visibility: 'Public', fileSize: 10_000, expectedBlocks: 3 });
    expect(server.puts().map((s) => s.url.href).sort()).toEqual([0, 1, 2].map((n) => `${uploadUri}?blockNum=${n}`));
    for (const put of server.puts()) {
      expect(put.headers.get('Content-Type')).toBe('application/octet-stream');
      expect(put.headers.get('Authorization')).toBe('Xauth=tok');
      expect(put.headers.get('X-RequestedServiceVersion')).toBe('1');
    }
    expect(server.file()).toEqual(data);
    expect(progress.map((p) => p.total)).toEqual([10_000, 10_000, 10_000]);
    expect(progress.map((p) => p.loaded).sort((a, b) => a - b)).toEqual(progress.map((p) => p.loaded));
    expect(progress.at(-1)?.loaded).toBe(10_000);
    expect(server.sent.filter((s) => s.method === 'GET')).toHaveLength(2);
  });

  it('reads a stream of known size block by block', async () => {
    const server = service();
    const client = createGameClipsClient({ baseUrl, token: 'tok', fetch: server.fetch });
    const data = pattern(9000);
    const stream = new Blob([data]).stream();
    await client.uploadClip(stream, { scid, size: data.length, blockSize: 2000, pollIntervalMs: 1 });
    expect(server.puts()).toHaveLength(5);
    expect(server.file()).toEqual(data);
  });

  it('retries a block answered with 503 and Retry-After, as any call', async () => {
    const server = service({ onBlock: (blockNum, count) => (blockNum === 1 && count === 2 ? unavailable() : undefined) });
    const client = createGameClipsClient({ baseUrl, token: 'tok', fetch: server.fetch });
    const data = pattern(10_000);
    await client.uploadClip(data, { scid, blockSize: 4096, parallel: 1, pollIntervalMs: 1 });
    expect(server.puts().map((s) => s.url.searchParams.get('blockNum'))).toEqual(['0', '1', '1', '2']);
    expect(server.file()).toEqual(data);
  });

  it('stops at a refused block, deletes the reservation and rejects with the error', async () => {
    const refused = () => Response.json({ errorCode: 4008, errorMessage: 'sizes do not add up' }, { status: 400 });
    const server = service({ onBlock: (blockNum) => (blockNum === 1 ? refused() : undefined) });
    const client = createGameClipsClient({ baseUrl, token: 'tok', fetch: server.fetch });
    const error = await client.uploadClip(pattern(20_000), { scid, blockSize: 4096, parallel: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GameClipsApiError);
    expect(error).toMatchObject({ status: 400, errorMessage: 'sizes do not add up' });
    expect(server.puts()).toHaveLength(2);
    expect(server.sent.at(-1)).toMatchObject({ method: 'DELETE', url: new URL(`${baseUrl}/users/me/scids/${scid}/clips/${gameClipId}`) });
  });

  it('stops when aborted, deletes the reservation and rejects with the reason', async () => {
    const controller = new AbortController();
    const server = service({
      onBlock: (blockNum) => {
        if (blockNum === 1) controller.abort(new Error('cancelled by the user'));
        return undefined;
      },
    });
    const client = createGameClipsClient({ baseUrl, token: 'tok', fetch: server.fetch });
    const upload = client.uploadClip(pattern(40_000), { scid, blockSize: 4096, parallel: 1, signal: controller.signal });
    await expect(upload).rejects.toThrow('cancelled by the user');
    expect(server.puts()).toHaveLength(2);
    expect(server.sent.at(-1)?.method).toBe('DELETE');
  });

  it('sends the thumbnails to the reservation\'s URIs, with their image type', async () => {
    const server = service();
    const client = createGameClipsClient({ baseUrl, token: 'tok', fetch: server.fetch });
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const jpeg = new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0])]);
    await client.uploadClip(pattern(10), { scid, thumbnails: { large: png, small: jpeg }, pollIntervalMs: 1 });
    expect(JSON.parse(new TextDecoder().decode(server.sent[0]!.body))).toMatchObject({ thumbnailSource: 'Upload' });
    const images = server.sent.filter((s) => s.url.pathname.includes('/thumbnails/'));
    expect(images.map((s) => [s.url.href, s.headers.get('Content-Type'), s.body.length])).toEqual([
      [`${uploadUri}/thumbnails/large`, 'image/png', 7],
      [`${uploadUri}/thumbnails/small`, 'image/jpeg', 4],
    ]);
  });

  it('fails with GameClipsUploadError when no block completes the file, or the clip does not get published', async () => {
    const never = service({ onBlock: () => new Response(null, { status: 202 }) });
    const client = createGameClipsClient({ baseUrl, token: 'tok', fetch: never.fetch });
    await expect(client.uploadClip(pattern(10), { scid })).rejects.toThrow(GameClipsUploadError);
    expect(never.sent.at(-1)?.method).toBe('DELETE');

    const failing = service({ states: ['Processing', 'Error'] });
    const other = createGameClipsClient({ baseUrl, token: 'tok', fetch: failing.fetch });
    await expect(other.uploadClip(pattern(10), { scid, pollIntervalMs: 1 })).rejects.toMatchObject({
      name: 'GameClipsUploadError',
      gameClipId,
      message: `The uploaded clip ${gameClipId} went Error rather than Published`,
    });
  });

  it('checks its options before sending anything', async () => {
    const server = service();
    const client = createGameClipsClient({ baseUrl, token: 'tok', fetch: server.fetch });
    // @ts-expect-error a stream needs its size
    await expect(client.uploadClip(new Blob([]).stream(), { scid })).rejects.toThrow(TypeError);
    await expect(client.uploadClip(pattern(10), { scid, blockSize: 3 * 1024 * 1024 })).rejects.toThrow(RangeError);
    await expect(client.uploadClip(pattern(10), { scid, parallel: 0 })).rejects.toThrow(RangeError);
    await expect(client.uploadClip(new Uint8Array(0), { scid })).rejects.toThrow(RangeError);
    expect(server.sent).toEqual([]);
  });
});

describe('uploadClip of a stream that stalls', () => {
  it('rejects at once when aborted, and deletes the reservation', async () => {
    const server = service();
    const client = createGameClipsClient({ baseUrl, token: 'tok', fetch: server.fetch });
    const controller = new AbortController();
    // The first read comes after the reservation; the stream never answers it, and the user gives up.
    const stalled = new ReadableStream<Uint8Array>({
      pull: () => {
        controller.abort(new Error('cancelled while waiting for bytes'));
        return new Promise(() => {});
      },
    }, { highWaterMark: 0 });
    const upload = client.uploadClip(stalled, { scid, size: 100, signal: controller.signal });
    await expect(upload).rejects.toThrow('cancelled while waiting for bytes');
    expect(server.puts()).toEqual([]);
    expect(server.sent.at(-1)?.method).toBe('DELETE');
  });
});
