import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { serverCli } from './config.mjs';
import { freePort } from './free-port.mjs';

/**
 * Milliseconds from spawning `gameclips-server serve` (fresh SQLite file, demo seed) to the
 * first 200 answer to a clip read, polling every 5 ms.
 */
async function coldStartOnce({ dir, secret, index, path, headers }) {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [serverCli, 'serve', '--port', String(port), '--db', join(dir, `cold-${index}.sqlite`), '--seed', 'demo', '--log-level', 'warn'],
    { env: { ...process.env, GAMECLIPS_TOKEN_SECRET: secret }, stdio: 'ignore' },
  );
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`serve exited with ${child.exitCode} before answering`);
      if (performance.now() - started > 30_000) throw new Error('serve did not answer 200 within 30 s');
      try {
        const response = await fetch(`http://127.0.0.1:${port}${path}`, { headers });
        await response.arrayBuffer();
        if (response.status === 200) return performance.now() - started;
      } catch {
        // Not listening yet.
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

/** Cold starts, one after the other; every time and the median. */
export async function measureColdStart({ runs, ...options }) {
  const times = [];
  for (let index = 0; index < runs; index++) times.push(await coldStartOnce({ ...options, index }));
  const sorted = [...times].sort((a, b) => a - b);
  return { times, medianMs: sorted[Math.floor(sorted.length / 2)] };
}
