import { createGameClipsClient, GameClipsApiError, type GameClipsClient } from '@gameclips/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness } from './harness.js';
import { statusOf } from './status-of.js';
import { FOREIGN_TOKEN, OTHER_SCID, UNKNOWN_CLIP } from './test-values.js';
import { describeListAndDeleteCases } from './list-coverage-cases.js';
import { describeUploadCases } from './upload-coverage-cases.js';

/**
 * Drives the real server with the real client until every (operation, status) pair the
 * contract declares has been produced, every response checked against the contract by
 * ResponseChecker. The last test prints the matrix and fails on a gap.
 */
let h: Harness;
let owner: GameClipsClient;
let viewer: GameClipsClient;

beforeAll(async () => {
  h = await Harness.start();
  owner = await h.client(h.demo.ownerXuid);
  viewer = await h.client(h.demo.otherXuid);
});
afterAll(() => h.close());

type Op = 'getClip' | 'updateClipMetadata' | 'rateClip' | 'flagClip' | 'recordClipView';

/** Calls an operation on a clip with a client, with any extra parameters. */
function call(client: GameClipsClient, op: Op, ref: { scid?: string; gameClipId?: string; ownerId?: string }, extra: Record<string, unknown> = {}) {
  const params = { scid: h.demo.scid, gameClipId: h.demo.clips.fresh, ...ref, ...extra } as never;
  switch (op) {
    case 'getClip':
      return client.getClip(params);
    case 'updateClipMetadata':
      return client.updateClipMetadata({ body: { userCaption: 'contract' }, ...(params as object) } as never);
    case 'rateClip':
      return client.rateClip({ rating: 4, ...(params as object) } as never);
    case 'flagClip':
      return client.flagClip(params);
    case 'recordClipView':
      return client.recordClipView(params);
  }
}

const all: Op[] = ['getClip', 'updateClipMetadata', 'rateClip', 'flagClip', 'recordClipView'];
const writes: Op[] = ['updateClipMetadata', 'rateClip', 'flagClip', 'recordClipView'];

describe.each(all)('%s', (op) => {
  it('answers 200 to its owner', async () => {
    expect(await statusOf(call(owner, op, {}))).toBe(200);
  });

  it('answers 400 for a clip id that breaks its pattern', async () => {
    expect(await statusOf(call(owner, op, { gameClipId: 'not-a-clip' }))).toBe(400);
  });

  it('answers 401 for a token signed with another key', async () => {
    const bad = createGameClipsClient({ baseUrl: h.server.url, token: FOREIGN_TOKEN, fetch: h.fetch, retry: false });
    expect(await statusOf(call(bad, op, {}))).toBe(401);
  });

  it('answers 403 for a scid that is not the caller scid', async () => {
    expect(await statusOf(call(owner, op, { scid: OTHER_SCID }))).toBe(403);
  });

  it('answers 404 for a clip that does not exist', async () => {
    expect(await statusOf(call(owner, op, { gameClipId: UNKNOWN_CLIP }))).toBe(404);
  });

  it('answers 406 for an unsupported service version', async () => {
    const future = await h.client(h.demo.ownerXuid, { serviceVersion: '2' });
    expect(await statusOf(call(future, op, {}))).toBe(406);
  });

  it.each([503, 429] as const)('answers %i while the server sheds load', async (status) => {
    const error = await h.shedding(status, () => call(owner, op, {}).then(() => undefined, (e: unknown) => e));
    expect(error).toBeInstanceOf(GameClipsApiError);
    expect((error as GameClipsApiError).status).toBe(status);
    expect((error as GameClipsApiError).retryAfter).toBe(1);
  });
});

describe.each(writes)('%s (a write)', (op) => {
  it('answers 412 when If-Match is stale', async () => {
    expect(await statusOf(call(owner, op, {}, { ifMatch: '"0-0"' }))).toBe(412);
  });

  it('writes when If-Match is the current ETag, and returns the ETag after it', async () => {
    const { etag } = await owner.getClip({ scid: h.demo.scid, gameClipId: h.demo.clips.fresh });
    const written = (await call(owner, op, {}, { ifMatch: etag })) as { etag?: string };
    // The ETag covers the owner's metadata: only a metadata update changes it.
    if (op === 'updateClipMetadata') expect(written.etag).not.toBe(etag);
    else expect(written.etag).toBe(etag);
  });
});

describe('updateClipMetadata, owner data', () => {
  it('answers 403 with 8377 when another user edits through xuid()', async () => {
    const error = await call(viewer, 'updateClipMetadata', { ownerId: `xuid(${h.demo.ownerXuid})` }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GameClipsApiError);
    expect((error as GameClipsApiError).errorCode).toBe(8377);
  });

  it('answers 400 for an invalid body', async () => {
    const body = { userCaption: 'ok', visibility: 'None' } as never;
    expect(await statusOf(owner.updateClipMetadata({ scid: h.demo.scid, gameClipId: h.demo.clips.fresh, body }))).toBe(400);
  });

  it('answers 413 for a body over the size limit', async () => {
    const body = { titleData: 'x'.repeat(70_000) };
    expect(await statusOf(owner.updateClipMetadata({ scid: h.demo.scid, gameClipId: h.demo.clips.fresh, body }))).toBe(413);
  });

  it('answers 415 for a body that is not JSON', async () => {
    const { response } = await owner.raw.POST('/users/{ownerId}/scids/{scid}/clips/{gameClipId}', {
      params: { path: { ownerId: 'me', scid: h.demo.scid, gameClipId: h.demo.clips.fresh }, header: { 'X-RequestedServiceVersion': '1' } },
      body: 'userCaption=plain' as never,
      bodySerializer: (body: unknown) => String(body),
      headers: { 'Content-Type': 'text/plain' },
    });
    expect(response.status).toBe(415);
  });
});

describeListAndDeleteCases(
  () => h,
  (xuid) => h.server.mintToken({ xuid, scid: h.demo.scid, titleId: h.demo.titleId }),
  () => owner,
);

describeUploadCases(
  () => h,
  (xuid, claims = {}) => h.server.mintToken({ xuid, scid: claims.scid ?? h.demo.scid, titleId: claims.titleId ?? h.demo.titleId }),
);

describe('the contract, as the tests saw it', () => {
  it('was never breached by a response', () => {
    expect(h.checker.violations).toEqual([]);
  });

  it('produced every declared (operation, status) pair, and no other', () => {
    console.log(`\nCoverage of the contract's responses (count of responses seen):\n\n${h.coverage.table()}\n`);
    expect(h.coverage.undeclared()).toEqual([]);
    expect(h.coverage.missing()).toEqual([]);
  });
});
