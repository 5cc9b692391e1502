/**
 * The bare baseline: `node:http` and the reference server's own SqliteStore (from its
 * dist), doing the same store calls as the four scenarios, with no framework, no
 * validation, no auth and no domain rules. Usage: node bare-server.mjs --db FILE
 */
import { listenUntilSignal } from './listen-until-signal.mjs';
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';

const dist = (file) => new URL(`../../../server/dist/store/${file}`, import.meta.url).href;
const { SqliteStore } = await import(dist('sqlite-store.js'));
const { demoClips } = await import(dist('demo-clips.js'));

const { values } = parseArgs({ options: { db: { type: 'string', default: ':memory:' } } });
const store = new SqliteStore(values.db);
if ((await store.countClips()) === 0) await store.insertClips(demoClips);

const ROUTE = /^\/users\/[^/]+\/scids\/([^/]+)\/clips\/([^/]+?)(?:\/(views|flag|ratings\/([1-5])))?\/?$/;
const RATER = '2533274790395904';

function send(res, status, body, etag) {
  const headers = etag === undefined ? {} : { ETag: `"${etag}"` };
  if (body === undefined) {
    res.writeHead(status, headers).end();
  } else {
    const text = JSON.stringify(body);
    res.writeHead(status, { ...headers, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) }).end(text);
  }
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function outcome(res, result) {
  if (typeof result === 'object') send(res, 200, undefined, result.version);
  else send(res, result === 'not-found' ? 404 : 412, { errorCode: null, errorMessage: result });
}

async function handle(req, res) {
  const match = ROUTE.exec(req.url ?? '');
  if (!match) return send(res, 404, { errorCode: null, errorMessage: 'no route' });
  const [, scid, gameClipId, action, rating] = match;
  const key = { scid, gameClipId };
  const condition = { now: new Date().toISOString() };
  if (req.method === 'GET' && !action) {
    const stored = await store.getClip(key);
    return stored ? send(res, 200, { gameClip: stored.clip }, stored.version) : send(res, 404, { errorCode: null, errorMessage: 'no clip' });
  }
  if (req.method !== 'POST') return send(res, 405, { errorCode: null, errorMessage: 'method' });
  if (!action) {
    let changes;
    try {
      changes = JSON.parse(await readBody(req));
    } catch {
      return send(res, 400, { errorCode: null, errorMessage: 'bad JSON' });
    }
    return outcome(res, await store.updateMetadata(key, changes, condition));
  }
  if (action === 'views') return outcome(res, await store.recordView(key, condition));
  if (action === 'flag') return outcome(res, await store.flag(key, RATER, 1, condition));
  return outcome(res, await store.rate(key, RATER, Number(rating), condition));
}

const server = createServer((req, res) => {
  handle(req, res).catch((error) => send(res, 500, { errorCode: null, errorMessage: String(error?.message ?? error) }));
});
listenUntilSignal(server, () => store.close());

