/**
 * The list rows: a user's clip list on both engines, on a small and a large collection, for
 * the first page and for page 200 reached by following continuation tokens (by creation, and
 * by views with 1,000 clips viewed since the walk's first page), beside a getClip on the same
 * server. The caller is another user listing the owner's clips (what
 * XboxReplay's client does), so the read rule runs on every clip of a page.
 */
import { join } from 'node:path';
import { demo, demoClips, mintToken, openStore } from '@gameclips/server';
import pg from 'pg';
import { serverCli } from './config.mjs';
import { freePort } from './free-port.mjs';
import { measureLoad } from './load.mjs';
import { SERVICE_VERSION } from './scenarios.mjs';
import { startServerProcess } from './server-process.mjs';

/** The owner of the listed clips, and the user who lists them. */
export const OWNER = '2535400000000001';
export const VIEWER = '2535400000000002';
/** Clips per page, the service's default maxItems. */
export const PAGE_SIZE = 25;
/** The deep page, reached by following continuation tokens from page 1. */
export const DEEP_PAGE = 200;
const INSERT_BATCH = 2_000;

/** Clip n of the owner: public, published, one recorded every 30 s (two at a time, so the order has ties). */
function listClip(n) {
  const recorded = new Date(Date.UTC(2025, 0, 1) + Math.floor(n / 2) * 30_000).toISOString();
  const gameClipId = `a1000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
  return {
    ...demoClips[0],
    gameClipId,
    xuid: OWNER,
    dateRecorded: recorded,
    lastModified: recorded,
    clipName: `Clip ${n}`,
    userCaption: `Benchmark clip ${n}`,
    visibility: 'Public',
    state: 'Published',
    rating: (n % 5) + 1,
    ratingCount: 1,
    views: n % 1_000,
    thumbnails: [{ uri: `https://gameclips.example.net/thumbnails/${gameClipId}-small.png`, fileSize: 18234, thumbnailType: 'Small' }],
    gameClipUris: [{ uri: `https://gameclips.example.net/clips/${gameClipId}.mp4`, fileSize: 14215884, uriType: 'Download', expiration: '2027-12-31T00:00:00.000Z' }],
  };
}

/** Loads `count` of the owner's clips into a store with the store's own insertClips, in batches; returns the seconds it took. */
export async function loadClips(storeOptions, count) {
  const started = performance.now();
  const store = await openStore(storeOptions);
  try {
    for (let start = 0; start < count; start += INSERT_BATCH) {
      const batch = [];
      for (let n = start; n < Math.min(count, start + INSERT_BATCH); n++) batch.push(listClip(n));
      await store.insertClips(batch);
    }
  } finally {
    await store.close();
  }
  if (storeOptions.store === 'postgres') await analyze(storeOptions.databaseUrl);
  return (performance.now() - started) / 1000;
}

/**
 * Gathers PostgreSQL's statistics of the freshly loaded table, as a database that has lived
 * with its rows has them. Right after a bulk load, before autovacuum gets to it, the planner
 * guesses, and may walk a list by a scan and a sort instead of the order's index.
 */
async function analyze(databaseUrl, table = 'clips') {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`ANALYZE ${table}`);
  } finally {
    await client.end();
  }
}

/** `gameclips-server serve` on a store, with no seed and no request log. */
async function serveStore(storeArgs, secret, id) {
  const port = await freePort();
  return startServerProcess({
    label: id,
    args: [serverCli, 'serve', '--port', String(port), ...storeArgs, '--seed', 'none', '--log-level', 'warn'],
    env: { GAMECLIPS_TOKEN_SECRET: secret },
    url: `http://127.0.0.1:${port}`,
  });
}

/** Views recorded between page 1 and the deep page of the "views walk while views change" row. */
export const VIEWS_DURING_WALK = 1_000;

/**
 * Follows continuation tokens from page 1 to `page` (ordered by `qualifier`, `created` by
 * default) and checks that page is a full one; the query of that page and the seconds the walk
 * took. `afterFirst` runs once, after page 1.
 */
async function queryOfPage(url, headers, page, { qualifier = 'created', afterFirst = async () => {} } = {}) {
  const started = performance.now();
  const first = `maxItems=${PAGE_SIZE}${qualifier === 'created' ? '' : `&qualifier=${qualifier}`}`;
  let query = first;
  for (let n = 1; ; n++) {
    const response = await fetch(`${url}${listPath()}?${query}`, { headers });
    if (!response.ok) throw new Error(`page ${n}: ${response.status} ${await response.text()}`);
    const { gameClips, pagingInfo } = await response.json();
    if (gameClips.length !== PAGE_SIZE) throw new Error(`page ${n} has ${gameClips.length} clips, not ${PAGE_SIZE}`);
    if (n === page) break;
    if (!pagingInfo?.continuationToken) throw new Error(`page ${n} has no continuation token`);
    if (n === 1) await afterFirst();
    query = `${first}&continuationToken=${encodeURIComponent(pagingInfo.continuationToken)}`;
  }
  return { query, walkSeconds: (performance.now() - started) / 1000 };
}

/** Records a view of `count` of the owner's clips, spread over the collection, as the listing user. */
async function recordViews(url, headers, size, count) {
  for (let i = 0; i < count; i++) {
    const n = Math.floor((i * size) / count);
    const response = await fetch(`${url}/users/xuid(${OWNER})/scids/${demo.scid}/clips/${listClip(n).gameClipId}/views`, { method: 'POST', headers });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`view of clip ${n}: ${response.status}`);
  }
}

const listPath = () => `/users/xuid(${OWNER})/clips`;

/** The median time of a request made alone, one after another, without load. */
async function medianAloneMs(url, headers, runs = 7) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const response = await fetch(url, { headers });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${response.status} for ${url}`);
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

/**
 * One row: the request of `page` (or a getClip when it is undefined) under load on a running
 * server; with `viewsDuringWalk`, of a walk by views during which that many clips were viewed
 * after page 1 (each page then also reads their sort history).
 */
async function measureRow({ server, headers, size, page, viewsDuringWalk, afterViews, loadSettings }) {
  let path;
  let walkSeconds;
  if (page === undefined) {
    path = `/users/xuid(${OWNER})/scids/${demo.scid}/clips/${listClip(Math.floor(size / 2)).gameClipId}`;
  } else {
    const afterFirst = async () => {
      await recordViews(server.url, headers, size, viewsDuringWalk);
      await afterViews();
    };
    const walk = viewsDuringWalk ? { qualifier: 'views', afterFirst } : {};
    const reached = await queryOfPage(server.url, headers, page, walk);
    path = `${listPath()}?${reached.query}`;
    walkSeconds = reached.walkSeconds;
      }
  const aloneMs = await medianAloneMs(server.url + path, headers);
  const result = await measureLoad({ ...loadSettings, url: server.url, request: { method: 'GET', path, headers }, serverCpuSeconds: server.cpuSeconds });
  if (result.ok === 0) {
    // Each request takes so long that none of the connections' first ones ended in the row's time.
    const why = `no request answered within the row's ${loadSettings.durationSeconds} s under load (${JSON.stringify(result.statusCodes)})`;
    return { error: why, aloneMs, walkSeconds };
  }
  return { result, aloneMs, walkSeconds };
}

/**
 * Measures the list rows on each engine and collection size, under load with `loadSettings`
 * (connections, durationSeconds, warmupSeconds). `postgresUrl()` gives a fresh PostgreSQL
 * schema; it throws when PostgreSQL cannot run here, and those rows say why.
 */
export async function measureListRows({ dir, secret, engines, sizes, postgresUrl, loadSettings, log }) {
  const authorization = await mintToken(new TextEncoder().encode(secret), { xuid: VIEWER, scid: demo.scid, titleId: demo.titleId, ttlSeconds: 4 * 3600 });
  const headers = { Authorization: authorization, 'X-RequestedServiceVersion': SERVICE_VERSION, Accept: 'application/json' };
  const largest = Math.max(...sizes);
  const rows = [];
  for (const engine of engines) {
    for (const size of sizes) {
      const id = `list-${engine}-${size}`;
      const plan = [{ request: 'page 1', page: 1 }];
      if (size >= DEEP_PAGE * PAGE_SIZE) {
        plan.push({ request: `page ${DEEP_PAGE}`, page: DEEP_PAGE });
        plan.push({ request: `views walk while views change: page ${DEEP_PAGE}`, page: DEEP_PAGE, viewsDuringWalk: VIEWS_DURING_WALK });
      }
      if (size === largest) plan.unshift({ request: 'getClip', page: undefined });
      let server;
      let loadSeconds;
      let storeOptions;
      try {
        storeOptions = engine === 'postgres' ? { store: 'postgres', databaseUrl: await postgresUrl() } : { db: join(dir, `${id}.sqlite`) };
        loadSeconds = await loadClips(storeOptions, size);
        log(`  list on ${engine}: ${size.toLocaleString('en-US')} clips loaded in ${loadSeconds.toFixed(1)} s`);
        const storeArgs = engine === 'postgres' ? ['--store', 'postgres', '--database-url', storeOptions.databaseUrl] : ['--db', storeOptions.db];
        server = await serveStore(storeArgs, secret, id);
      } catch (error) {
        const reason = String(error.message).split('\n')[0];
        log(`  list on ${engine}, ${size} clips: not measured (${reason})`);
        for (const { request } of plan) rows.push({ engine, size, request, error: `not measured: ${reason}` });
        continue;
      }
      try {
        for (const { request, page, viewsDuringWalk } of plan) {
          try {
            // The sort history's statistics, as autovacuum gathers them within a minute of the views.
            const afterViews = async () => (engine === 'postgres' ? analyze(storeOptions.databaseUrl, 'clip_sort_history') : undefined);
            rows.push({ engine, size, request, loadSeconds, ...(await measureRow({ server, headers, size, page, viewsDuringWalk, afterViews, loadSettings })) });
            const { result, error, aloneMs } = rows.at(-1);
            if (error) {
              log(`  list on ${engine}, ${size.toLocaleString('en-US')} clips, ${request}: ${aloneMs.toFixed(1)} ms alone; ${error}`);
              continue;
            }
            log(`  list on ${engine}, ${size.toLocaleString('en-US')} clips, ${request}: ${Math.round(result.requestsPerSecond)} req/s, p50 ${result.p50Ms?.toFixed(2)} ms, ${Math.round(result.serverCpuMicros)} µs CPU/req${result.failed ? `, ${result.failed} failed ${JSON.stringify(result.statusCodes)}` : ''}`);
          } catch (error) {
            const reason = String(error.message).split('\n')[0];
            log(`  list on ${engine}, ${size.toLocaleString('en-US')} clips, ${request}: not measured (${reason})`);
            rows.push({ engine, size, request, error: `not measured: ${reason}` });
          }
        }
      } finally {
        await server.stop();
      }
    }
  }
  return rows;
}
