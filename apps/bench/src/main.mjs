/**
 * `npm run bench`: the reference server under load next to baselines measured in the same
 * run (bare node:http on the same store, validation off, Prism), list pages on both engines
 * beside a getClip, the client against raw fetch, and cold start. Prints a markdown table and writes it to bench/results.md.
 * Settings come from BENCH_* environment variables (see apps/bench/README.md). It never
 * fails on a figure: goals are printed as met or not met.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { benchConfig, machine as describeMachine, repoRoot, resultsFile, serverCli } from './config.mjs';

if (!existsSync(serverCli)) {
  console.error('The server is not built: run `npm run build` (or `npm run bench`, which builds it) first.');
  process.exit(1);
}
const { demo, mintToken } = await import('@gameclips/server');
const { measureClientCpu } = await import('./client-cpu.mjs');
const { measureClientOverhead } = await import('./client-overhead.mjs');
const { measureColdStart } = await import('./cold-start.mjs');
const { measureListRows } = await import('./list-rows.mjs');
const { measureLoad } = await import('./load.mjs');
const { measureLoopDelay } = await import('./loop-delay.mjs');
const { renderReport } = await import('./report.mjs');
const { scenarioRequest, scenarioTitles } = await import('./scenarios.mjs');
const { measureStartServer } = await import('./start-server-time.mjs');
const { measureTransfers } = await import('./transfer-rows.mjs');
const { createGameClipsClient } = await import('@gameclips/client');
const { postgresUrl, stopPostgres, targets } = await import('./targets.mjs');

/** Rows in the order they run: each scenario on the bare baseline, then on the others. */
const PLAN = [
  ['update', 'bare'],
  ['update', 'ceiling'],
  ['update', 'reference'],
  ['update', 'responsesOff'],
  ['update', 'validationOff'],
  ['update', 'prism'],
  ['update', 'referenceAsShipped'],
  ['update', 'postgres'],
  ['update', 'prismAsShipped'],
  ['view', 'bare'],
  ['view', 'ceiling'],
  ['view', 'reference'],
  ['view', 'postgres'],
  ['rate', 'bare'],
  ['rate', 'ceiling'],
  ['rate', 'reference'],
  ['rate', 'postgres'],
  ['read', 'bare'],
  ['read', 'ceiling'],
  ['read', 'reference'],
  ['read', 'responsesOff'],
  ['read', 'prism'],
];

const config = benchConfig();
const machine = describeMachine();
const only = config.only.split(',').map((s) => s.trim()).filter(Boolean);
const wanted = (...keys) => only.length === 0 || keys.some((k) => only.includes(k));
const log = (message) => process.stderr.write(`${message}\n`);

const dir = await mkdtemp(join(tmpdir(), 'gameclips-bench-'));
const secret = randomBytes(32).toString('hex');
const authorization = await mintToken(new TextEncoder().encode(secret), {
  xuid: demo.ownerXuid,
  scid: demo.scid,
  titleId: demo.titleId,
  ttlSeconds: 4 * 3600,
});
const clip = { scid: demo.scid, gameClipId: demo.clips.public, authorization };
const notes = [];
const rows = [];
let client;
let clientCpu;
let coldStart;
let lists;
let loopDelay;
let startServerTime;
let transfers;

try {
  const plan = PLAN.filter(([scenario, target]) => wanted(scenario, target) && (config.prism || !target.startsWith('prism')));
  log(`bench: ${plan.length} scenarios × ${config.warmupSeconds + config.durationSeconds} s, ${config.connections} connections`);
  for (const [index, [scenario, target]] of plan.entries()) {
    const id = `${String(index).padStart(2, '0')}-${scenario}-${target}`;
    let server;
    try {
      server = await targets[target].start({ dir, secret, id });
    } catch (error) {
      const reason = String(error.message).split('\n')[0];
      log(`  ${scenario} on ${target}: could not start (${reason})`);
      rows.push({ scenario, target, error: `not measured: ${reason}` });
      if (target.startsWith('prism')) notes.push(`Prism could not run here: ${reason}`);
      continue;
    }
    try {
      const result = await measureLoad({
        url: server.url,
        request: scenarioRequest(scenario, clip),
        connections: config.connections,
        durationSeconds: config.durationSeconds,
        warmupSeconds: config.warmupSeconds,
        serverCpuSeconds: server.cpuSeconds,
      });
      const peakRss = server.peakRss();
      rows.push({ scenario, target, result, peakRss });
      log(`  ${scenarioTitles[scenario]} on ${targets[target].short}: ${Math.round(result.requestsPerSecond)} req/s, p99 ${result.p99Ms?.toFixed(2)} ms, ${Math.round(result.serverCpuMicros)} µs CPU/req${result.failed ? `, ${result.failed} failed ${JSON.stringify(result.statusCodes)}` : ''}`);
      if (result.failed > 0) notes.push(`${scenario} on ${targets[target].short}: ${result.failed} requests failed (${JSON.stringify(result.statusCodes)}).`);
    } finally {
      await server.stop();
    }
  }

  if (wanted('loop')) {
    log('  event-loop delay and GC pauses of the reference server under update and read');
    loopDelay = await measureLoopDelay({ dir, secret, clip, scenarios: ['update', 'read'], connections: config.connections, durationSeconds: config.durationSeconds, warmupSeconds: config.warmupSeconds });
  }

  const listEngines = ['sqlite', 'postgres'].filter((engine) => wanted('list', 'lists', engine));
  if (listEngines.length > 0) {
    log(`  lists: ${listEngines.join(' and ')}, ${config.listSizes.map((n) => n.toLocaleString('en-US')).join(' and ')} clips`);
    lists = await measureListRows({
      dir,
      secret,
      engines: listEngines,
      sizes: config.listSizes,
      postgresUrl,
      loadSettings: { connections: config.connections, durationSeconds: config.durationSeconds, warmupSeconds: config.warmupSeconds },
      log,
    });
  }

  if (wanted('client')) {
    log(`  client against raw fetch: ${config.clientSeconds} s per variant and call`);
    const server = await targets.reference.start({ dir, secret, id: 'client' });
    try {
      client = await measureClientOverhead({
        url: server.url,
        ...clip,
        seconds: config.clientSeconds,
        concurrency: config.clientConcurrency,
      });
    } finally {
      await server.stop();
    }
  }

  if (wanted('client', 'clientcpu')) {
    log(`  client against bare openapi-fetch on a stub fetch: ${config.clientIterations} calls × ${config.clientRounds} rounds per variant and call`);
    clientCpu = await measureClientCpu({ ...clip, iterations: config.clientIterations, rounds: config.clientRounds });
  }

  if (wanted('transfer')) {
    log(`  upload and download of a ${config.transferMegabytes} MiB clip`);
    const server = await targets.reference.start({ dir, secret, id: 'transfer' });
    try {
      const uploader = createGameClipsClient({ baseUrl: server.url, token: authorization });
      transfers = await measureTransfers({ dir, server, client: uploader, scid: demo.scid, megabytes: config.transferMegabytes, parallel: config.transferParallel, log });
    } catch (error) {
      notes.push(`The upload and download rows could not be measured: ${error.message}`);
      log(`  transfer: not measured (${error.message})`);
    } finally {
      await server.stop();
    }
  }

  if (wanted('start')) {
    log(`  startServer() in process: ${config.startServerRuns} runs`);
    startServerTime = await measureStartServer({ runs: config.startServerRuns });
  }

  if (wanted('cold')) {
    log(`  cold start: ${config.coldStarts} runs`);
    const read = scenarioRequest('read', clip);
    coldStart = await measureColdStart({ runs: config.coldStarts, dir, secret, path: read.path, headers: read.headers });
  }
} finally {
  await stopPostgres();
  await rm(dir, { recursive: true, force: true });
}

const report = renderReport({ machine, config, rows, lists, loopDelay, client, clientCpu, coldStart, startServerTime, transfers, notes });
process.stdout.write(`\n${report}`);
await mkdir(dirname(resultsFile), { recursive: true });
await writeFile(resultsFile, report);
log(`\nwritten to ${relative(repoRoot, resultsFile)}`);
