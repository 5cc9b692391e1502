import type { GameClip, InitialUploadRequest, InitialUploadResponse } from '@gameclips/types';
import { send, type TestResponse } from './api-client.js';

/** The headers of an API call with a token. */
function headers(authorization: string, extra: Record<string, string> = {}): Record<string, string> {
  return { Authorization: authorization, 'X-RequestedServiceVersion': '1', ...extra };
}

/** Deterministic bytes of a test file: every byte depends on its offset, so a misplaced range shows. */
export function fileBytes(size: number, seed = 7): Buffer {
  const bytes = Buffer.alloc(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  return bytes;
}

/** Splits bytes into blocks of `blockSize` (the last one shorter). */
export function blocksOf(bytes: Uint8Array, blockSize: number): Uint8Array[] {
  const blocks: Uint8Array[] = [];
  for (let start = 0; start < bytes.byteLength; start += blockSize) blocks.push(bytes.subarray(start, start + blockSize));
  return blocks;
}

/** POSTs a reservation to `/users/{ownerId}/scids/{scid}/clips`. */
export function reserve(baseUrl: string, authorization: string, scid: string, body: Partial<InitialUploadRequest> | string, ownerId = 'me'): Promise<TestResponse> {
  return send(`${baseUrl}/users/${ownerId}/scids/${scid}/clips`, {
    method: 'POST',
    headers: headers(authorization, { 'Content-Type': 'application/json' }),
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Reserves and returns the reservation; fails the test on anything but 200. */
export async function reserved(baseUrl: string, authorization: string, scid: string, body: Partial<InitialUploadRequest>): Promise<InitialUploadResponse> {
  const response = await reserve(baseUrl, authorization, scid, body);
  if (response.status !== 200) throw new Error(`reservation answered ${response.status}: ${response.text}`);
  return response.json as InitialUploadResponse;
}

/** PUTs one block (or any body) to an upload URI. */
export function putBlock(
  uploadUri: string,
  authorization: string,
  blockNum: number | string | undefined,
  body: Uint8Array,
  extra: Record<string, string> = {},
): Promise<TestResponse> {
  const url = blockNum === undefined ? uploadUri : `${uploadUri}?blockNum=${blockNum}`;
  return send(url, { method: 'PUT', headers: headers(authorization, { 'Content-Type': 'application/octet-stream', ...extra }), body });
}

/** Sends every block, in the given order, one after another; the statuses. */
export async function putBlocks(uploadUri: string, authorization: string, blocks: readonly Uint8Array[], order = blocks.map((_, i) => i)): Promise<number[]> {
  const statuses: number[] = [];
  for (const n of order) statuses.push((await putBlock(uploadUri, authorization, n, blocks[n]!)).status);
  return statuses;
}

/** GETs a download URI with the caller's token and any headers; the body as bytes. */
export async function download(uri: string, authorization: string | undefined, extra: Record<string, string> = {}): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
  const response = await fetch(uri, { headers: authorization ? headers(authorization, extra) : { 'X-RequestedServiceVersion': '1', ...extra } });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

/** Reads a clip as `authorization` sees it; undefined on 404. */
export async function readClip(baseUrl: string, authorization: string, scid: string, gameClipId: string): Promise<GameClip | undefined> {
  const response = await send(`${baseUrl}/users/me/scids/${scid}/clips/${gameClipId}`, { headers: headers(authorization) });
  if (response.status === 404) return undefined;
  if (response.status !== 200) throw new Error(`getClip answered ${response.status}: ${response.text}`);
  return (response.json as { gameClip: GameClip }).gameClip;
}

/** Polls the owner's read of a clip until it is Published (no assertion on how long that takes; `attempts` bounds the wait). */
export async function untilPublished(baseUrl: string, authorization: string, scid: string, gameClipId: string, attempts = 400): Promise<GameClip> {
  for (let i = 0; i < attempts; i++) {
    const clip = await readClip(baseUrl, authorization, scid, gameClipId);
    if (clip?.state === 'Published') return clip;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`clip ${gameClipId} was not published`);
}

/** Reserves, sends every block and waits for the clip to be published. */
export async function uploadWhole(baseUrl: string, authorization: string, scid: string, bytes: Uint8Array, blockSize: number, extra: Partial<InitialUploadRequest> = {}): Promise<GameClip> {
  const blocks = blocksOf(bytes, blockSize);
  const reservation = await reserved(baseUrl, authorization, scid, { fileSize: bytes.byteLength, expectedBlocks: blocks.length, ...extra });
  const statuses = await putBlocks(reservation.uploadUri, authorization, blocks);
  if (statuses.at(-1) !== 201) throw new Error(`the last block answered ${statuses.at(-1)}`);
  return untilPublished(baseUrl, authorization, scid, reservation.gameClipId);
}
