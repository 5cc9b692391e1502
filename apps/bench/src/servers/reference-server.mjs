/**
 * The reference server with its benchmarking switches, for the "validation off" baseline:
 * `startServer` as `gameclips-server serve` calls it (demo data, no request log), with
 * request validation off too, which the CLI deliberately does not offer.
 * With `--monitor`, it also records the event loop's delay and the garbage collector's pauses
 * (from the start, or from a SIGUSR2 on) and prints them as one JSON line when it stops.
 * Usage: node reference-server.mjs --db FILE [--validate-requests on|off] [--validate-responses on|off] [--monitor]
 */
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { startServer } from '@gameclips/server';

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: ':memory:' },
    'validate-requests': { type: 'string', default: 'on' },
    'validate-responses': { type: 'string', default: 'on' },
    monitor: { type: 'boolean', default: false },
  },
});
const server = await startServer({
  port: 0,
  db: values.db,
  seed: 'demo',
  validateRequests: values['validate-requests'] !== 'off',
  validateResponses: values['validate-responses'] !== 'off',
});
const report = values.monitor ? monitor() : () => {};
console.log(JSON.stringify({ msg: 'listening', url: server.url }));
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    report();
    server.close().then(() => process.exit(0));
  });
}

/** Starts recording; returns what prints the figures (milliseconds). */
function monitor() {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  const pauses = [];
  new PerformanceObserver((list) => pauses.push(...list.getEntries().map((entry) => entry.duration))).observe({ entryTypes: ['gc'] });
  delay.enable();
  process.on('SIGUSR2', () => {
    delay.reset();
    pauses.length = 0;
  });
  return () => {
    delay.disable();
    const ms = (ns) => ns / 1e6;
    const sorted = pauses.sort((a, b) => a - b);
    const loop = { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max), mean: ms(delay.mean) };
    const gc = { count: sorted.length, totalMs: sorted.reduce((sum, d) => sum + d, 0), p50: sorted[Math.floor(sorted.length / 2)] ?? 0, max: sorted.at(-1) ?? 0 };
    console.log(JSON.stringify({ msg: 'monitor', loop, gc }));
  };
}
