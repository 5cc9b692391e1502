import { gzipSync } from 'node:zlib';
import type { OutgoingHttpHeaders } from 'node:http';
import type { HttpRequest } from './http-client.js';
import type { Prng } from './prng.js';

/** What the generator needs to know about the server under test. */
export interface FuzzContext {
  scid: string;
  ownerXuid: string;
  otherXuid: string;
  /** Clips the owner owns (the owner may see and write all of them). */
  ownClips: readonly string[];
  /** A clip of another user hidden from the owner (flagged). */
  hiddenClip: string;
  /** A clip of another user the owner may see. */
  othersClip: string;
  /** The owner's valid token (the bare JWT). */
  ownerToken: string;
  /** Another user's valid token (the bare JWT). */
  otherToken: string;
  /** Valid signature, but the scid claim names another service configuration (403). */
  otherScidToken: string;
  /** Tokens that must be refused (401): expired, badly signed, alg none, tampered, no exp... */
  badTokens: readonly string[];
}

type Op = 'getClip' | 'updateClipMetadata' | 'rateClip' | 'flagClip' | 'recordClipView';
const OPS: readonly Op[] = ['getClip', 'updateClipMetadata', 'rateClip', 'flagClip', 'recordClipView'];

/** A request under construction. */
interface Draft {
  op: Op;
  method: string;
  segments: string[];
  prefix: string;
  suffix: string;
  query: string;
  headers: OutgoingHttpHeaders;
  body?: Buffer;
}

/** One generated request: its base operation, what makes it invalid, and what else was varied. */
export interface HostileRequest {
  /** The operation the request was made from (an upload or download one too, see hostile-upload-requests.ts). */
  op: string;
  poisons: string[];
  noise: string[];
  req: HttpRequest;
}

interface Mutation {
  name: string;
  /**
   * Poisons sharing a group could undo each other (a removed segment may be an inserted one;
   * GET on `/views` with `/views` removed is a valid read): at most one of a group per request.
   */
  groups?: string[];
  applies: (op: Op) => boolean;
  apply: (d: Draft, prng: Prng, ctx: FuzzContext) => void;
}

const any = () => true;
const writes = (op: Op) => op !== 'getClip';
const update = (op: Op) => op === 'updateClipMetadata';
const actions = (op: Op) => op === 'rateClip' || op === 'flagClip' || op === 'recordClipView';

/** Path segments no parameter pattern and no fixed segment of a route accepts. */
const JUNK_SEGMENTS = [
  '..', '.', '%2e%2e', '%2E%2E%2F', '%00', 'a%00b', '%2F', '%5C', '%', '%zz', '%E0%A4%A', '%C3%28', '%F0%9F%98%80',
  'x'.repeat(300), 'x'.repeat(5000), "'%20OR%201=1--", '1;DROP%20TABLE%20clips', '%3Cscript%3E', 'xuid(abc)', 'xuid()',
  'xuid(1)x', 'xuid(123456789012345678901)', 'ME', 'me%20', 'null', 'undefined', '__proto__', 'constructor', 'prototype',
  '%7B%7D', '-1', '00000000-0000-0000-0000-00007a3b9c1d0', '{scid}', '*', '$', '@', '~', ';', ',', '%E2%80%AE',
];
const BAD_RATINGS = ['0', '6', '-1', '3.5', '2.0000001', 'abc', 'NaN', 'Infinity', '-Infinity', '1e309', '99999999999999999999', 'true', '%5B3%5D', '%00', '5%00', 'null'];
const SQLISH = ["'; DROP TABLE clips; --", "' OR '1'='1", '" OR ""="', '1); DELETE FROM ratings; --', "Robert'); DROP TABLE flags;--", '%27%20OR%201%3D1'];
const WEIRD_TEXT = ['\u0000', '\ud800', '\udfff\ud800', '\u202e', '😀'.repeat(40), 'é'.repeat(100), '\u0000'.repeat(10), '<script>alert(1)</script>', '${7*7}', '{{7*7}}'];

const json = (value: unknown) => Buffer.from(JSON.stringify(value));
const fixedIndexes = (d: Draft) => d.segments.map((s, i) => [s, i] as const).filter(([s]) => /^(users|scids|clips|ratings|flag|views)$/.test(s)).map(([, i]) => i);

function auth(token: string, form: 'xbl3' | 'xauth', prng: Prng): string {
  return form === 'xauth' ? `Xauth=${token}` : `XBL3.0 x=${prng.string(prng.int(1, 40), '0123456789abcdef')};${token}`;
}

function setBody(d: Draft, body: Buffer): void {
  d.body = body;
  d.headers['Content-Type'] = 'application/json';
}

/** A fixed segment (`users`, `clips`...) to change; one is always left unless earlier poisons removed them all. */
function fixedIndex(d: Draft, prng: Prng): number {
  const indexes = fixedIndexes(d);
  return indexes.length > 0 ? prng.pick(indexes) : d.segments.push('') - 1;
}

function deep(prng: Prng): string {
  const n = prng.pick([100, 1000, 10_000, 30_000]);
  const shape = prng.int(0, 2);
  if (shape === 0) return `{"userCaption":${'['.repeat(n)}${']'.repeat(n)}}`;
  if (shape === 1) return `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
  return `${'['.repeat(n)}${']'.repeat(n)}`;
}

/** Mutations that each make a request invalid on their own: every generated request carries one or more. */
const POISONS: Mutation[] = [
  { name: 'path:junk-segment', applies: any, apply: (d, p) => void (d.segments[p.int(0, d.segments.length - 1)] = p.pick(JUNK_SEGMENTS)) },
  { name: 'path:extra-segment', groups: ['shape'], applies: any, apply: (d, p) => void d.segments.push(...Array.from({ length: p.int(1, 3) }, () => p.pick([...JUNK_SEGMENTS, 'x']))) },
  // Never the id at the end of a clip's path: without it, the path is the list of the user's clips of the scid.
  { name: 'path:missing-segment', groups: ['shape', 'method'], applies: (op) => op !== 'updateClipMetadata', apply: (d, p) => void d.segments.splice(p.int(0, d.segments.length - (d.segments.length === 6 ? 2 : 1)), 1) },
  { name: 'path:dot-dot', groups: ['shape'], applies: any, apply: (d, p) => void d.segments.splice(p.int(0, d.segments.length), 0, p.pick(['..', '%2e%2e', '.', '..%2f..'])) },
  // Not at the end: a trailing slash is a valid spelling of a route.
  { name: 'path:empty-segment', groups: ['shape'], applies: any, apply: (d, p) => void d.segments.splice(p.int(0, d.segments.length - 1), 0, '') },
  { name: 'path:prefix', applies: any, apply: (d, p) => void (d.prefix = p.pick(['/..', '/.', '/%2e%2e', '/api', '/v1', '//'])) },
  { name: 'path:fixed-segment-changed', applies: any, apply: (d, p) => void (d.segments[fixedIndex(d, p)] = p.pick(['user', 'scid', 'clip', 'rating', 'view', 'flags', 'x'])) },
  { name: 'path:unknown-scid', applies: any, apply: (d) => void (d.segments[3] = '11111111-2222-4333-8444-555555555555') },
  { name: 'path:unknown-clip', applies: any, apply: (d, p) => void (d.segments[5] = `${p.string(8, '0123456789abcdef')}-0000-4000-8000-000000000000${p.chance(0.5) ? '-000' : ''}`) },
  { name: 'path:hidden-clip', applies: any, apply: (d, _p, ctx) => void ((d.segments[1] = `xuid(${ctx.otherXuid})`), (d.segments[5] = ctx.hiddenClip)) },
  { name: 'path:other-owner-leading-zeros', applies: any, apply: (d, p, ctx) => void (d.segments[1] = `xuid(${'0'.repeat(p.int(1, 3))}${ctx.otherXuid})`) },
  { name: 'if-match:after-too-many-header-lines', applies: writes, apply: (d, p) => void Object.assign(d.headers, Object.fromEntries(Array.from({ length: p.int(201, 400) }, (_, i) => [`x-l${i}`, '1'])), { 'If-Match': '"stale"' }) },
  { name: 'path:other-owner', applies: any, apply: (d, _p, ctx) => void (d.segments[1] = `xuid(${ctx.otherXuid})`) },
  { name: 'path:others-clip-as-me', applies: update, apply: (d, _p, ctx) => void ((d.segments[1] = 'me'), (d.segments[5] = ctx.othersClip)) },
  { name: 'path:bad-rating', applies: (op) => op === 'rateClip', apply: (d, p) => void (d.segments[7] = p.pick(BAD_RATINGS)) },
  {
    name: 'query:unknown-parameter',
    applies: any,
    apply: (d, p) => void (d.query = `?${p.pick(['x=1', '__proto__[admin]=1', 'constructor[prototype][x]=1', 'a=%00', `q=${'y'.repeat(3000)}`, "id=1'%20OR%20'1'='1", 'a=1&a=2', 'version=1'])}`),
  },
  // Not DELETE: on a clip's path it is deleteClip.
  { name: 'method:wrong', groups: ['method'], applies: (op) => op === 'getClip' || op === 'updateClipMetadata', apply: (d, p) => void (d.method = p.pick(['PUT', 'PATCH', 'OPTIONS', 'TRACE'])) },
  { name: 'method:wrong-on-action', groups: ['method'], applies: actions, apply: (d, p) => void (d.method = p.pick(['GET', 'HEAD', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE'])) },
  { name: 'auth:missing', applies: any, apply: (d) => void delete d.headers.Authorization },
  {
    name: 'auth:wrong-form',
    applies: any,
    apply: (d, p, ctx) =>
      void (d.headers.Authorization = p.pick([
        `Bearer ${ctx.ownerToken}`, `XBL3.0 x=;${ctx.ownerToken}`, `XBL3.0 ${ctx.ownerToken}`, `Xauth ${ctx.ownerToken}`, `xauth=${ctx.ownerToken}`,
        `XBL3.0 x=abc;${ctx.ownerToken} extra`, `XBL3.0 x=abc;${ctx.ownerToken};`, `XBL2.0 x=abc;${ctx.ownerToken}`, ctx.ownerToken, '', ' ', 'XBL3.0', 'Xauth=',
        `Xauth=${ctx.ownerToken}\u00e9`, `Xauth=${'A'.repeat(8000)}`, `Basic ${Buffer.from('user:pass').toString('base64')}`,
      ])),
  },
  { name: 'auth:bad-token', applies: any, apply: (d, p, ctx) => void (d.headers.Authorization = auth(p.pick(ctx.badTokens), p.chance(0.5) ? 'xauth' : 'xbl3', p)) },
  { name: 'auth:duplicate-junk-first', applies: any, apply: (d, p, ctx) => void (d.headers.Authorization = [`Xauth=${p.pick(ctx.badTokens)}`, `Xauth=${ctx.ownerToken}`]) },
  { name: 'auth:duplicate-valid', applies: any, apply: (d, p, ctx) => void (d.headers.Authorization = p.pick([[`Xauth=${ctx.ownerToken}`, `Xauth=${ctx.ownerToken}`], [`Xauth=${ctx.ownerToken}`, `Xauth=${ctx.otherToken}`], [`Xauth=${ctx.otherToken}`, `Xauth=${ctx.ownerToken}`]])) },
  { name: 'auth:other-scid', applies: any, apply: (d, p, ctx) => void (d.headers.Authorization = auth(ctx.otherScidToken, p.chance(0.5) ? 'xauth' : 'xbl3', p)) },
  { name: 'version:missing', applies: any, apply: (d) => void delete d.headers['X-RequestedServiceVersion'] },
  {
    name: 'version:unsupported',
    applies: any,
    apply: (d, p) => void (d.headers['X-RequestedServiceVersion'] = p.pick(['', '2', '0', '1.0', '01', 'abc', 'x'.repeat(100), '1,2', '1;q=1', "1' OR '1'='1", '\u00ff', '-1'])),
  },
  { name: 'version:duplicate', applies: any, apply: (d, p) => void (d.headers['X-RequestedServiceVersion'] = p.pick([['1', '1'], ['2', '1'], ['1', '2']])) },
  {
    name: 'accept:excludes-json',
    applies: any,
    apply: (d, p) => void (d.headers.Accept = p.pick(['text/html', 'image/png', 'application/xml', 'text/*', 'application/json;q=0', '*/*;q=0', 'application/json;q=0, text/html', 'application/yaml'])),
  },
  {
    name: 'content-type:not-json',
    applies: update,
    apply: (d, p) =>
      void (d.headers['Content-Type'] = p.pick([
        'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/json; charset=utf-16',
        'application/json; charset=latin1', 'application/jsonx', 'json', '', 'text/json', ['text/plain', 'application/json'], 'application/json; charset=ebcdic',
      ])),
  },
  {
    name: 'content-type:odd-charset',
    applies: update,
    apply: (d, p) => {
      const charset = p.pick(['utf-7', 'UTF-7', '"utf-7"', 'utf-16', 'utf-16le', 'utf-16be', 'utf-32', 'iso-8859-1', 'us-ascii', 'utf8', 'x-junk', '']);
      d.body = charset.toLowerCase().includes('16') ? Buffer.from('{"userCaption":"x"}', 'utf16le') : Buffer.from('{"userCaption":"a+AGQ-b"}');
      d.headers['Content-Type'] = `application/json; charset=${charset}`;
    },
  },
  { name: 'content-type:missing', applies: update, apply: (d) => void delete d.headers['Content-Type'] },
  {
    name: 'if-match:junk',
    applies: writes,
    apply: (d, p) => void (d.headers['If-Match'] = p.pick(['"junk"', 'W/"8a1f5629-1"', '"8a1f5629-1"x', '""', ',', 'x'.repeat(2000), '"*"', 'null', '"00000000-ffffffff"', "' OR 1=1 --"])),
  },
  {
    name: 'body:invalid-json',
    applies: update,
    apply: (d, p) =>
      setBody(d, Buffer.from(p.pick(['{', '{"userCaption":}', "{'userCaption':'x'}", '{"userCaption":"x",}', 'NaN', '', 'nul', '{"userCaption":"x"}}', '{"userCaption":"x"} trailing', '{"userCaption":"\\x41"}', '{"userCaption":"\\ud83d\\"}', '\u00ef\u00bb\u00bf{', '{"userCaption" "x"}']))),
  },
  { name: 'body:not-object', applies: update, apply: (d, p) => setBody(d, Buffer.from(p.pick(['"string"', '123', 'true', 'null', '[]', '[{"userCaption":"x"}]', '-0', '1e999']))) },
  { name: 'body:deep-nesting', applies: update, apply: (d, p) => setBody(d, Buffer.from(deep(p))) },
  { name: 'body:long-caption', applies: update, apply: (d, p) => setBody(d, json({ userCaption: p.string(p.pick([257, 1000, 60_000])) })) },
  { name: 'body:long-title-data', applies: update, apply: (d, p) => setBody(d, json({ titleData: 'x'.repeat(p.pick([10_241, 20_000, 60_000])) })) },
  { name: 'body:title-data-over-10kb-utf8', applies: update, apply: (d, p) => setBody(d, json({ titleData: p.pick(['é', '€', '😀']).repeat(p.int(5200, 5500)) })) },
  { name: 'body:over-64kib', applies: update, apply: (d, p) => setBody(d, json({ userCaption: 'x', titleData: 'y'.repeat(p.pick([65_536, 70_000, 300_000])) })) },
  { name: 'body:invalid-utf8-outside-strings', applies: update, apply: (d) => setBody(d, Buffer.concat([Buffer.from('{'), Buffer.from([0xff, 0xfe]), Buffer.from('"userCaption":"x"}')])) },
  {
    name: 'body:wrong-type',
    applies: update,
    apply: (d, p) =>
      setBody(d, json(p.pick<unknown>([{ userCaption: 5 }, { userCaption: null }, { userCaption: ['x'] }, { userCaption: { a: 1 } }, { visibility: 'None' }, { visibility: 'public' }, { visibility: 1 }, { titleData: {} }, { titleData: 123 }, { userCaption: true }, { visibility: ['Public'] }]))),
  },
  {
    name: 'body:prototype-keys',
    applies: update,
    apply: (d, p) =>
      setBody(d, Buffer.from(p.pick(['{"__proto__":{"userCaption":"x"}}', '{"userCaption":"x","__proto__":{"isAdmin":true}}', '{"constructor":{"prototype":{"userCaption":"x"}}}', '{"prototype":1}', '{"userCaption":"x","constructor":"y"}', '{"__proto__":null,"userCaption":"x"}', '{"hasOwnProperty":"x","userCaption":"y"}']))),
  },
  {
    name: 'body:unknown-member',
    applies: update,
    apply: (d, p) => setBody(d, json(p.pick<unknown>([{ userCaption: 'x', extra: 1 }, { UserCaption: 'x' }, { "userCaption; DROP TABLE clips;--": 'x' }, { state: 'Published' }, { views: 1000000 }, { rating: 5 }, { xuid: '1' }]))),
  },
  { name: 'body:empty-object', applies: update, apply: (d) => setBody(d, json({})) },
  {
    name: 'body:lone-surrogate',
    applies: update,
    apply: (d, p) => setBody(d, Buffer.from(`{"${p.pick(['userCaption', 'titleData'])}":"${p.pick(['\\ud800', 'x\\udc00', '\\ud83d'.repeat(200), '\\udfff\\ud800'])}"}`)),
  },
  { name: 'body:missing', applies: update, apply: (d) => void delete d.body },
];

/** Mutations that may or may not make a request invalid: varied on top of the poisons. */
const NOISE: Mutation[] = [
  { name: 'caption:sql-or-weird', applies: update, apply: (d, p) => setBody(d, json({ userCaption: p.pick([...SQLISH, ...WEIRD_TEXT]).slice(0, 256) })) },
  { name: 'caption:invalid-utf8-in-string', applies: update, apply: (d) => setBody(d, Buffer.concat([Buffer.from('{"userCaption":"a'), Buffer.from([0xc3, 0x28, 0xff, 0xed, 0xa0, 0x80]), Buffer.from('"}')])) },
  { name: 'accept:json-friendly', applies: any, apply: (d, p) => void (d.headers.Accept = p.pick(['application/json', '*/*', 'application/*', 'application/json;q=0.5, text/html', 'application/json; charset=utf-8', 'APPLICATION/JSON', ';;;,,,*/*'])) },
  { name: 'accept-encoding', applies: any, apply: (d, p) => void (d.headers['Accept-Encoding'] = p.pick(['gzip', 'deflate', 'br', 'identity', 'gzip;q=0', 'x-junk', '*', 'gzip, deflate, br'])) },
  {
    name: 'extra-headers',
    applies: any,
    apply: (d, p) => {
      for (let i = p.int(1, 20); i > 0; i--) d.headers[`X-Fuzz-${p.string(6)}`] = p.string(p.int(0, 200), 'abc;=,"\' \t()<>@\u00e9\u00ff');
      d.headers['Cache-Control'] = p.pick(['no-cache', 'max-age=-1', 'x'.repeat(100), 'no-store, no-transform']);
      d.headers['X-Forwarded-For'] = p.pick(['127.0.0.1', '::1, 10.0.0.1', "' OR 1=1"]);
      d.headers['X-Dup'] = ['a', 'b', 'c'];
    },
  },
  { name: 'if-match:star', applies: writes, apply: (d) => void (d.headers['If-Match'] = '*') },
  { name: 'path:trailing-slash', applies: any, apply: (d) => void (d.suffix = '/') },
  {
    name: 'path:upper-case-fixed-segment',
    applies: any,
    apply: (d, p) => {
      const i = fixedIndex(d, p);
      d.segments[i] = d.segments[i]!.toUpperCase();
    },
  },
  {
    name: 'content-type:json-variant',
    applies: update,
    apply: (d, p) => void (d.headers['Content-Type'] = p.pick(['application/json; charset=utf-8', 'APPLICATION/JSON', 'application/json;charset="UTF-8"', ['application/json', 'text/plain'], 'application/merge-patch+json'])),
  },
  { name: 'connection:close', applies: any, apply: (d) => void (d.headers.Connection = 'close') },
  {
    name: 'body:gzip',
    applies: update,
    apply: (d) => {
      if (!d.body) return;
      d.body = gzipSync(d.body);
      d.headers['Content-Encoding'] = 'gzip';
    },
  },
  { name: 'body:on-bodyless-operation', applies: actions, apply: (d, p) => setBody(d, Buffer.from(p.pick(['{"views":1}', '{}', '[1,2,3]', 'not json']))) },
  { name: 'path:own-xuid-leading-zeros', applies: any, apply: (d, _p, ctx) => void (d.segments[1] === 'me' || (d.segments[1] = `xuid(0${ctx.ownerXuid})`)) },
  { name: 'auth:xauth-form', applies: any, apply: (d, _p, ctx) => void (d.headers.Authorization = `Xauth=${ctx.ownerToken}`) },
];

function base(op: Op, prng: Prng, ctx: FuzzContext): Draft {
  const clip = prng.pick(ctx.ownClips);
  const segments = ['users', prng.chance(0.5) ? 'me' : `xuid(${ctx.ownerXuid})`, 'scids', ctx.scid, 'clips', clip];
  if (op === 'rateClip') segments.push('ratings', String(prng.int(1, 5)));
  if (op === 'flagClip') segments.push('flag');
  if (op === 'recordClipView') segments.push('views');
  const d: Draft = {
    op,
    method: op === 'getClip' ? 'GET' : 'POST',
    segments,
    prefix: '',
    suffix: '',
    query: '',
    headers: { Authorization: auth(ctx.ownerToken, 'xbl3', prng), 'X-RequestedServiceVersion': '1' },
  };
  if (op === 'updateClipMetadata') setBody(d, json({ userCaption: `fuzz ${prng.string(8)}`, ...(prng.chance(0.3) ? { visibility: 'Owner' } : {}) }));
  return d;
}

/** One hostile request: a valid call with one to three poisons and up to three other variations. */
export function hostileRequest(prng: Prng, ctx: FuzzContext): HostileRequest {
  const op = prng.pick(OPS);
  const d = base(op, prng, ctx);
  const noise: string[] = [];
  for (let i = prng.int(0, 3); i > 0; i--) {
    const m = prng.pick(NOISE.filter((x) => x.applies(op)));
    m.apply(d, prng, ctx);
    noise.push(m.name);
  }
  const poisons: string[] = [];
  const count = prng.chance(0.7) ? 1 : prng.chance(0.67) ? 2 : 3;
  const groups = new Set<string>();
  for (let i = 0; i < count; i++) {
    // A kind first (path, auth, version, body...), then a poison of that kind, so that the many
    // path poisons do not crowd out the rest.
    const usable = POISONS.filter((x) => x.applies(op) && !x.groups?.some((g) => groups.has(g)));
    const kind = prng.pick([...new Set(usable.map((x) => x.name.split(':')[0]))]);
    const m = prng.pick(usable.filter((x) => x.name.startsWith(`${kind}:`)));
    m.apply(d, prng, ctx);
    poisons.push(m.name);
    for (const g of m.groups ?? []) groups.add(g);
  }
  const path = `${d.prefix}/${d.segments.join('/')}${d.suffix}${d.query}`;
  return { op, poisons, noise, req: { method: d.method, path, headers: d.headers, ...(d.body ? { body: d.body } : {}) } };
}

/** One request for `/docs` (the HTML page): spellings, methods, Range and conditional headers. */
export interface DocsRequest {
  label: string;
  req: HttpRequest;
}

const DOCS_HEADERS: ReadonlyArray<[string, () => string]> = [
  ['Range', () => 'bytes=999999999-'],
  ['Range', () => 'bytes=5-1'],
  ['Range', () => 'bytes=0-99'],
  ['Range', () => 'bytes=-5'],
  ['Range', () => 'bytes=0-1,5-6,9-'],
  ['Range', () => 'chars=0-5'],
  ['Range', () => 'bytes=x-y'],
  ['If-Match', () => '"nope"'],
  ['If-Match', () => '*'],
  ['If-Unmodified-Since', () => 'Wed, 21 Oct 2015 07:28:00 GMT'],
  ['If-Unmodified-Since', () => 'not a date'],
  ['If-None-Match', () => '"nope"'],
  ['If-None-Match', () => '*'],
  ['If-Modified-Since', () => 'Wed, 21 Oct 2099 07:28:00 GMT'],
  ['If-Range', () => '"nope"'],
  ['Accept-Encoding', () => 'gzip'],
  ['Accept-Encoding', () => 'br;q=1, gzip;q=0'],
];

/** A `GET` or `HEAD` of `/docs` with one to four Range or conditional headers. */
export function hostileDocsRequest(prng: Prng): DocsRequest {
  const method = prng.pick(['GET', 'HEAD']);
  const path = prng.pick(['/docs', '/docs/', '/DOCS', '/Docs/']);
  const headers: OutgoingHttpHeaders = {};
  for (let i = prng.int(1, 4); i > 0; i--) {
    const [name, value] = prng.pick(DOCS_HEADERS);
    headers[name] = value();
  }
  return { label: `${method} ${path} ${JSON.stringify(headers)}`, req: { method, path, headers } };
}
