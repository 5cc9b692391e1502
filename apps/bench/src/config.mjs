import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { contractPath } from '@gameclips/contract';

function numberFromEnv(name, fallback, { min = 0, integer = false } = {}) {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value < min || (integer && !Number.isInteger(value))) {
    throw new Error(`${name} must be ${integer ? 'an integer' : 'a number'} >= ${min}, not ${JSON.stringify(text)}`);
  }
  return value;
}

/** The repository root. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** The server's CLI, as built by `npm run build`. */
export const serverCli = fileURLToPath(new URL('../../server/dist/cli.js', import.meta.url));

/** The contract Prism mocks. */
export const contractFile = contractPath;

/** Where the results table is written. */
export const resultsFile = fileURLToPath(new URL('../../../bench/results.md', import.meta.url));

/** The run's settings, from environment variables (see the README). */
export function benchConfig() {
  return {
    /** Seconds each load scenario is measured (after its warm-up). */
    durationSeconds: numberFromEnv('BENCH_DURATION_SECONDS', 5, { min: 1 }),
    /** Seconds of load before each measurement, not counted. */
    warmupSeconds: numberFromEnv('BENCH_WARMUP_SECONDS', 1, { min: 0 }),
    /** Concurrent connections of the load generator. */
    connections: numberFromEnv('BENCH_CONNECTIONS', 32, { min: 1, integer: true }),
    /** Seconds per variant and call of the client-against-fetch comparison. */
    clientSeconds: numberFromEnv('BENCH_CLIENT_SECONDS', 2, { min: 0.5 }),
    /** Calls in flight at once in the client comparison. */
    clientConcurrency: numberFromEnv('BENCH_CLIENT_CONCURRENCY', 1, { min: 1, integer: true }),
    /** Calls per variant and round in the client's CPU comparison on a stub fetch. */
    clientIterations: numberFromEnv('BENCH_CLIENT_ITERATIONS', 5_000, { min: 1, integer: true }),
    /** Paired rounds (client, bare openapi-fetch) per call in that comparison. */
    clientRounds: numberFromEnv('BENCH_CLIENT_ROUNDS', 7, { min: 1, integer: true }),
    /** In-process `startServer()` runs to take the median of. */
    startServerRuns: numberFromEnv('BENCH_START_RUNS', 7, { min: 1, integer: true }),
    /** Cold starts to take the median of. */
    coldStarts: numberFromEnv('BENCH_COLD_STARTS', 5, { min: 1, integer: true }),
    /** Skip the Prism baseline (BENCH_PRISM=off). */
    prism: process.env.BENCH_PRISM !== 'off',
    /** Collection sizes of the list rows (the largest also gets a getClip row, and page 200 where it exists). */
    listSizes: (process.env.BENCH_LIST_SIZES || '500,100000').split(',').map((n) => {
      const size = Number(n);
      if (!Number.isInteger(size) || size < 1) throw new Error(`BENCH_LIST_SIZES must be positive integers, not ${JSON.stringify(n)}`);
      return size;
    }),
    /** MiB of the clip uploaded and downloaded in the transfer rows. */
    transferMegabytes: numberFromEnv('BENCH_TRANSFER_MB', 100, { min: 1, integer: true }),
    /** Blocks the transfer rows' upload sends at the same time. */
    transferParallel: numberFromEnv('BENCH_TRANSFER_PARALLEL', 4, { min: 1, integer: true }),
    /** Only the scenarios whose label contains this text (for development). */
    only: process.env.BENCH_ONLY ?? '',
  };
}

/** What the figures were measured on. */
export function machine() {
  const list = cpus();
  return {
    cores: list.length,
    cpu: list[0]?.model.trim() ?? 'unknown',
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  };
}
