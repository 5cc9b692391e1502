/**
 * Findings of an outside attack on a running `gameclips-server serve` (a child process with a
 * SQLite file), each in its own describe named for what must hold. Every refusal is asserted
 * as its status, a ServiceErrorResponse, nothing changed in the database and no error log.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { demo, mintToken } from '../../src/index.js';
import { apiHeaders, clipPath } from './support/api.js';
import { childSecret, killAllChildren, startChild, stopChild, type ChildServer } from './support/child-server.js';
import { dumpDatabase } from './support/db-snapshot.js';
import { send, sendRaw, type HttpRequest, type HttpResult } from './support/http-client.js';
import { forgeJwt, nowSeconds } from './support/jwt-forge.js';
import { errorBody, serviceErrorProblems } from './support/service-error.js';

const secret = new TextEncoder().encode(childSecret);
let dir: string;
let db: string;
let server: ChildServer;
let owner: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gameclips-findings-'));
  db = join(dir, 'clips.sqlite');
  // A threshold above one, so that two flags of one user would be seen as two rows.
  server = await startChild(['--db', db, '--seed', 'demo', '--flag-threshold', '5']);
  owner = await mintToken(secret, { xuid: demo.ownerXuid, scid: demo.scid });
});

afterAll(async () => {
  if (server && !server.hasExited()) await stopChild(server);
  killAllChildren();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Sends a request that must be refused with `status` and `errorCode`, and checks that nothing changed. */
async function refused(req: HttpRequest, status: number, errorCode: number): Promise<HttpResult> {
  const before = dumpDatabase(db);
  const res = await send(server.url, req);
  expect({ req: `${req.method ?? 'GET'} ${req.path}`, status: res.status, problems: serviceErrorProblems(res) }).toEqual({ req: `${req.method ?? 'GET'} ${req.path}`, status, problems: [] });
  expect(errorBody(res).errorCode).toBe(errorCode);
  expect(dumpDatabase(db)).toEqual(before);
  return res;
}

const update = (path: string, body: string | Buffer, headers: Record<string, string | string[]> = {}, authorization = owner): HttpRequest => ({
  method: 'POST',
  path,
  headers: apiHeaders(authorization, { 'Content-Type': 'application/json', ...headers }),
  body,
});

describe('/docs answers Range and conditional headers without a 500 (finding 2)', () => {
  const variants: Array<[string, Record<string, string>]> = [
    ['an unsatisfiable Range', { Range: 'bytes=999999999-' }],
    ['a reversed Range', { Range: 'bytes=5-1' }],
    ['a valid Range', { Range: 'bytes=0-99' }],
    ['If-Match', { 'If-Match': '"nope"' }],
    ['If-Unmodified-Since', { 'If-Unmodified-Since': 'Wed, 21 Oct 2015 07:28:00 GMT' }],
    ['If-None-Match', { 'If-None-Match': '"nope"' }],
    ['If-None-Match: *', { 'If-None-Match': '*' }],
    ['gzip', { 'Accept-Encoding': 'gzip', Range: 'bytes=999999999-' }],
  ];
  test.each(variants)('%s on GET and HEAD of /docs, /docs/, /DOCS', async (_name, headers) => {
    for (const method of ['GET', 'HEAD']) {
      for (const path of ['/docs', '/docs/', '/DOCS']) {
        const res = await send(server.url, { method, path, headers });
        const where = `${method} ${path}`;
        expect([200, 206, 304, 412, 416], `${where}: ${res.status} ${res.text.slice(0, 200)}`).toContain(res.status);
        if (res.status === 200 || res.status === 206) {
          expect(res.headers['content-type'], where).toMatch(/^text\/html/);
          if (method === 'GET') expect(res.text, where).toContain('<html');
        }
        if (res.status === 412 || res.status === 416) expect(serviceErrorProblems(res), where).toEqual([]);
      }
    }
    expect(server.errorLines).toEqual([]);
  });

  test('the page has an ETag that If-None-Match revalidates (304)', async () => {
    const first = await send(server.url, { path: '/docs' });
    expect(first.headers.etag).toMatch(/^"docs-[0-9a-f]+"$/);
    const again = await send(server.url, { path: '/docs', headers: { 'If-None-Match': first.headers.etag! } });
    expect(again.status).toBe(304);
  });
});

describe('a body declared over the limit is refused before it is read (finding 4)', () => {
  test('Content-Length of 1 GB: 413 while only the head has been sent, and the connection is closed', async () => {
    const before = dumpDatabase(db);
    const head =
      `POST ${clipPath('me', demo.scid, demo.clips.fresh)} HTTP/1.1\r\nHost: x\r\nAuthorization: ${owner}\r\n` +
      'X-RequestedServiceVersion: 1\r\nContent-Type: application/json\r\nContent-Length: 1000000000\r\n\r\n{"userCaption":';
    // Nothing more is ever sent: only an answer that does not wait for the body comes back.
    const res = await sendRaw(server.url, head, 8_000);
    expect(res.status).toBe(413);
    expect(res.closedByServer).toBe(true);
    expect(serviceErrorProblems({ status: res.status!, headers: res.headers, text: res.body })).toEqual([]);
    expect(JSON.parse(res.body).errorCode).toBe(4130);
    expect(dumpDatabase(db)).toEqual(before);
  });
});

describe("a non-owner's update is 403 whatever its body (finding 6)", () => {
  const path = clipPath(`xuid(${demo.otherXuid})`, demo.scid, demo.clips.othersPublic);
  test.each([
    ['an unknown member', '{"userCaption":"x","extra":1}'],
    ['a visibility of None', '{"visibility":"None"}'],
    ['an empty object', '{}'],
    ['not JSON', '{"userCaption":'],
    ['an array', '[]'],
    ['a caption too long', JSON.stringify({ userCaption: 'x'.repeat(300) })],
  ])('%s', async (_name, body) => {
    await refused(update(path, body), 403, 8377);
  });

  test('leading zeros do not make the caller someone else', async () => {
    const zeros = await mintToken(secret, { xuid: `000${demo.otherXuid}`, scid: demo.scid });
    const res = await send(server.url, update(clipPath(`xuid(${demo.otherXuid})`, demo.scid, demo.clips.othersPublic), '{"userCaption":"by the owner"}', {}, zeros));
    expect(res.status, res.text).toBe(200);
  });
});

describe('JSON bodies are utf-8 only (finding 7)', () => {
  const path = clipPath('me', demo.scid, demo.clips.fresh);
  test.each([
    ['utf-7', Buffer.from('{"userCaption":"a+AGQ-b"}')],
    ['UTF-7', Buffer.from('{"userCaption":"a+AGQ-b"}')],
    ['utf-16', Buffer.from('\ufeff{"userCaption":"x"}', 'utf16le')],
    ['utf-16le', Buffer.from('{"userCaption":"x"}', 'utf16le')],
    ['utf-16be', Buffer.from('{"userCaption":"x"}', 'utf16le').swap16()],
    ['utf-32', Buffer.from('{"userCaption":"x"}')],
    ['latin1', Buffer.from('{"userCaption":"x"}')],
    ['"utf-7"', Buffer.from('{"userCaption":"a+AGQ-b"}')],
  ])('charset=%s is 415', async (charset, body) => {
    await refused(update(path, body, { 'Content-Type': `application/json; charset=${charset}` }), 415, 4150);
  });

  test('charset=utf-8 (any case, quoted or not) and no charset are accepted', async () => {
    for (const contentType of ['application/json', 'application/json; charset=utf-8', 'application/json;charset="UTF-8"']) {
      const res = await send(server.url, update(path, '{"userCaption":"a+AGQ-b"}', { 'Content-Type': contentType }));
      expect(res.status, `${contentType}: ${res.text}`).toBe(200);
    }
    const read = await send(server.url, { path, headers: apiHeaders(owner) });
    expect(JSON.parse(read.text).gameClip.userCaption).toBe('a+AGQ-b');
  });
});

describe('one identity per request: one Authorization header, one canonical xuid (finding 8)', () => {
  const path = clipPath('me', demo.scid, demo.clips.fresh, '/views');
  test('two Authorization headers are 400, whichever comes first', async () => {
    const other = await mintToken(secret, { xuid: demo.otherXuid, scid: demo.scid });
    for (const pair of [[owner, other], [other, owner], [owner, owner], ['Xauth=junk', owner]]) {
      await refused({ method: 'POST', path, headers: apiHeaders('', { Authorization: pair }) }, 400, 4000);
      await refused({ path: clipPath('me', demo.scid, demo.clips.fresh), headers: apiHeaders('', { Authorization: pair }) }, 400, 4000);
    }
  });

  test('xuid 0100 and xuid 100 are one user: one rating, one flag', async () => {
    const clip = demo.clips.public;
    const tokens = [await mintToken(secret, { xuid: '100', scid: demo.scid }), await mintToken(secret, { xuid: '0100', scid: demo.scid }), await mintToken(secret, { xuid: '00000100', scid: demo.scid })];
    const owned = clipPath(`xuid(${demo.ownerXuid})`, demo.scid, clip);
    const zeroOwned = clipPath(`xuid(0${demo.ownerXuid})`, demo.scid, clip);
    for (const [i, token] of tokens.entries()) {
      for (const [action, base] of [[`/ratings/${i + 2}`, owned], [`/ratings/${i + 2}`, zeroOwned], ['/flag', owned], ['/flag', zeroOwned]] as const) {
        const res = await send(server.url, { method: 'POST', path: `${base}${action}`, headers: apiHeaders(token) });
        expect(res.status, `${action} ${res.text}`).toBe(200);
      }
    }
    const rows = dumpDatabase(db);
    const of = (table: string) => (rows[table] as Array<Record<string, unknown>>).filter((r) => Object.values(r).includes(clip) && Object.values(r).some((v) => /^0*100$/.test(String(v))));
    expect(of('ratings')).toHaveLength(1);
    expect(of('flags')).toHaveLength(1);
    expect(Object.values(of('ratings')[0]!)).toContain('100');
  });
});

describe('too many header lines are refused with 431, never dropped (finding 9)', () => {
  test('an If-Match after 2100 other lines is not lost: 431, and the write is not applied', async () => {
    const before = dumpDatabase(db);
    const body = '{"userCaption":"unconditional"}';
    const head = [
      `POST ${clipPath('me', demo.scid, demo.clips.fresh)} HTTP/1.1`, 'Host: x', `Authorization: ${owner}`, 'X-RequestedServiceVersion: 1',
      'Content-Type: application/json', `Content-Length: ${body.length}`, 'Connection: close',
      ...Array.from({ length: 2100 }, () => 'a:1'), 'If-Match: "stale-etag"', '', '',
    ].join('\r\n');
    const res = await sendRaw(server.url, head + body, 8_000);
    expect(res.status).toBe(431);
    expect(serviceErrorProblems({ status: res.status!, headers: res.headers, text: res.body })).toEqual([]);
    expect(JSON.parse(res.body).errorCode).toBe(4310);
    expect(dumpDatabase(db)).toEqual(before);
  });

  test('201 header lines are 431 too; a request under the limit keeps its If-Match (412)', async () => {
    const path = clipPath('me', demo.scid, demo.clips.fresh);
    const filler = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`x-f${i}`, '1']));
    await refused(update(path, '{"userCaption":"x"}', { ...filler(200), 'If-Match': '"stale"' }), 431, 4310);
    await refused(update(path, '{"userCaption":"x"}', { ...filler(150), 'If-Match': '"stale"' }), 412, 4120);
  });
});

describe('tokens have a lifetime cap (at most 24 h, iat not in the future)', () => {
  const path = clipPath('me', demo.scid, demo.clips.public);
  const hs256 = { hmac: 'sha256', key: secret } as const;
  const token = (claims: Record<string, unknown>) => `Xauth=${forgeJwt({ alg: 'HS256', typ: 'JWT' }, { xuid: demo.ownerXuid, scid: demo.scid, ...claims }, hs256)}`;
  test.each([
    ['a 7-day token', () => ({ iat: nowSeconds(), exp: nowSeconds() + 7 * 86400 })],
    ['a token issued an hour from now', () => ({ iat: nowSeconds() + 3600, exp: nowSeconds() + 7200 })],
    ['a token without iat', () => ({ exp: nowSeconds() + 3600 })],
    ['a 24 h token issued yesterday and reissued', () => ({ iat: nowSeconds() - 86400, exp: nowSeconds() + 3600 })],
  ])('%s is 401', async (_name, claims) => {
    await refused({ path, headers: apiHeaders(token(claims())) }, 401, 4011);
  });

  test('a 24 h token is accepted', async () => {
    const res = await send(server.url, { path, headers: apiHeaders(token({ iat: nowSeconds(), exp: nowSeconds() + 86400 })) });
    expect(res.status, res.text).toBe(200);
  });
});

describe("the HTTP parser's refusals are logged like other requests", () => {
  test('a malformed request leaves a log line with its status and error code', async () => {
    const res = await sendRaw(server.url, 'GET /healthz HTTP/1.1\r\nHost: x\r\nX Bad: 1\r\n\r\n');
    expect(res.status).toBe(400);
    await expect.poll(() => server.recentLines.filter((l) => l.msg === 'request refused by the HTTP parser' && l.status === 400 && l.errorCode === 4004).length).toBeGreaterThan(0);
    expect(server.errorLines).toEqual([]);
  });
});
