/**
 * Hostile input: at least 20,000 generated requests against `gameclips-server serve` on a
 * SQLite file, a share of them to the upload and download routes. Every request is a valid call made invalid in at least one way (a "poison":
 * a bad path segment, header, token, method or body), plus other variations that may or may
 * not matter; a few percent are malformed at the HTTP level and go out as raw bytes.
 *
 * Asserted: no 5xx, no 2xx (every request is invalid), every answer the app gave is a JSON
 * ServiceErrorResponse with a code of the contract's table, the server never exits and still
 * serves, and every row of the database is the same afterwards. Requests so malformed that
 * Node's HTTP parser answers them itself (a bare 400 or 431, no body: the app never sees
 * them) are counted apart; they too must not be 5xx.
 *
 * Two regression tests for what the generated requests found come first.
 * Settings: GAMECLIPS_FUZZ_REQUESTS (20000), GAMECLIPS_FUZZ_SEED, GAMECLIPS_FUZZ_CONCURRENCY (16).
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { demo, mintToken } from '../../src/index.js';
import { apiHeaders, clipPath } from './support/api.js';
import { childSecret, killAllChildren, startChild, stopChild, type ChildServer } from './support/child-server.js';
import { dumpDatabase } from './support/db-snapshot.js';
import { printFigures, sortedCounts } from './support/figures.js';
import { send, sendRaw, type HttpResult } from './support/http-client.js';
import { rawHostileRequest, type RawHostileRequest } from './support/hostile-raw.js';
import { hostileDocsRequest, hostileRequest, type DocsRequest, type FuzzContext, type HostileRequest } from './support/hostile-requests.js';
import { hostileUploadRequest, type UploadFuzzContext } from './support/hostile-upload-requests.js';
import { putBlock, reserved, untilPublished, uploadWhole } from '../support/upload-client.js';
import { forgeJwt, nowSeconds, tamperPayload } from './support/jwt-forge.js';
import { runPool } from './support/pool.js';
import { Prng, intFrom, seedFrom } from './support/prng.js';
import { serviceErrorProblems } from './support/service-error.js';

const REQUESTS = intFrom('GAMECLIPS_FUZZ_REQUESTS', 20_000);
const SEED = seedFrom('GAMECLIPS_FUZZ_SEED', 20_261_124);
const CONCURRENCY = intFrom('GAMECLIPS_FUZZ_CONCURRENCY', 16);
const RAW_SHARE = 0.04;
const DOCS_SHARE = 0.02;
const UPLOAD_SHARE = 0.12;

const secret = new TextEncoder().encode(childSecret);
let dir: string;
let server: ChildServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gameclips-fuzz-'));
  server = await startChild(['--db', join(dir, 'clips.sqlite'), '--seed', 'demo']);
});

afterAll(async () => {
  if (server && !server.hasExited()) await stopChild(server);
  killAllChildren();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function fuzzContext(): Promise<FuzzContext> {
  const { scid, ownerXuid, otherXuid } = demo;
  const bare = (claims: Parameters<typeof mintToken>[1], key = secret) => mintToken(key, { ...claims, form: 'bare' });
  const ownerToken = await bare({ xuid: ownerXuid, scid, titleId: demo.titleId });
  const now = nowSeconds();
  const claims = { xuid: ownerXuid, scid, iat: now, exp: now + 3600 };
  const { privateKey: rsa } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const badTokens = [
    await bare({ xuid: ownerXuid, scid, ttlSeconds: -60 }),
    await bare({ xuid: ownerXuid, scid }, new TextEncoder().encode('another secret, not the server one')),
    forgeJwt({ alg: 'none', typ: 'JWT' }, claims, { signature: '' }),
    forgeJwt({ alg: 'HS512', typ: 'JWT' }, claims, { hmac: 'sha512', key: secret }),
    forgeJwt({ alg: 'RS256', typ: 'JWT' }, claims, { hmac: 'sha256', key: secret }),
    forgeJwt({ alg: 'RS256', typ: 'JWT' }, claims, { rsa }),
    forgeJwt({ alg: 'HS256', typ: 'JWT' }, { xuid: ownerXuid, scid }, { hmac: 'sha256', key: secret }),
    forgeJwt({ alg: 'HS256', typ: 'JWT' }, { ...claims, nbf: now + 3600 }, { hmac: 'sha256', key: secret }),
    forgeJwt({ alg: 'HS256', typ: 'JWT' }, { ...claims, xuid: 'abc' }, { hmac: 'sha256', key: secret }),
    forgeJwt({ alg: 'HS256', typ: 'JWT' }, '{"xuid":', { hmac: 'sha256', key: secret }),
    tamperPayload(ownerToken, { xuid: otherXuid }),
    tamperPayload(ownerToken, { exp: now + 10 * 365 * 86400 }),
    `${ownerToken}x`,
    'a.b.c',
    'e30.e30.',
  ];
  return {
    scid,
    ownerXuid,
    otherXuid,
    ownClips: [demo.clips.public, demo.clips.ownerOnly, demo.clips.titleOnly, demo.clips.fresh],
    hiddenClip: demo.clips.othersFlagged,
    othersClip: demo.clips.othersPublic,
    ownerToken,
    otherToken: await bare({ xuid: otherXuid, scid }),
    otherScidToken: await bare({ xuid: ownerXuid, scid: '11111111-2222-4333-8444-555555555555' }),
    badTokens,
  };
}

/** The uploads the upload routes' requests aim at: a pending reservation with one block sent, and two published clips. */
async function uploadFuzzContext(url: string): Promise<UploadFuzzContext> {
  const owner = await mintToken(secret, { xuid: demo.ownerXuid, scid: demo.scid, titleId: demo.titleId });
  const pending = await reserved(url, owner, demo.scid, { fileSize: 300, expectedBlocks: 3, thumbnailSource: 'Upload' });
  expect((await putBlock(pending.uploadUri, owner, 0, Buffer.alloc(100))).status).toBe(202);
  const thumbnailed = await reserved(url, owner, demo.scid, { fileSize: 10, thumbnailSource: 'Upload', visibility: 'Public' });
  const png = await fetch(thumbnailed.smallThumbnailUri!, { method: 'PUT', headers: { Authorization: owner, 'X-RequestedServiceVersion': '1', 'Content-Type': 'image/png' }, body: Buffer.from([0x89, 0x50, 0x4e, 0x47]) });
  expect(png.status).toBe(201);
  expect((await putBlock(thumbnailed.uploadUri, owner, 0, Buffer.alloc(10, 1))).status).toBe(201);
  const ownerOnly = await uploadWhole(url, owner, demo.scid, Buffer.alloc(20, 2), 10, { visibility: 'Owner' });
  // The thumbnailed clip is published once processed: wait for it, so the database is settled before the run.
  await untilPublished(url, owner, demo.scid, thumbnailed.gameClipId);
  const path = (uri: string) => new URL(uri).pathname;
  return {
    pending: path(pending.uploadUri),
    published: path(thumbnailed.uploadUri).replace('/uploads/', '/downloads/'),
    ownerOnly: path(ownerOnly.gameClipUris[0]!.uri),
  };
}

/** Every clip as its owner reads it through the API. */
async function apiSnapshot(url: string): Promise<string[]> {
  const owners = [
    [demo.ownerXuid, [demo.clips.public, demo.clips.ownerOnly, demo.clips.titleOnly, demo.clips.fresh]],
    [demo.otherXuid, [demo.clips.othersPublic, demo.clips.othersFlagged]],
  ] as const;
  const out: string[] = [];
  for (const [xuid, ids] of owners) {
    const authorization = await mintToken(secret, { xuid, scid: demo.scid });
    for (const id of ids) {
      const res = await send(url, { path: clipPath('me', demo.scid, id), headers: apiHeaders(authorization) });
      out.push(`${res.status} ${res.headers.etag} ${res.text}`);
    }
  }
  return out;
}

type Case = { kind: 'http'; request: HostileRequest } | { kind: 'raw'; request: RawHostileRequest } | { kind: 'docs'; request: DocsRequest };

function describeCase(c: Case): string {
  if (c.kind === 'docs') return `docs ${c.request.label}`;
  if (c.kind === 'raw') return `raw "${c.request.label}": ${JSON.stringify(c.request.bytes.subarray(0, 160).toString('latin1'))}`;
  const { op, poisons, noise, req } = c.request;
  return `${op} [${poisons.join(', ')}] noise [${noise.join(', ')}] ${req.method} ${req.path.slice(0, 160)} headers ${JSON.stringify(req.headers).slice(0, 300)} body ${req.body ? JSON.stringify(Buffer.from(req.body).subarray(0, 120).toString('latin1')) : '-'}`;
}

describe('hostile input', () => {
  // Found by the generated requests below: Express matched routes case-insensitively, so the
  // contract validator dispatched `/USERS/...` while the server's own middleware (version and
  // Accept negotiation, the JSON body parser) did not recognise it: 200s that skipped the
  // negotiation, and a 500 for an update whose body was never parsed. The validator alone
  // routes now, and paths stay case-sensitive, as the contract's are.
  test('paths are case-sensitive: an upper-cased fixed segment is an unknown route (404), never handled', async () => {
    const owner = await mintToken(secret, { xuid: demo.ownerXuid, scid: demo.scid });
    const cases = [
      { method: 'POST', path: clipPath('me', demo.scid, demo.clips.fresh).replace('/scids/', '/SCIDS/'), body: '{"userCaption":"upper"}', headers: { 'Content-Type': 'application/json' } },
      { method: 'POST', path: clipPath('me', demo.scid, demo.clips.fresh, '/views').replace('/users/', '/USERS/'), headers: { 'X-RequestedServiceVersion': '99', Accept: 'text/html' } },
      { method: 'POST', path: clipPath('me', demo.scid, demo.clips.fresh, '/FLAG') },
      { method: 'GET', path: clipPath('me', demo.scid, demo.clips.fresh).replace('/clips/', '/Clips/') },
    ];
    const before = dumpDatabase(join(dir, 'clips.sqlite'));
    for (const { method, path, headers = {}, body } of cases) {
      const res = await send(server.url, { method, path, headers: { ...apiHeaders(owner), ...headers }, ...(body ? { body } : {}) });
      expect({ path, status: res.status, problems: serviceErrorProblems(res) }).toEqual({ path, status: 404, problems: [] });
      expect(JSON.parse(res.text).errorCode).toBe(4041);
    }
    expect(dumpDatabase(join(dir, 'clips.sqlite'))).toEqual(before);
  });

  // Found while fuzzing: a caption of lone surrogates ("\ud800", valid JSON and at most 256
  // characters) was accepted, stored by SQLite as three U+FFFD per surrogate, and from then on
  // every read of the clip was a 500 (the response broke the contract's maxLength).
  test('unusual text is stored verbatim (no injection); ill-formed UTF-16 is refused with 400', async () => {
    const owner = await mintToken(secret, { xuid: demo.ownerXuid, scid: demo.scid });
    const path = clipPath('me', demo.scid, demo.clips.fresh);
    const update = (body: string) => send(server.url, { method: 'POST', path, headers: apiHeaders(owner, { 'Content-Type': 'application/json' }), body });
    const read = async () => {
      const res = await send(server.url, { path, headers: apiHeaders(owner) });
      expect(res.status, res.text).toBe(200);
      return JSON.parse(res.text).gameClip as { userCaption: string; titleData: string };
    };
    const verbatim = [
      "'; DROP TABLE clips; --", "' OR '1'='1", 'Robert\'); DROP TABLE ratings;--', 'a\u0000b', '\u202egnp.exe', '😀'.repeat(256),
      'é'.repeat(256), '<script>alert(1)</script>', '${7*7} {{7*7}} %s %n', '\ufffe\uffff',
    ];
    for (const userCaption of verbatim) {
      const res = await update(JSON.stringify({ userCaption, titleData: userCaption }));
      expect(res.status, res.text).toBe(200);
      expect(await read()).toMatchObject({ userCaption, titleData: userCaption });
    }
    const kept = await read();
    for (const body of ['{"userCaption":"\\ud800"}', '{"userCaption":"x\\udc00y"}', `{"userCaption":"${'\\ud83d'.repeat(200)}"}`, '{"titleData":"\\ud83d"}', '{"userCaption":"\\udc00\\ud800"}']) {
      const res = await update(body);
      expect({ body, status: res.status, problems: serviceErrorProblems(res) }).toEqual({ body, status: 400, problems: [] });
      expect(await read()).toEqual(kept);
    }
    expect(Object.keys(dumpDatabase(join(dir, 'clips.sqlite'))).sort()).toEqual([
      'clip_blocks',
      'clip_sort_history',
      'clips',
      'flags',
      'gameclips_kysely_migration',
      'gameclips_kysely_migration_lock',
      'ratings',
    ]);
  });

  test(`${REQUESTS} generated hostile requests: no 5xx, no crash, only ServiceErrorResponses, nothing changed`, { timeout: 600_000 }, async () => {
    const ctx = await fuzzContext();
    const uploads = await uploadFuzzContext(server.url);
    const prng = new Prng(SEED);
    const cases: Case[] = Array.from({ length: REQUESTS }, (): Case => {
      if (prng.chance(RAW_SHARE)) return { kind: 'raw', request: rawHostileRequest(prng, ctx) };
      if (prng.chance(DOCS_SHARE)) return { kind: 'docs', request: hostileDocsRequest(prng) };
      if (prng.chance(UPLOAD_SHARE)) return { kind: 'http', request: hostileUploadRequest(prng, ctx, uploads) };
      return { kind: 'http', request: hostileRequest(prng, ctx) };
    });
    const file = join(dir, 'clips.sqlite');
    const dbBefore = dumpDatabase(file);
    const apiBefore = await apiSnapshot(server.url);

    const statuses = new Map<string, number>();
    const errorCodes = new Map<string, number>();
    const protocol = new Map<string, number>();
    const protocolKinds = new Map<string, number>();
    const networkErrors = new Map<string, number>();
    const failures: string[] = [];
    const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
    const fail = (c: Case, why: string) => void failures.push(`${why} <- ${describeCase(c)}`);

    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    await runPool(cases.length, CONCURRENCY, async (i) => {
      const c = cases[i]!;
      if (c.kind === 'raw') {
        const res = await sendRaw(server.url, c.request.bytes, 3_000);
        if (res.status === undefined) {
          bump(protocol, res.closedByServer ? 'closed without a response' : 'kept open (server waiting for more bytes)');
          return;
        }
        bump(statuses, String(res.status));
        if (res.status >= 500 || res.status < 400) fail(c, `status ${res.status}`);
        if (res.headers['x-requestedserviceversion'] === undefined) {
          // Only Node's HTTP parser could answer without the service's headers: it must not.
          bump(protocol, String(res.status));
          bump(protocolKinds, c.request.label);
          fail(c, `${res.status} without a ServiceErrorResponse`);
          return;
        }
        const problems = serviceErrorProblems({ status: res.status, headers: res.headers, text: res.body });
        if (problems.length > 0) fail(c, `${res.status}: ${problems.join('; ')}`);
        else bump(errorCodes, String(JSON.parse(res.body).errorCode));
        return;
      }
      if (c.kind === 'docs') {
        // Not an API call: a page, answered whole, in part, as not modified, or refused.
        const res = await send(server.url, c.request.req, { agent, timeoutMs: 30_000 });
        bump(statuses, `docs ${res.status}`);
        if (![200, 206, 304, 412, 416].includes(res.status)) return fail(c, `status ${res.status}`);
        if ((res.status === 200 || res.status === 206) && !/^text\/html/.test(String(res.headers['content-type']))) fail(c, `Content-Type ${res.headers['content-type']}`);
        if (res.status >= 400 && c.request.req.method === 'GET' && serviceErrorProblems(res).length > 0) fail(c, serviceErrorProblems(res).join('; '));
        return;
      }
      let res: HttpResult;
      try {
        res = await send(server.url, c.request.req, { agent, timeoutMs: 30_000 });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
        bump(networkErrors, String(code));
        // A body over the limit is refused before it is read, and the connection closed under it.
        if (!c.request.poisons.includes('body:over-64kib') && !c.request.poisons.includes('body:over-2mib')) fail(c, `network error ${code}`);
        return;
      }
      bump(statuses, String(res.status));
      if (res.status >= 500 || res.status < 400) return fail(c, `status ${res.status}: ${res.text.slice(0, 200)}`);
      if (res.headers['x-requestedserviceversion'] !== '1') fail(c, 'no X-RequestedServiceVersion header');
      if (c.request.req.method === 'HEAD') return;
      const problems = serviceErrorProblems(res);
      if (problems.length > 0) fail(c, `${res.status}: ${problems.join('; ')}`);
      else bump(errorCodes, String(JSON.parse(res.text).errorCode));
    });
    agent.destroy();

    const alive = !server.hasExited();
    const health = alive ? await send(server.url, { path: '/healthz' }) : undefined;
    const dbAfter = dumpDatabase(file);
    const apiAfter = alive ? await apiSnapshot(server.url) : [];
    printFigures(`hostile input (seed ${SEED})`, {
      requests: `${REQUESTS} (${cases.filter((c) => c.kind === 'raw').length} raw-socket, ${cases.filter((c) => c.kind === 'docs').length} of /docs, concurrency ${CONCURRENCY})`,
      'by status': JSON.stringify(sortedCounts(statuses)),
      'by errorCode': JSON.stringify(sortedCounts(errorCodes)),
      'answered without the service headers (must be none)': JSON.stringify(sortedCounts(protocol)),
      '  of the kinds': Object.entries(sortedCounts(protocolKinds)).map(([k, v]) => `${k} ${v}`).join(', '),
      'network errors': JSON.stringify(sortedCounts(networkErrors)),
      failures: failures.length,
      'server alive, /healthz': `${alive}, ${health?.status}`,
      'error log lines': server.errorLines.length,
      'database unchanged': JSON.stringify(dbAfter) === JSON.stringify(dbBefore),
    });
    if (failures.length > 0) console.log(failures.slice(0, 30).join('\n'));

    expect(failures.slice(0, 30)).toEqual([]);
    expect(alive).toBe(true);
    expect(health?.status).toBe(200);
    expect(server.errorLines).toEqual([]);
    expect(dbAfter).toEqual(dbBefore);
    expect(apiAfter).toEqual(apiBefore);

    // Still serving writes: one valid view counts.
    const owner = await mintToken(secret, { xuid: demo.ownerXuid, scid: demo.scid });
    const view = await send(server.url, { method: 'POST', path: clipPath('me', demo.scid, demo.clips.public, '/views'), headers: apiHeaders(owner) });
    expect(view.status).toBe(200);
  });
});
