import { call, type PlayerGameClipsResponse } from '@xboxreplay/xboxlive-api';
import { describeErrors, schemaValidator } from '@gameclips/contract';
import { demoClips, startServer, type RunningServer } from '@gameclips/server';
import type { GameClip } from '@gameclips/types';
import { afterAll, beforeAll, expect, it } from 'vitest';

// A client no one here wrote: XboxReplay's @xboxreplay/xboxlive-api, as published on npm.
// Its getPlayerGameClips() always calls the real service's host, so the test calls what that
// helper calls, the exported call(), with the same URL shape, query and headers (XBL3.0
// authorization, x-xbl-contract-version: 2, gzip), pointed at the reference server.

const OWNER = '2814000000000001';
const VIEWER = '2814000000000002';
const STRANGER = '2814000000000003';
const USER_HASH = '3458712094857120985';
const PUBLIC_CLIPS = 57;
const PAGE_SIZE = 10;

let server: RunningServer;
let visible: GameClip[];

function clip(n: number, changes: Partial<GameClip> = {}): GameClip {
  const recorded = new Date(Date.UTC(2026, 0, 1) + n * 3_600_000).toISOString();
  return {
    ...demoClips[0]!,
    gameClipId: `b0000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
    xuid: OWNER,
    dateRecorded: recorded,
    lastModified: recorded,
    clipName: `Clip ${n}`,
    visibility: 'Public',
    rating: 0,
    ratingCount: 0,
    views: n,
    ...changes,
  };
}

beforeAll(async () => {
  server = await startServer({ db: ':memory:', seed: 'none', tokenSecret: 'xboxlive-api-test-secret-0123456789abcdef' });
  const shown = Array.from({ length: PUBLIC_CLIPS }, (_, i) => clip(i + 1));
  // Clips of the same user that another user may not see, and another user's clip.
  const hidden = [
    clip(1001, { visibility: 'Owner' }),
    clip(1002, { state: 'Flagged' }),
    clip(1003, { state: 'PendingUpload' }),
    clip(1004, { visibility: 'Title', titleId: server.demo.otherTitleId }),
    clip(1005, { xuid: STRANGER }),
  ];
  await server.store.insertClips([...shown, ...hidden]);
  // Newest first: the service's default order (qualifier=created, order=D).
  visible = shown.toReversed();
});
afterAll(() => server?.close());

it("pages through a user's clips with XboxReplay call(), maxItems and continuationToken", async () => {
  const token = await server.mintToken({ xuid: VIEWER, scid: server.demo.scid, titleId: server.demo.titleId, form: 'bare' });
  const authorization = { userHash: USER_HASH, XSTSToken: token };
  const url = `${server.url}/users/xuid(${OWNER})/clips`;
  const seen: PlayerGameClipsResponse['gameClips'] = [];
  const pages: string[] = [];
  let continuationToken: string | undefined;
  do {
    // What getPlayerGameClips(xuid, authorization, { maxItems, continuationToken }) sends,
    // with the reference server's URL in place of https://gameclipsmetadata.xboxlive.com.
    // proxy: false keeps axios from routing through an HTTP(S)_PROXY of the environment.
    const page = await call<PlayerGameClipsResponse>({ url, params: { maxItems: PAGE_SIZE, continuationToken }, proxy: false }, authorization);
    // What it got is what the contract promises a list page is.
    const validate = schemaValidator('ListClipsResponse');
    expect(validate(page), describeErrors(validate.errors)).toBe(true);
    seen.push(...page.gameClips);
    pages.push(`${page.gameClips.length} clips, continuationToken ${JSON.stringify(page.pagingInfo.continuationToken ?? null)}`);
    continuationToken = page.pagingInfo.continuationToken ?? undefined;
    expect(pages.length).toBeLessThanOrEqual(Math.ceil(PUBLIC_CLIPS / PAGE_SIZE) + 1);
  } while (continuationToken);

  console.log(
    `@xboxreplay/xboxlive-api call() against ${url}, maxItems=${PAGE_SIZE}:\n` +
      pages.map((p, i) => `  page ${i + 1}: ${p}`).join('\n') +
      `\n  ${seen.length} clips seen: ${seen[0]?.clipName} … ${seen.at(-1)?.clipName}`,
  );
  expect(seen.map((c) => c.gameClipId)).toEqual(visible.map((c) => c.gameClipId));
  expect(pages).toHaveLength(Math.ceil(PUBLIC_CLIPS / PAGE_SIZE));
  expect(seen[0]).toMatchObject({ xuid: OWNER, scid: server.demo.scid, state: 'Published', visibility: 'Public' });
});

it('gets the errors its callers handle: a bad token is its unauthorized error', async () => {
  const url = `${server.url}/users/xuid(${OWNER})/clips`;
  const error = await call({ url, proxy: false }, { userHash: USER_HASH, XSTSToken: 'not-a-token' }).catch((e: unknown) => e);
  expect(error).toMatchObject({ name: 'XboxReplayError', details: { statusCode: 401 } });
});
