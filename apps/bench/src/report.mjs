import { int, mib, ms, percent, ratio } from './format.mjs';
import { listGoals, renderListSection } from './list-report.mjs';
import { renderTransferSection, transferGoals } from './transfer-report.mjs';
import { scenarioTitles } from './scenarios.mjs';
import { targets } from './targets.mjs';


function rowOf(rows, scenario, target) {
  return rows.find((r) => r.scenario === scenario && r.target === target && r.result);
}

/** The goals, each with its figure from this run and whether it is met. */
export function goals({ rows, lists, clientCpu, startServerTime, transfers, connections = 32 }) {
  const row = (scenario, target) => rowOf(rows, scenario, target)?.result;
  const rps = (scenario, target) => row(scenario, target)?.requestsPerSecond;
  const cpu = (scenario, target) => row(scenario, target)?.serverCpuMicros;
  const check = (value, met) => (value === undefined || Number.isNaN(value) ? 'not measured' : met ? 'met' : 'not met');
  const update = rps('update', 'reference');
  const toCeiling = update === undefined ? undefined : update / rps('update', 'ceiling');
  const cpuToCeiling = cpu('update', 'ceiling') / cpu('update', 'reference');
  const ceilingFigures = ['view', 'rate', 'read']
    .map((scenario) => [scenario, rps(scenario, 'reference') / rps(scenario, 'ceiling')])
    .filter(([, r]) => Number.isFinite(r))
    .map(([scenario, r]) => `${scenario} ${ratio(r)}`);
  const toPrism = update === undefined ? undefined : update / rps('update', 'prism');
  const shippedToPrism = rps('update', 'referenceAsShipped') / rps('update', 'prismAsShipped');
  const referenceRows = rows.filter((r) => r.target === 'reference' && r.result);
  const worstP99 = referenceRows.reduce((worst, r) => (worst && worst.result.p99Ms >= r.result.p99Ms ? worst : r), undefined);
  const p99Figure = (() => {
    if (!worstP99) return 'n/a';
    const r = worstP99.result;
    const floor = (connections / r.requestsPerSecond) * 1000;
    const ceiling = row(worstP99.scenario, 'ceiling');
    const ceilingP99 = ceiling ? `; the framework ceiling's p99 there: ${ms(ceiling.p99Ms)} ms` : '';
    return (
      `${ms(r.p99Ms)} ms at worst (${worstP99.scenario}): p50 ${ms(r.p50Ms)} ms, and ${connections} connections / ${int(r.requestsPerSecond)} req/s ` +
      `= ${ms(floor)} ms of queueing per request on average, ${int(r.serverCpuMicros)} µs of server CPU each${ceilingP99}`
    );
  })();
  const pgRate = rps('rate', 'postgres') / rps('rate', 'reference');
  const pgCpu = cpu('rate', 'postgres');
  const worstClient = clientCpu?.reduce((worst, r) => (worst && worst.overheadMicros >= r.overheadMicros ? worst : r), undefined);
  return [
    {
      goal: 'update throughput ≥ 0.8× the framework ceiling',
      figure: Number.isFinite(toCeiling)
        ? `${ratio(toCeiling)} of req/s (${ratio(cpuToCeiling)} of server CPU per request); ${ceilingFigures.join(', ')}`
        : 'n/a',
      status: check(toCeiling, toCeiling >= 0.8),
    },
    {
      goal: 'update throughput ≥ 3× Prism',
      figure: Number.isFinite(toPrism) ? `${ratio(toPrism)} (both without request logs; ${ratio(shippedToPrism)} both at their default logging)` : 'n/a',
      status: check(toPrism, toPrism >= 3),
    },
    {
      goal: `p99 ≤ 10 ms at ${connections} connections (reference server, every scenario), or where the time goes`,
      figure: p99Figure,
      status: check(worstP99?.result.p99Ms, worstP99 && worstP99.result.p99Ms <= 10),
    },
    {
      goal: 'PostgreSQL rate throughput ≥ 0.6× SQLite rate',
      figure: Number.isFinite(pgRate) ? `${ratio(pgRate)} (${int(pgCpu)} µs of server CPU per rating on PostgreSQL, ${int(cpu('rate', 'reference'))} on SQLite)` : 'n/a',
      status: check(Number.isFinite(pgRate) ? pgRate : undefined, pgRate >= 0.6),
    },
    {
      goal: 'client ≤ 10 µs of CPU per call over bare openapi-fetch',
      figure: worstClient
        ? `${worstClient.overheadMicros.toFixed(1)} µs at worst (${worstClient.name}); given its own \`fetch\`, ${worstClient.overSignalMicros.toFixed(1)} µs over bare openapi-fetch given an AbortSignal per call`
        : 'n/a',
      status: check(worstClient?.overheadMicros, worstClient && worstClient.overheadMicros <= 10),
    },
    {
      goal: '`startServer()` median ≤ 150 ms (start to first answer, in process)',
      figure: startServerTime ? `${int(startServerTime.medianMs)} ms median` : 'n/a',
      status: check(startServerTime?.medianMs, startServerTime && startServerTime.medianMs <= 150),
    },
    ...listGoals(lists),
    ...transferGoals(transfers),
  ];
}

/** The run as markdown: settings, the load table, the client comparison, cold start and goals. */
export function renderReport({ machine, config, rows, lists, loopDelay, client, clientCpu, coldStart, startServerTime, transfers, notes }) {
  const lines = [
    '# Benchmark results',
    '',
    `Measured ${machine.date} on ${machine.cores} cores (${machine.cpu}), Node ${machine.node}, ${machine.platform}.`,
    `Load: autocannon (as a library, in the bench process), ${config.connections} connections, ${config.durationSeconds} s per scenario after ${config.warmupSeconds} s of warm-up, on loopback.`,
    'Every server runs in its own process, started fresh for each scenario with a new SQLite file (WAL) in a temporary directory;',
    'request logs are off (`--log-level warn`) except in the rows marked "request log on". The token is an HS256 JWT in the `XBL3.0` form, the same on every request.',
    'Server CPU µs/req is the server process\'s CPU time (user + system) over the measured requests: it shows the work per request even when other processes share the cores, where req/s drops.',
    'Figures are one run on a shared machine: compare the rows of one run, not runs of different days. `npm run bench` never fails on a figure.',
    '',
    '## Load',
    '',
    '| scenario | server | req/s | p50 ms | p99 ms | server CPU µs/req | peak RSS MB | × bare | failed |',
    '|---|---|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const row of rows) {
    const bare = rowOf(rows, row.scenario, 'bare');
    const server = targets[row.target].short;
    if (!row.result) {
      lines.push(`| ${scenarioTitles[row.scenario]} | ${server} | ${row.error} | | | | | | |`);
      continue;
    }
    const r = row.result;
    const toBare = bare ? r.requestsPerSecond / bare.result.requestsPerSecond : undefined;
    lines.push(
      `| ${scenarioTitles[row.scenario]} | ${server} | ${int(r.requestsPerSecond)} | ${ms(r.p50Ms)} | ${ms(r.p99Ms)} | ${int(r.serverCpuMicros)} | ${mib(row.peakRss, 0)} | ${ratio(toBare)} | ${r.failed} |`,
    );
  }
  lines.push('', 'Servers:', ...Object.values(targets).map((t) => `- **${t.short}**: ${t.title}`));

  if (loopDelay?.length) {
    lines.push(
      '',
      '## Where the p99 goes',
      '',
      `The reference server (\`startServer\` as \`serve\` runs it) under the load rows' load (${config.connections} connections), recording its event loop's delay (how late a 1 ms timer fires, that is how long a turn of the loop took) and its garbage collector's pauses over the measured seconds. Each turn answers the requests that arrived during the one before, so a request waits for about a turn before its own and the p50 is about a turn; the p99 adds the longest turns (GC pauses, the process waiting for a core).`,
      '',
      '| scenario | req/s | p50 ms | p99 ms | connections / req/s ms | loop delay p50 ms | loop delay p99 ms | loop delay max ms | GC pauses | GC ms in all (share of the time) | GC pause p50 / max ms |',
      '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
      ...loopDelay.map(({ scenario, result: r, loop, gc }) =>
        `| ${scenarioTitles[scenario]} | ${int(r.requestsPerSecond)} | ${ms(r.p50Ms)} | ${ms(r.p99Ms)} | ${ms((config.connections / r.requestsPerSecond) * 1000)} | ${ms(loop.p50)} | ${ms(loop.p99)} | ${ms(loop.max)} | ${gc.count} | ${ms(gc.totalMs)} (${((gc.totalMs / (config.durationSeconds * 1000)) * 100).toFixed(1)}%) | ${ms(gc.p50)} / ${ms(gc.max)} |`,
      ),
    );
  }
  if (lists?.length) lines.push(...renderListSection(lists, config));
  if (transfers) lines.push(...renderTransferSection(transfers));
  if (client) {
    lines.push(
      '',
      '## @gameclips/client against raw fetch',
      '',
      `The same calls on one reference server (default settings), ${config.clientConcurrency === 1 ? 'one call at a time' : `${config.clientConcurrency} calls in flight`}, ${config.clientSeconds} s per variant in alternating rounds. Overhead is how much longer a call takes through the client; CPU is this process's (the caller's) per call.`,
      '',
      '| call | fetch calls/s | client calls/s | fetch ms/call | client ms/call | overhead | fetch CPU µs/call | client CPU µs/call |',
      '|---|--:|--:|--:|--:|--:|--:|--:|',
      ...client.map(
        (r) =>
          `| ${r.name} | ${int(r.fetch.callsPerSecond)} | ${int(r.client.callsPerSecond)} | ${ms(r.fetch.msPerCall)} | ${ms(r.client.msPerCall)} | ${percent(r.overhead)} | ${int(r.fetch.cpuMicrosPerCall)} | ${int(r.client.cpuMicrosPerCall)} |`,
      ),
    );
  }
  if (clientCpu) {
    lines.push(
      '',
      '## @gameclips/client against bare openapi-fetch, CPU per call',
      '',
      `Both in this process on a stub \`fetch\` that answers at once (200, an ETag, a clip for the read), so only the callers' own CPU counts; bare openapi-fetch is given the headers the service needs. Medians of ${config.clientRounds} alternating rounds of ${int(config.clientIterations)} calls per variant; the overhead is the median of the paired differences.`,
      '',
      'The client runs as users run it, on the global `fetch` (the stub, installed as `globalThis.fetch` while this measures); it gives the global `fetch` each call\'s signal, so its requests do not follow the signal themselves. Given its own `fetch` option, the client builds requests whose signal follows the call\'s, as such a `fetch` may read only `request.signal`: that column is compared with bare openapi-fetch given an AbortSignal per call.',
      '',
      '| call | bare openapi-fetch CPU µs/call | bare + an AbortSignal per call | client CPU µs/call | client overhead µs/call | client given a `fetch` µs/call | its overhead over bare + a signal |',
      '|---|--:|--:|--:|--:|--:|--:|',
      ...clientCpu.map(
        (r) =>
          `| ${r.name} | ${r.bareMicros.toFixed(1)} | ${r.bareWithSignalMicros.toFixed(1)} | ${r.clientMicros.toFixed(1)} | ${r.overheadMicros.toFixed(1)} | ${r.clientGivenFetchMicros.toFixed(1)} | ${r.overSignalMicros.toFixed(1)} |`,
      ),
    );
  }
  if (startServerTime) {
    lines.push(
      '',
      '## startServer() in process',
      '',
      `\`startServer({ seed: 'demo' })\` (in-memory store) in the bench process, modules already loaded, to the first 200 of a clip read: median **${int(startServerTime.medianMs)} ms** over ${startServerTime.times.length} runs (${startServerTime.times.map(int).join(', ')} ms).`,
    );
  }
  if (coldStart) {
    lines.push(
      '',
      '## Cold start',
      '',
      `\`gameclips-server serve\` spawned with a new SQLite file and the demo seed, to the first 200 of a clip read: median **${int(coldStart.medianMs)} ms** over ${coldStart.times.length} runs (${coldStart.times.map(int).join(', ')} ms).`,
    );
  }
  lines.push('', '## Goals', '', 'Figures to reach, not assertions.', '', '| goal | this run | status |', '|---|---|---|');
  for (const g of goals({ rows, lists, clientCpu, startServerTime, transfers, connections: config.connections })) lines.push(`| ${g.goal} | ${g.figure} | ${g.status} |`);
  const update = rowOf(rows, 'update', 'reference');
  if (update) {
    const floorMs = (config.connections / update.result.requestsPerSecond) * 1000;
    lines.push(
      '',
      `With ${config.connections} connections the mean latency is at least connections / throughput (${config.connections} / ${int(update.result.requestsPerSecond)} req/s = ${ms(floorMs)} ms for update here), so the p99 goal is a throughput goal at this concurrency.`,
    );
  }
  if (notes.length > 0) lines.push('', '## Notes', '', ...notes.map((n) => `- ${n}`));
  return lines.join('\n') + '\n';
}
