import { startServer } from '@gameclips/server';
import { scenarioRequest } from './scenarios.mjs';

/**
 * Milliseconds from calling `startServer()` in this process (in-memory store, demo seed) to
 * its first 200 answer to a clip read, then closes it. The modules are already loaded, as in
 * a test suite that starts a server per file.
 */
async function startOnce() {
  const started = performance.now();
  const server = await startServer({ seed: 'demo' });
  try {
    const authorization = await server.mintToken({ xuid: server.demo.ownerXuid, scid: server.demo.scid, titleId: server.demo.titleId });
    const { path, headers } = scenarioRequest('read', { scid: server.demo.scid, gameClipId: server.demo.clips.public, authorization });
    const response = await fetch(server.url + path, { headers });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`startServer: the first read answered ${response.status}`);
    return performance.now() - started;
  } finally {
    await server.close();
  }
}

/** `startServer()` start to first answer, `runs` times one after the other; every time and the median. */
export async function measureStartServer({ runs }) {
  const times = [];
  for (let index = 0; index < runs; index++) times.push(await startOnce());
  const sorted = [...times].sort((a, b) => a - b);
  return { times, medianMs: sorted[Math.floor(sorted.length / 2)] };
}
