import { createGameClipsClient } from '@gameclips/client';
import { scenarioNames, scenarioRequest, UPDATE_BODY } from './scenarios.mjs';

/** The same call made with the client and with raw `fetch`, both reading the answer fully. */
function callers({ url, scid, gameClipId, authorization }) {
  const client = createGameClipsClient({ baseUrl: url, token: authorization });
  const ref = { scid, gameClipId };
  const viaClient = {
    update: () => client.updateClipMetadata({ ...ref, body: UPDATE_BODY }),
    view: () => client.recordClipView(ref),
    rate: () => client.rateClip({ ...ref, rating: 4 }),
    read: () => client.getClip(ref),
  };
  const viaFetch = Object.fromEntries(
    scenarioNames.map((name) => {
      const { method, path, headers, body } = scenarioRequest(name, { scid, gameClipId, authorization });
      return [
        name,
        async () => {
          const response = await fetch(url + path, { method, headers, ...(body === undefined ? {} : { body }) });
          if (!response.ok) throw new Error(`${name}: ${response.status} ${await response.text()}`);
          const result = name === 'read' ? { clip: (await response.json()).gameClip } : (await response.arrayBuffer(), {});
          return { ...result, etag: response.headers.get('ETag') ?? undefined };
        },
      ];
    }),
  );
  return { client: viaClient, fetch: viaFetch };
}

/** Calls `call` from `concurrency` loops for `seconds`; calls/s and this process's CPU per call. */
async function drive(call, seconds, concurrency) {
  let calls = 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        await call();
        calls++;
      }
    }),
  );
  const elapsedMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  return { calls, elapsedMs, cpuMicros: cpu.user + cpu.system };
}

/**
 * `@gameclips/client` against raw `fetch` for the four calls, on one reference server.
 * The variants alternate in rounds so that drift in the machine's load hits both alike.
 */
export async function measureClientOverhead({ url, scid, gameClipId, authorization, seconds, concurrency, rounds = 4 }) {
  const variants = callers({ url, scid, gameClipId, authorization });
  const rows = [];
  for (const name of scenarioNames) {
    const totals = { client: { calls: 0, elapsedMs: 0, cpuMicros: 0 }, fetch: { calls: 0, elapsedMs: 0, cpuMicros: 0 } };
    await drive(variants.client[name], 0.2, concurrency);
    await drive(variants.fetch[name], 0.2, concurrency);
    for (let round = 0; round < rounds; round++) {
      for (const variant of round % 2 === 0 ? ['fetch', 'client'] : ['client', 'fetch']) {
        const result = await drive(variants[variant][name], seconds / rounds, concurrency);
        for (const key of Object.keys(result)) totals[variant][key] += result[key];
      }
    }
    const perCall = (t) => ({
      callsPerSecond: t.calls / (t.elapsedMs / 1000),
      msPerCall: (t.elapsedMs * concurrency) / t.calls,
      cpuMicrosPerCall: t.cpuMicros / t.calls,
    });
    const client = perCall(totals.client);
    const raw = perCall(totals.fetch);
    rows.push({ name, client, fetch: raw, overhead: raw.callsPerSecond / client.callsPerSecond - 1 });
  }
  return rows;
}
