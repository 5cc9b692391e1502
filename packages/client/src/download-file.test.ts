import { describe, expect, it } from 'vitest';
import { createGameClipsClient } from './create-game-clips-client.js';
import { GameClipsApiError } from './game-clips-api-error.js';
import { GameClipsError } from './game-clips-error.js';
import { GameClipsResponseError } from './game-clips-response-error.js';
import { sampleClip } from './sample-clip.fixture.js';
import { pattern } from './test-bytes.fixture.js';

// downloadClip and downloadThumbnail with an injected `fetch` that serves a file as the
// service would; over real HTTP against the reference server in the contract tests.

const file = pattern(1000);
const clip = sampleClip();
const downloadUri = clip.gameClipUris[0]!.uri;

/** Serves `file` at any URL, honouring `bytes=a-b`, `bytes=a-` and `bytes=-n`; records each request. */
function fileServer() {
  const requests: Request[] = [];
  const fetch = async (request: Request) => {
    requests.push(request);
    const range = request.headers.get('Range');
    const headers = { 'Content-Type': 'video/mp4', ETag: '"f1"', 'Accept-Ranges': 'bytes' };
    if (range === null) return new Response(file, { headers: { ...headers, 'Content-Length': String(file.length) } });
    const [, a = '', b = ''] = /^bytes=(\d*)-(\d*)$/.exec(range) ?? [];
    const start = a === '' ? file.length - Number(b) : Number(a);
    const end = a === '' || b === '' ? file.length - 1 : Math.min(Number(b), file.length - 1);
    if (start >= file.length) {
      return Response.json({ errorCode: 4160, errorMessage: 'The range cannot be satisfied' }, { status: 416, headers: { 'Content-Range': `bytes */${file.length}` } });
    }
    const part = file.slice(start, end + 1);
    return new Response(part, {
      status: 206,
      headers: { ...headers, 'Content-Length': String(part.length), 'Content-Range': `bytes ${start}-${end}/${file.length}` },
    });
  };
  return { fetch, requests };
}

describe('downloadClip', () => {
  it('downloads the whole file from the clip\'s Download URI, with the client\'s headers', async () => {
    const server = fileServer();
    const client = createGameClipsClient({ baseUrl: 'https://clips.example.test', token: 'tok', fetch: server.fetch });
    const download = await client.downloadClip(clip);
    expect(download).toMatchObject({ partial: false, start: 0, end: 999, size: 1000, contentType: 'video/mp4', etag: '"f1"' });
    expect(await download.bytes()).toEqual(file);
    expect(server.requests[0]!.url).toBe(downloadUri);
    expect(server.requests[0]!.headers.get('Authorization')).toBe('Xauth=tok');
    expect(server.requests[0]!.headers.has('Range')).toBe(false);
  });

  it('asks for a range and reads where its bytes sit from Content-Range', async () => {
    const server = fileServer();
    const client = createGameClipsClient({ baseUrl: 'https://clips.example.test', token: 'tok', fetch: server.fetch });
    const cases = [
      [{ start: 10, end: 19 }, 'bytes=10-19', 10, 19],
      [{ start: 990 }, 'bytes=990-', 990, 999],
      [{ last: 5 }, 'bytes=-5', 995, 999],
      [{ start: 998, end: 5000 }, 'bytes=998-5000', 998, 999],
    ] as const;
    for (const [range, header, start, end] of cases) {
      const download = await client.downloadClip(clip, { range, ifRange: '"f1"' });
      expect(server.requests.at(-1)!.headers.get('Range')).toBe(header);
      expect(server.requests.at(-1)!.headers.get('If-Range')).toBe('"f1"');
      expect(download).toMatchObject({ partial: true, start, end, size: 1000 });
      expect(await download.bytes()).toEqual(file.slice(start, end + 1));
    }
    const blob = await (await client.downloadClip({ uri: downloadUri }, { range: { start: 0, end: 3 } })).blob();
    expect(blob.type).toBe('video/mp4');
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(file.slice(0, 4));
  });

  it('throws GameClipsApiError for 416', async () => {
    const client = createGameClipsClient({ baseUrl: 'https://clips.example.test', token: 'tok', fetch: fileServer().fetch });
    const error = await client.downloadClip(clip, { range: { start: 1000 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GameClipsApiError);
    expect(error).toMatchObject({ status: 416, errorCode: 4160 });
  });

  it('throws for a clip without a Download URI, and for a 206 without a readable Content-Range', async () => {
    const server = fileServer();
    const client = createGameClipsClient({ baseUrl: 'https://clips.example.test', token: 'tok', fetch: server.fetch });
    await expect(client.downloadClip({ gameClipUris: [], state: 'PendingUpload' })).rejects.toThrow(
      new GameClipsError('The clip has no Download URI (it is PendingUpload; only a Published clip has one)'),
    );
    expect(server.requests).toEqual([]);
    const broken = createGameClipsClient({
      baseUrl: 'https://clips.example.test',
      token: 'tok',
      fetch: async () => new Response('x', { status: 206, headers: { 'Content-Range': 'bytes 0-0' } }),
    });
    await expect(broken.downloadClip(clip, { range: { start: 0, end: 0 } })).rejects.toThrow(GameClipsResponseError);
  });

  it('cancels the body when the signal aborts after the headers came', async () => {
    const controller = new AbortController();
    let cancelled = false;
    const endless = new ReadableStream<Uint8Array>({
      pull: (c) => c.enqueue(new Uint8Array(16)),
      cancel: () => void (cancelled = true),
    });
    const client = createGameClipsClient({
      baseUrl: 'https://clips.example.test',
      token: 'tok',
      fetch: async (request) => {
        request.signal.addEventListener('abort', () => void endless.cancel(request.signal.reason));
        return new Response(endless, { headers: { 'Content-Length': '1000000' } });
      },
    });
    const download = await client.downloadClip(clip, { signal: controller.signal });
    controller.abort(new Error('enough'));
    expect(cancelled).toBe(true);
    expect(download.size).toBe(1_000_000);
  });
});

describe('downloadThumbnail', () => {
  it('downloads a thumbnail from its uri', async () => {
    const server = fileServer();
    const client = createGameClipsClient({ baseUrl: 'https://clips.example.test', token: 'tok', fetch: server.fetch });
    const thumbnail = { uri: 'https://clips.example.test/downloads/x/thumbnails/small', fileSize: 1000, thumbnailType: 'Small' as const };
    expect(await (await client.downloadThumbnail(thumbnail, { range: { last: 10 } })).bytes()).toEqual(file.slice(990));
    expect(server.requests[0]!.url).toBe(thumbnail.uri);
  });
});
