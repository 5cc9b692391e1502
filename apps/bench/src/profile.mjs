/**
 * Profiles the reference server and the framework ceiling under one scenario, one after the
 * other in the same run: starts each with `--cpu-prof`, loads it with autocannon, stops it and
 * prints where its CPU time went, then the places where the reference server spends more
 * per request than the ceiling.
 * Usage: npm run profile -w @gameclips/bench [-- SCENARIO [SECONDS] [extra serve flags]]
 *   e.g. `-- update 10` or `-- read 5 --validate-responses off`. PROFILE_SERVERS=reference
 *   profiles the reference server alone. Profiles go to apps/bench/profiles/. `list` loads
 *   PROFILE_LIST_CLIPS (2,000 by default) clips of the list rows' owner first and lists them
 *   as the list rows' other user (the read rule and the totalItems count run).
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { demo, mintToken } from '@gameclips/server';
import { benchConfig, serverCli } from './config.mjs';
import { freePort } from './free-port.mjs';
import { loadClips, OWNER, VIEWER } from './list-rows.mjs';
import { measureLoad } from './load.mjs';
import { scenarioRequest } from './scenarios.mjs';
import { startServerProcess } from './server-process.mjs';
import { renderComparison, renderSummary, summarize } from './summarize-profile.mjs';

const [scenario = 'update', seconds = '10', ...serveArgs] = process.argv.slice(2);
const servers = (process.env.PROFILE_SERVERS || 'reference,ceiling').split(',');
const profiles = fileURLToPath(new URL('../profiles/', import.meta.url));
const ceilingScript = fileURLToPath(new URL('./servers/ceiling-server.mjs', import.meta.url));
const { connections } = benchConfig();
await mkdir(profiles, { recursive: true });

const dir = await mkdtemp(join(tmpdir(), 'gameclips-profile-'));
const secret = randomBytes(32).toString('hex');
const isList = scenario === 'list';
const dbFile = join(dir, 'profile.sqlite');
if (isList) await loadClips({ db: dbFile }, Number(process.env.PROFILE_LIST_CLIPS || 2_000));
const authorization = await mintToken(new TextEncoder().encode(secret), { xuid: isList ? VIEWER : demo.ownerXuid, scid: demo.scid, titleId: demo.titleId });
const profileArgs = ['--cpu-prof', '--cpu-prof-dir', profiles];

/** How each server is started under the profiler. */
const starts = {
  reference: async () => {
    const port = await freePort();
    return startServerProcess({
      label: 'profiled reference server',
      args: [...profileArgs, serverCli, 'serve', '--port', String(port), '--db', dbFile, '--seed', 'demo', '--log-level', 'warn', ...serveArgs],
      env: { GAMECLIPS_TOKEN_SECRET: secret },
      url: `http://127.0.0.1:${port}`,
    });
  },
  ceiling: () => startServerProcess({ label: 'profiled framework ceiling', args: [...profileArgs, ceilingScript] }),
};

/** Loads one server under the profiler; returns its summary and the requests it answered. */
async function profileOne(name) {
  const before = new Set(readdirSync(profiles));
  const spawned = Date.now();
  const server = await starts[name]();
  // The start (module loading, the contract's compilation) is left out of the summary.
  const startMs = Date.now() - spawned;
  let result;
  try {
    const request = scenarioRequest(scenario, { scid: demo.scid, gameClipId: demo.clips.public, authorization, listOwner: OWNER });
    result = await measureLoad({ url: server.url, request, connections, durationSeconds: Number(seconds), warmupSeconds: 1 });
    console.log(`${name}, ${scenario}: ${Math.round(result.requestsPerSecond)} req/s, p50 ${result.p50Ms?.toFixed(2)} ms, p99 ${result.p99Ms?.toFixed(2)} ms, ${result.failed} failed (profiling slows it down)`);
  } finally {
    await server.stop();
  }
  const written = readdirSync(profiles).filter((f) => f.endsWith('.cpuprofile') && !before.has(f));
  if (written.length === 0) throw new Error(`The ${name} server wrote no profile`);
  const file = join(profiles, written[0]);
  // The warm-up second is in the profile too: count it in the requests the busy time served.
  const requests = result.requestsPerSecond * (Number(seconds) + 1);
  return { name, file, requests, summary: summarize(JSON.parse(readFileSync(file, 'utf8')), { skipMs: startMs }) };
}

try {
  const results = [];
  for (const name of servers) results.push(await profileOne(name));
  for (const { name, file, summary } of results) console.log(`\n## ${name}: ${file}\n\n${renderSummary(summary, 30)}`);
  if (results.length === 2) console.log(`\n${renderComparison(results[0], results[1])}`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
