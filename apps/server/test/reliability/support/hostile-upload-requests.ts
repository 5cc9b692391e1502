import type { OutgoingHttpHeaders } from 'node:http';
import type { FuzzContext, HostileRequest } from './hostile-requests.js';
import type { Prng } from './prng.js';

/** The uploads the generator aims at: made before the run, and left as they are by every request. */
export interface UploadFuzzContext {
  /** `/uploads/{scid}/{id}` of the owner's pending reservation: 300 bytes in 3 blocks, block 0 sent, thumbnails by upload. */
  pending: string;
  /** `/downloads/{scid}/{id}` of the owner's published Public clip, with a small thumbnail. */
  published: string;
  /** `/downloads/{scid}/{id}` of the owner's published Owner-only clip. */
  ownerOnly: string;
}

type UploadOp = 'reserveUpload' | 'uploadClipBlock' | 'uploadThumbnail' | 'downloadClip' | 'downloadThumbnail';
const OPS: readonly UploadOp[] = ['reserveUpload', 'uploadClipBlock', 'uploadThumbnail', 'downloadClip', 'downloadThumbnail'];
const UNKNOWN_CLIP = '99999999-9999-4999-8999-999999999999';

interface Draft {
  method: string;
  path: string;
  query: string;
  headers: OutgoingHttpHeaders;
  body?: Buffer;
}

interface Mutation {
  name: string;
  applies: (op: UploadOp) => boolean;
  apply: (d: Draft, prng: Prng, ctx: FuzzContext, u: UploadFuzzContext) => void;
}

const puts = (op: UploadOp) => op === 'uploadClipBlock' || op === 'uploadThumbnail';
const downloads = (op: UploadOp) => op === 'downloadClip' || op === 'downloadThumbnail';
const block = (op: UploadOp) => op === 'uploadClipBlock';
const writes = (op: UploadOp) => !downloads(op);
const any = () => true;

function replaceId(path: string, id: string): string {
  return path.replace(/^(\/(?:uploads|downloads)\/[^/]+\/)[^/]+/, `$1${id}`);
}

function reserveBody(d: Draft, body: string | Buffer): void {
  d.body = Buffer.isBuffer(body) ? body : Buffer.from(body);
}

/** Mutations that each make an upload or download request invalid. */
const POISONS: Mutation[] = [
  { name: 'auth:missing', applies: any, apply: (d) => void delete d.headers.Authorization },
  { name: 'auth:bad-token', applies: any, apply: (d, p, ctx) => void (d.headers.Authorization = `Xauth=${p.pick(ctx.badTokens)}`) },
  // Downloads are not bound to the caller's scid: only writes refuse another scid.
  { name: 'auth:other-scid', applies: writes, apply: (d, _p, ctx) => void (d.headers.Authorization = `Xauth=${ctx.otherScidToken}`) },
  { name: 'auth:other-user', applies: (op) => op !== 'reserveUpload' && op !== 'downloadClip' && op !== 'downloadThumbnail', apply: (d, _p, ctx) => void (d.headers.Authorization = `Xauth=${ctx.otherToken}`) },
  { name: 'version:missing', applies: any, apply: (d) => void delete d.headers['X-RequestedServiceVersion'] },
  { name: 'version:unsupported', applies: any, apply: (d, p) => void (d.headers['X-RequestedServiceVersion'] = p.pick(['2', '0', 'abc', '1.0'])) },
  { name: 'path:unknown-clip', applies: (op) => op !== 'reserveUpload', apply: (d) => void (d.path = replaceId(d.path, UNKNOWN_CLIP)) },
  { name: 'path:junk-id', applies: (op) => op !== 'reserveUpload', apply: (d, p) => void (d.path = replaceId(d.path, p.pick(['x', '..', '%00', 'x'.repeat(300), "'%20OR%201=1--", '%2F']))) },
  { name: 'path:junk-scid', applies: (op) => op !== 'reserveUpload', apply: (d, p) => void (d.path = d.path.replace(/^(\/(?:uploads|downloads)\/)[^/]+/, `$1${p.pick(['x', 'ME', '00000000-0000-0000-0000-00007a3b9c1dz'])}`)) },
  { name: 'path:bad-thumbnail-size', applies: (op) => op === 'uploadThumbnail' || op === 'downloadThumbnail', apply: (d, p) => void (d.path = d.path.replace(/\/(large|small)$/, `/${p.pick(['Large', 'medium', '', '..', 'small%00'])}`)) },
  { name: 'method:wrong', applies: (op) => op !== 'reserveUpload', apply: (d, p) => void (d.method = p.pick(d.method === 'PUT' ? ['GET', 'POST', 'DELETE', 'PATCH'] : ['PUT', 'POST', 'DELETE', 'PATCH'])) },
  {
    name: 'block:bad-number',
    applies: block,
    apply: (d, p) => void (d.query = `?${p.pick(['blockNum=3', 'blockNum=99999', 'blockNum=-1', 'blockNum=1e0', 'blockNum=01', 'blockNum=x', 'blockNum=', 'blockNum=1&blockNum=2', 'blockNum=1.0', 'blocknum=1'])}`),
  },
  { name: 'block:missing-number', applies: block, apply: (d) => void (d.query = '') },
  { name: 'block:sizes-cannot-add-up', applies: block, apply: (d, p) => void (d.body = Buffer.alloc(p.pick([201, 250, 1000]))) },
  { name: 'body:empty', applies: puts, apply: (d) => void (d.body = Buffer.alloc(0)) },
  { name: 'body:over-2mib', applies: puts, apply: (d) => void (d.body = Buffer.alloc(2 * 1024 * 1024 + 1)) },
  {
    name: 'content-type:wrong',
    applies: puts,
    apply: (d, p) => void (d.headers['Content-Type'] = p.pick(['text/plain', 'application/json', 'image/gif', 'multipart/form-data; boundary=x', 'video/mp4', ''])),
  },
  { name: 'range:unsatisfiable', applies: downloads, apply: (d, p) => void (d.headers.Range = p.pick(['bytes=99999999-', 'bytes=-0', 'bytes=5-1', 'bytes=0-1,3-4', 'bytes=x-y', 'chars=0-5', 'bytes=', 'bytes=--1', `bytes=${'9'.repeat(40)}-`])) },
  { name: 'download:not-published', applies: (op) => op === 'downloadClip', apply: (d, _p, _ctx, u) => void (d.path = u.pending.replace('/uploads/', '/downloads/')) },
  { name: 'download:owner-only-by-other', applies: (op) => op === 'downloadClip', apply: (d, _p, ctx, u) => void ((d.path = u.ownerOnly), (d.headers.Authorization = `Xauth=${ctx.otherToken}`)) },
  {
    name: 'reserve:bad-body',
    applies: (op) => op === 'reserveUpload',
    apply: (d, p) =>
      reserveBody(
        d,
        p.pick([
          '{"fileSize":0}', '{"fileSize":3,"expectedBlocks":4}', '{"fileSize":3000000}', '{}', '{"fileSize":"10"}', '{"fileSize":10,"extra":1}',
          '{"fileSize":10,"visibility":"None"}', '{"fileSize":-1}', '{"fileSize":1e99}', '{"fileSize":10,"userCaption":"\\ud800"}', '{', '[]', 'null',
          `{"fileSize":10,"titleData":"${'é'.repeat(5200)}"}`, '{"fileSize":10,"thumbnailSource":"upload"}', '{"fileSize":10,"expectedBlocks":0}',
        ]),
      ),
  },
  { name: 'reserve:other-owner', applies: (op) => op === 'reserveUpload', apply: (d, _p, ctx) => void (d.path = d.path.replace('/users/me/', `/users/xuid(${ctx.otherXuid})/`)) },
  { name: 'reserve:not-json', applies: (op) => op === 'reserveUpload', apply: (d, p) => void (d.headers['Content-Type'] = p.pick(['text/plain', 'application/octet-stream', 'application/json; charset=utf-16'])) },
];

function base(op: UploadOp, prng: Prng, ctx: FuzzContext, u: UploadFuzzContext): Draft {
  const headers: OutgoingHttpHeaders = { Authorization: `Xauth=${ctx.ownerToken}`, 'X-RequestedServiceVersion': '1' };
  switch (op) {
    case 'reserveUpload':
      return { method: 'POST', path: `/users/me/scids/${ctx.scid}/clips`, query: '', headers: { ...headers, 'Content-Type': 'application/json' }, body: Buffer.from('{"fileSize":10}') };
    case 'uploadClipBlock':
      return { method: 'PUT', path: u.pending, query: `?blockNum=${prng.int(1, 2)}`, headers: { ...headers, 'Content-Type': 'application/octet-stream' }, body: Buffer.alloc(100, 7) };
    case 'uploadThumbnail':
      return { method: 'PUT', path: `${u.pending}/thumbnails/${prng.pick(['large', 'small'])}`, query: '', headers: { ...headers, 'Content-Type': prng.pick(['image/png', 'image/jpeg']) }, body: Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2]) };
    case 'downloadClip':
      return { method: 'GET', path: u.published, query: '', headers };
    case 'downloadThumbnail':
      return { method: 'GET', path: `${u.published}/thumbnails/small`, query: '', headers };
  }
}

/** One hostile request to an upload or download route: a valid call with one or two poisons. */
export function hostileUploadRequest(prng: Prng, ctx: FuzzContext, u: UploadFuzzContext): HostileRequest {
  const op = prng.pick(OPS);
  const d = base(op, prng, ctx, u);
  const poisons: string[] = [];
  const usable = POISONS.filter((x) => x.applies(op));
  for (let i = prng.chance(0.7) ? 1 : 2; i > 0; i--) {
    const m = prng.pick(usable.filter((x) => !poisons.includes(x.name)));
    m.apply(d, prng, ctx, u);
    poisons.push(m.name);
  }
  return { op, poisons, noise: [], req: { method: d.method, path: `${d.path}${d.query}`, headers: d.headers, ...(d.body ? { body: d.body } : {}) } };
}
