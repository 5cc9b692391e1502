import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureLoad } from './load.mjs';
import { scenarioRequest } from './scenarios.mjs';
import { startServerProcess } from './server-process.mjs';

const referenceScript = fileURLToPath(new URL('./servers/reference-server.mjs', import.meta.url));

/** The `monitor` line the server printed as it stopped. */
function monitorFigures(tail) {
  for (const line of tail.split('\n').reverse()) {
    try {
      const parsed = JSON.parse(line);
      if (parsed.msg === 'monitor') return parsed;
    } catch {
      // not a JSON line
    }
  }
  throw new Error('the server printed no monitor figures');
}

/**
 * Where the p99 goes: per scenario, the reference server (`startServer` as `serve` runs it,
 * validation on) under the same load as the load rows, with its event loop's delay (how late
 * a 1 ms timer fires: how long one turn of the loop takes) and its garbage collector's pauses
 * recorded over the measured seconds, beside the latency the load generator saw.
 */
export async function measureLoopDelay({ dir, secret, clip, scenarios, connections, durationSeconds, warmupSeconds }) {
  const rows = [];
  for (const scenario of scenarios) {
    const server = await startServerProcess({
      label: `loop-${scenario}`,
      args: [referenceScript, '--db', join(dir, `loop-${scenario}.sqlite`), '--monitor'],
      env: { GAMECLIPS_TOKEN_SECRET: secret },
    });
    try {
      const request = scenarioRequest(scenario, clip);
      if (warmupSeconds > 0) await measureLoad({ url: server.url, request, connections, durationSeconds: warmupSeconds, warmupSeconds: 0 });
      process.kill(server.pid, 'SIGUSR2');
      const result = await measureLoad({ url: server.url, request, connections, durationSeconds, warmupSeconds: 0, serverCpuSeconds: server.cpuSeconds });
      await server.stop();
      rows.push({ scenario, result, ...monitorFigures(server.tail()) });
    } finally {
      await server.stop();
    }
  }
  return rows;
}
