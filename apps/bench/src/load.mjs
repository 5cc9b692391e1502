import autocannon from 'autocannon';

/** The q-quantile of sorted values. */
function quantile(sorted, q) {
  if (sorted.length === 0) return undefined;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function run(options, onResponse) {
  const instance = autocannon(options);
  if (onResponse) instance.on('response', onResponse);
  return instance;
}

/**
 * Puts one request under load with autocannon (as a library, in this process) and returns
 * requests/s of 2xx answers and their p50/p99 latency in milliseconds (recorded with
 * sub-millisecond precision, which autocannon's own histogram rounds away).
 */
export async function measureLoad({ url, request, connections, durationSeconds, warmupSeconds, serverCpuSeconds = () => undefined }) {
  const options = {
    url: url + request.path,
    method: request.method,
    headers: request.headers,
    ...(request.body === undefined ? {} : { body: request.body }),
    connections,
    pipelining: 1,
    timeout: 10,
  };
  if (warmupSeconds > 0) await run({ ...options, duration: warmupSeconds });

  let latencies = new Float64Array(1 << 16);
  let count = 0;
  const cpuBefore = serverCpuSeconds();
  const result = await run({ ...options, duration: durationSeconds }, (_client, statusCode, _bytes, responseTime) => {
    if (statusCode < 200 || statusCode >= 300) return;
    if (count === latencies.length) {
      const bigger = new Float64Array(latencies.length * 2);
      bigger.set(latencies);
      latencies = bigger;
    }
    latencies[count++] = responseTime;
  });
  const cpuAfter = serverCpuSeconds();
  const sorted = latencies.subarray(0, count).sort();
  const ok = result['2xx'];
  return {
    requestsPerSecond: ok / (result.duration || durationSeconds),
    p50Ms: quantile(sorted, 0.5),
    p99Ms: quantile(sorted, 0.99),
    /** Server CPU time per answered request, in microseconds (robust to a busy machine). */
    serverCpuMicros: cpuBefore === undefined || cpuAfter === undefined || !(result.requests.total > 0) ? undefined : ((cpuAfter - cpuBefore) * 1e6) / result.requests.total,
    ok,
    failed: result.non2xx + result.errors + result.timeouts,
    statusCodes: result.statusCodeStats,
  };
}
