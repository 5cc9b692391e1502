/**
 * Profiles the reference server under one scenario: starts `gameclips-server serve` with
 * `--cpu-prof`, loads it with autocannon, stops it and prints where its CPU time went.
 * Usage: npm run profile -w @gameclips/bench [-- SCENARIO [SECONDS] [extra serve flags]]
 *   e.g. `-- update 10` or `-- read 5 --validate-responses off`. Profiles go to apps/bench/profiles/.
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
import { measureLoad } from './load.mjs';
import { scenarioRequest } from './scenarios.mjs';
import { startServerProcess } from './server-process.mjs';
import { renderSummary, summarize } from './summarize-profile.mjs';

const [scenario = 'update', seconds = '10', ...serveArgs] = process.argv.slice(2);
const profiles = fileURLToPath(new URL('../profiles/', import.meta.url));
const { connections } = benchConfig();
await mkdir(profiles, { recursive: true });
const before = new Set(readdirSync(profiles));

const dir = await mkdtemp(join(tmpdir(), 'gameclips-profile-'));
const secret = randomBytes(32).toString('hex');
const authorization = await mintToken(new TextEncoder().encode(secret), { xuid: demo.ownerXuid, scid: demo.scid, titleId: demo.titleId });
const port = await freePort();
try {
  const server = await startServerProcess({
    label: 'profiled server',
    args: ['--cpu-prof', '--cpu-prof-dir', profiles, serverCli, 'serve', '--port', String(port), '--db', join(dir, 'profile.sqlite'), '--seed', 'demo', '--log-level', 'warn', ...serveArgs],
    env: { GAMECLIPS_TOKEN_SECRET: secret },
    url: `http://127.0.0.1:${port}`,
  });
  try {
    const request = scenarioRequest(scenario, { scid: demo.scid, gameClipId: demo.clips.public, authorization });
    const result = await measureLoad({ url: server.url, request, connections, durationSeconds: Number(seconds), warmupSeconds: 0 });
    console.log(`${scenario}: ${Math.round(result.requestsPerSecond)} req/s, p50 ${result.p50Ms?.toFixed(2)} ms, p99 ${result.p99Ms?.toFixed(2)} ms, ${result.failed} failed (profiling slows it down)`);
  } finally {
    await server.stop();
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
const written = readdirSync(profiles).filter((f) => f.endsWith('.cpuprofile') && !before.has(f));
if (written.length === 0) throw new Error('The server wrote no profile');
const file = join(profiles, written[0]);
console.log(`${file}\n`);
console.log(renderSummary(summarize(JSON.parse(readFileSync(file, 'utf8'))), 30));
