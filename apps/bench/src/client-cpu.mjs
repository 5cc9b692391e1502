import createClient from 'openapi-fetch';
import { createGameClipsClient } from '@gameclips/client';
import { demoClips } from '@gameclips/server';
import { scenarioNames, SERVICE_VERSION, UPDATE_BODY } from './scenarios.mjs';

const BASE_URL = 'http://127.0.0.1:9';
const CLIP = '/users/{ownerId}/scids/{scid}/clips/{gameClipId}';
const READ_BODY = JSON.stringify({ gameClip: demoClips[0] });

/**
 * A `fetch` that answers at once, in process, as the reference server would (200, an ETag,
 * the clip's JSON for a read), so that only the callers' own CPU time is measured.
 */
async function stubFetch(request) {
  const read = request.method === 'GET';
  return new Response(read ? READ_BODY : null, {
    status: 200,
    headers: read ? { 'Content-Type': 'application/json', ETag: '"0123abcd-1"' } : { ETag: '"0123abcd-1"' },
  });
}

/**
 * The four calls through @gameclips/client and through bare openapi-fetch with the headers the
 * service needs. The client runs as users run it, on the global `fetch` (the stub while this
 * measures), and once more given the stub as its `fetch` option.
 */
function callers({ scid, gameClipId, authorization }) {
  const ref = { scid, gameClipId };
  const clientCalls = (client) => ({
    update: () => client.updateClipMetadata({ ...ref, body: UPDATE_BODY }),
    view: () => client.recordClipView(ref),
    rate: () => client.rateClip({ ...ref, rating: 4 }),
    read: () => client.getClip(ref),
  });
  const bare = createClient({ baseUrl: BASE_URL, fetch: stubFetch });
  const path = { ownerId: 'me', scid, gameClipId };
  const header = { Authorization: authorization, 'X-RequestedServiceVersion': SERVICE_VERSION, Accept: 'application/json' };
  return {
    client: clientCalls(createGameClipsClient({ baseUrl: BASE_URL, token: authorization })),
    // A `fetch` option gets requests whose own signal follows the call's (undici's cost).
    clientGivenFetch: clientCalls(createGameClipsClient({ baseUrl: BASE_URL, token: authorization, fetch: stubFetch })),
    bare: bareCalls(bare, path, header, () => undefined),
    // The client bounds every call with a timeout (30 s by default): the Requests it gives a
    // `fetch` option follow a signal (one shared by the calls started close together), which
    // undici follows at a cost of its own. This baseline pays that, and a signal made per call.
    bareWithSignal: bareCalls(bare, path, header, () => new AbortController().signal),
  };
}

function bareCalls(bare, path, header, signal) {
  return {
      update: () => bare.POST(CLIP, { params: { path, header }, body: UPDATE_BODY, signal: signal() }),
      view: () => bare.POST(`${CLIP}/views`, { params: { path, header }, signal: signal() }),
      rate: () => bare.POST(`${CLIP}/ratings/{ratingValue}`, { params: { path: { ...path, ratingValue: 4 }, header }, signal: signal() }),
      read: () => bare.GET(CLIP, { params: { path, header }, signal: signal() }),
  };
}

/** CPU microseconds per call of `call`, one call at a time for `iterations` calls. */
async function cpuPerCall(call, iterations) {
  const before = process.cpuUsage();
  for (let i = 0; i < iterations; i++) await call();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / iterations;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * The client's own CPU per call over bare openapi-fetch, both on a stub `fetch` in this
 * process: for each call, `rounds` alternating paired runs of `iterations` calls each; the
 * overhead is the median of the paired differences.
 */
export async function measureClientCpu({ scid, gameClipId, authorization, iterations = 5_000, rounds = 7 }) {
  const globalFetch = globalThis.fetch;
  globalThis.fetch = stubFetch;
  try {
    return await measureVariants(callers({ scid, gameClipId, authorization }), iterations, rounds);
  } finally {
    globalThis.fetch = globalFetch;
  }
}

async function measureVariants(variants, iterations, rounds) {
  const rows = [];
  for (const name of scenarioNames) {
    await cpuPerCall(variants.client[name], iterations);
    await cpuPerCall(variants.bare[name], iterations);
    await cpuPerCall(variants.bareWithSignal[name], iterations);
    await cpuPerCall(variants.clientGivenFetch[name], iterations);
    const client = [];
    const clientGivenFetch = [];
    const bare = [];
    const bareWithSignal = [];
    const differences = [];
    const signalDifferences = [];
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? ['bare', 'bareWithSignal', 'client', 'clientGivenFetch'] : ['clientGivenFetch', 'client', 'bareWithSignal', 'bare'];
      const result = {};
      for (const variant of order) result[variant] = await cpuPerCall(variants[variant][name], iterations);
      client.push(result.client);
      clientGivenFetch.push(result.clientGivenFetch);
      bare.push(result.bare);
      bareWithSignal.push(result.bareWithSignal);
      differences.push(result.client - result.bare);
      signalDifferences.push(result.clientGivenFetch - result.bareWithSignal);
    }
    rows.push({
      name,
      bareMicros: median(bare),
      bareWithSignalMicros: median(bareWithSignal),
      clientMicros: median(client),
      clientGivenFetchMicros: median(clientGivenFetch),
      overheadMicros: median(differences),
      overSignalMicros: median(signalDifferences),
    });
  }
  return rows;
}
