import { connect } from 'node:net';
import type { InitialUploadResponse } from '@gameclips/types';
import { describe, expect, it } from 'vitest';
import type { Harness } from './harness.js';
import { FOREIGN_AUTHORIZATION, OTHER_SCID, UNKNOWN_CLIP } from './test-values.js';

// The (operation, status) pairs of uploads and downloads, produced over plain HTTP through the
// harness's recording fetch: the URIs are the absolute ones the server hands out, used as
// given, as clients do. Each response is checked against the contract and counted.

const MiB = 1024 * 1024;
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

interface Sent {
  status: number;
  headers: Headers;
  body: string;
}

/**
 * Sends a request whose body is over the 2 MiB limit on a raw socket (a fetch would see the
 * connection closed under its upload), then checks and counts the answer as the recording
 * fetch does.
 */
async function sendOversized(h: Harness, url: string, authorization: string, contentType: string): Promise<Sent> {
  const { hostname, port, pathname, search } = new URL(url);
  const head = `PUT ${pathname}${search} HTTP/1.1\r\nHost: ${hostname}\r\nAuthorization: ${authorization}\r\nX-RequestedServiceVersion: 1\r\nContent-Type: ${contentType}\r\nContent-Length: ${2 * MiB + 1}\r\n\r\n`;
  const data = await new Promise<Buffer>((resolve) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(Buffer.concat(chunks)));
    socket.write(head);
  });
  const text = data.toString('utf8');
  const end = text.indexOf('\r\n\r\n');
  const [statusLine, ...lines] = text.slice(0, end).split('\r\n');
  const headers = new Headers(lines.map((line) => [line.slice(0, line.indexOf(':')).trim(), line.slice(line.indexOf(':') + 1).trim()] as [string, string]));
  const body = text.slice(end + 4);
  const status = Number(statusLine!.split(' ')[1]);
  const operationId = h.checker.check('PUT', url, status, headers, body);
  if (operationId) h.coverage.record(operationId, status);
  return { status, headers, body };
}

/** Registers the upload and download cases; `harness()` is the suite's harness, `token(xuid, claims)` an Authorization value. */
export function describeUploadCases(harness: () => Harness, token: (xuid: string, claims?: { titleId?: number; scid?: string }) => Promise<string>): void {
  const owner = () => token(harness().demo.ownerXuid);

  async function send(method: string, url: string, options: { authorization?: string; headers?: Record<string, string>; body?: BodyInit } = {}): Promise<Sent> {
    const authorization = options.authorization ?? (await owner());
    const response = await harness().fetch(url, {
      method,
      headers: { Authorization: authorization, 'X-RequestedServiceVersion': '1', ...options.headers },
      ...(options.body === undefined ? {} : { body: options.body }),
    });
    return { status: response.status, headers: response.headers, body: await response.text() };
  }

  const reserveUrl = (scid: string = harness().demo.scid, ownerId = 'me') => `${harness().server.url}/users/${ownerId}/scids/${scid}/clips`;
  const json = { 'Content-Type': 'application/json' };
  const bytes = { 'Content-Type': 'application/octet-stream' };

  async function reservation(body: Record<string, unknown> = { fileSize: 20, expectedBlocks: 2, thumbnailSource: 'Upload', visibility: 'Public' }): Promise<InitialUploadResponse> {
    const sent = await send('POST', reserveUrl(), { headers: json, body: JSON.stringify(body) });
    expect(sent.status).toBe(200);
    return JSON.parse(sent.body) as InitialUploadResponse;
  }

  /** A published clip of 20 bytes (two blocks) with a small thumbnail; its download URIs. */
  async function published(): Promise<{ video: string; thumbnail: string }> {
    const r = await reservation();
    expect((await send('PUT', r.smallThumbnailUri!, { headers: { 'Content-Type': 'image/png' }, body: PNG })).status).toBe(201);
    expect((await send('PUT', `${r.uploadUri}?blockNum=0`, { headers: bytes, body: new Uint8Array(10) })).status).toBe(202);
    expect((await send('PUT', `${r.uploadUri}?blockNum=1`, { headers: bytes, body: new Uint8Array(10) })).status).toBe(201);
    const clipUrl = `${harness().server.url}/users/me/scids/${harness().demo.scid}/clips/${r.gameClipId}`;
    for (let i = 0; i < 400; i++) {
      const clip = JSON.parse((await send('GET', clipUrl)).body).gameClip;
      if (clip.state === 'Published') return { video: clip.gameClipUris[0].uri, thumbnail: clip.thumbnails[0].uri };
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('the clip was not published');
  }

  async function shedding(status: 503 | 429, request: () => Promise<Sent>): Promise<void> {
    expect((await harness().shedding(status, request)).status).toBe(status);
  }

  describe('reserveUpload', () => {
    it('answers 200 with absolute URIs', async () => {
      const r = await reservation();
      expect(r.uploadUri.startsWith(`${harness().server.url}/uploads/`)).toBe(true);
    });

    it('answers 400 for a bad body, 413 for a body over 64 KiB, 415 for a body that is not JSON', async () => {
      expect((await send('POST', reserveUrl(), { headers: json, body: '{"fileSize":0}' })).status).toBe(400);
      expect((await send('POST', reserveUrl(), { headers: json, body: JSON.stringify({ fileSize: 1, titleData: 'x'.repeat(70_000) }) })).status).toBe(413);
      expect((await send('POST', reserveUrl(), { headers: { 'Content-Type': 'text/plain' }, body: 'fileSize=1' })).status).toBe(415);
    });

    it('answers 401 for a bad token, 403 for another owner, another scid or no titleId claim, 406 for an unsupported version', async () => {
      const body = JSON.stringify({ fileSize: 1 });
      expect((await send('POST', reserveUrl(), { authorization: FOREIGN_AUTHORIZATION, headers: json, body })).status).toBe(401);
      expect((await send('POST', reserveUrl(undefined, `xuid(${harness().demo.otherXuid})`), { headers: json, body })).status).toBe(403);
      expect((await send('POST', reserveUrl(OTHER_SCID), { headers: json, body })).status).toBe(403);
      const noTitle = await harness().server.mintToken({ xuid: harness().demo.ownerXuid, scid: harness().demo.scid });
      expect((await send('POST', reserveUrl(), { authorization: noTitle, headers: json, body })).status).toBe(403);
      expect((await send('POST', reserveUrl(), { headers: { ...json, 'X-RequestedServiceVersion': '2' }, body })).status).toBe(406);
    });

    it.each([503, 429] as const)('answers %i while the server sheds load', (status) =>
      shedding(status, () => send('POST', reserveUrl(), { headers: json, body: '{"fileSize":1}' })),
    );
  });

  describe('uploadClipBlock', () => {
    it('answers 202, then 201 for the block that completes the file, then 409', async () => {
      const r = await reservation();
      expect((await send('PUT', `${r.uploadUri}?blockNum=1`, { headers: bytes, body: new Uint8Array(10) })).status).toBe(202);
      expect((await send('PUT', `${r.uploadUri}?blockNum=0`, { headers: bytes, body: new Uint8Array(10) })).status).toBe(201);
      expect((await send('PUT', `${r.uploadUri}?blockNum=0`, { headers: bytes, body: new Uint8Array(10) })).status).toBe(409);
    });

    it('answers 400, 401, 403, 404, 406, 413 and 415 to bad blocks', async () => {
      const r = await reservation();
      const block = { headers: bytes, body: new Uint8Array(10) };
      expect((await send('PUT', `${r.uploadUri}?blockNum=2`, block)).status).toBe(400);
      expect((await send('PUT', `${r.uploadUri}?blockNum=0`, { ...block, authorization: FOREIGN_AUTHORIZATION })).status).toBe(401);
      const otherScid = await token(harness().demo.ownerXuid, { scid: OTHER_SCID });
      expect((await send('PUT', `${r.uploadUri}?blockNum=0`, { ...block, authorization: otherScid })).status).toBe(403);
      expect((await send('PUT', `${harness().server.url}/uploads/${harness().demo.scid}/${UNKNOWN_CLIP}?blockNum=0`, block)).status).toBe(404);
      expect((await send('PUT', `${r.uploadUri}?blockNum=0`, { ...block, headers: { ...bytes, 'X-RequestedServiceVersion': '2' } })).status).toBe(406);
      expect((await sendOversized(harness(), `${r.uploadUri}?blockNum=0`, await owner(), 'application/octet-stream')).status).toBe(413);
      expect((await send('PUT', `${r.uploadUri}?blockNum=0`, { headers: { 'Content-Type': 'text/plain' }, body: 'plain' })).status).toBe(415);
    });

    it.each([503, 429] as const)('answers %i while the server sheds load', async (status) => {
      const r = await reservation();
      await shedding(status, () => send('PUT', `${r.uploadUri}?blockNum=0`, { headers: bytes, body: new Uint8Array(10) }));
    });
  });

  describe('uploadThumbnail', () => {
    it('answers 201', async () => {
      const r = await reservation();
      expect((await send('PUT', r.largeThumbnailUri!, { headers: { 'Content-Type': 'image/png' }, body: PNG })).status).toBe(201);
    });

    it('answers 400, 401, 403, 404, 406, 413 and 415 to bad thumbnails', async () => {
      const r = await reservation();
      const image = { headers: { 'Content-Type': 'image/png' }, body: PNG };
      expect((await send('PUT', r.largeThumbnailUri!, { ...image, body: new Uint8Array(0) })).status).toBe(400);
      expect((await send('PUT', r.largeThumbnailUri!, { ...image, authorization: FOREIGN_AUTHORIZATION })).status).toBe(401);
      const otherScid = await token(harness().demo.ownerXuid, { scid: OTHER_SCID });
      expect((await send('PUT', r.largeThumbnailUri!, { ...image, authorization: otherScid })).status).toBe(403);
      const plain = await reservation({ fileSize: 1 });
      expect((await send('PUT', `${plain.uploadUri}/thumbnails/large`, image)).status).toBe(404);
      expect((await send('PUT', r.largeThumbnailUri!, { ...image, headers: { ...image.headers, 'X-RequestedServiceVersion': '2' } })).status).toBe(406);
      expect((await sendOversized(harness(), r.largeThumbnailUri!, await owner(), 'image/png')).status).toBe(413);
      expect((await send('PUT', r.largeThumbnailUri!, { headers: { 'Content-Type': 'image/gif' }, body: PNG })).status).toBe(415);
    });

    it.each([503, 429] as const)('answers %i while the server sheds load', async (status) => {
      const r = await reservation();
      await shedding(status, () => send('PUT', r.smallThumbnailUri!, { headers: { 'Content-Type': 'image/png' }, body: PNG }));
    });
  });

  describe.each(['downloadClip', 'downloadThumbnail'] as const)('%s', (operationId) => {
    let uri: string;
    const target = async () => (uri ??= (await published())[operationId === 'downloadClip' ? 'video' : 'thumbnail']);

    it('answers 200 with the file and 206 with a range', async () => {
      expect((await send('GET', await target())).status).toBe(200);
      expect((await send('GET', await target(), { headers: { Range: 'bytes=0-3' } })).status).toBe(206);
    });

    it('answers 400, 401, 404, 406 and 416', async () => {
      const url = await target();
      expect((await send('GET', url.replace(/\/downloads\/[^/]+\//, '/downloads/not-a-scid/'))).status).toBe(400);
      expect((await send('GET', url, { authorization: FOREIGN_AUTHORIZATION })).status).toBe(401);
      const unknown = url.replace(/\/downloads\/([^/]+)\/[^/]+/, `/downloads/$1/${UNKNOWN_CLIP}`);
      expect((await send('GET', unknown)).status).toBe(404);
      expect((await send('GET', url, { headers: { 'X-RequestedServiceVersion': '2' } })).status).toBe(406);
      expect((await send('GET', url, { headers: { Range: 'bytes=999-' } })).status).toBe(416);
    });

    it.each([503, 429] as const)('answers %i while the server sheds load', async (status) => {
      const url = await target();
      await shedding(status, () => send('GET', url));
    });
  });
}
