import { listGoals, renderListSection } from './list-report.mjs';
import { scenarioTitles } from './scenarios.mjs';
import { targets } from './targets.mjs';

const int = (n) => (n === undefined ? 'n/a' : Math.round(n).toLocaleString('en-US'));
const ms = (n) => (n === undefined ? 'n/a' : n < 10 ? n.toFixed(2) : n.toFixed(1));
const mb = (bytes) => (bytes === undefined ? 'n/a' : (bytes / 2 ** 20).toFixed(0));
const ratio = (n) => (n === undefined || !Number.isFinite(n) ? 'n/a' : `${n.toFixed(2)}×`);
const percent = (n) => (n === undefined || !Number.isFinite(n) ? 'n/a' : `${n >= 0 ? '+' : ''}${(n * 100).toFixed(1)}%`);

function rowOf(rows, scenario, target) {
  return rows.find((r) => r.scenario === scenario && r.target === target && r.result);
}

/** The goals of the issue, each with its figure from this run and whether it is met. */
export function goals({ rows, lists, client, coldStart }) {
  const rps = (scenario, target) => rowOf(rows, scenario, target)?.result.requestsPerSecond;
  const update = rps('update', 'reference');
  const validationCost = update === undefined || rps('update', 'validationOff') === undefined ? undefined : 1 - update / rps('update', 'validationOff');
  const cpu = (scenario, target) => rowOf(rows, scenario, target)?.result.serverCpuMicros;
  const validationCpuCost = 1 - cpu('update', 'validationOff') / cpu('update', 'reference');
  const referenceRows = rows.filter((r) => r.target === 'reference' && r.result);
  const worstP99 = referenceRows.reduce((worst, r) => (worst && worst.result.p99Ms >= r.result.p99Ms ? worst : r), undefined);
  const worstClient = client?.reduce((worst, r) => (worst && worst.overhead >= r.overhead ? worst : r), undefined);
  const check = (value, met) => (value === undefined || Number.isNaN(value) ? 'not measured' : met ? 'met' : 'not met');
  const toBare = update === undefined ? undefined : update / rps('update', 'bare');
  const toPrism = update === undefined ? undefined : update / rps('update', 'prism');
  const shippedToPrism = rps('update', 'referenceAsShipped') / rps('update', 'prismAsShipped');
  return [
    { goal: 'update throughput ≥ 0.15× bare node:http', figure: ratio(toBare), status: check(toBare, toBare >= 0.15) },
    {
      goal: 'update throughput ≥ 3× Prism',
      figure: Number.isFinite(toPrism) ? `${ratio(toPrism)} (both without request logs; ${ratio(shippedToPrism)} both at their default logging)` : 'n/a',
      status: check(toPrism, toPrism >= 3),
    },
    {
      goal: 'validation and auth cost ≤ 25% of update throughput vs validation off (there auth stays on: a cached token check)',
      figure:
        validationCost === undefined
          ? 'n/a'
          : `${(validationCost * 100).toFixed(1)}% of req/s (${Number.isFinite(validationCpuCost) ? (validationCpuCost * 100).toFixed(1) : 'n/a'}% of server CPU per request)`,
      status: check(validationCost, validationCost <= 0.25),
    },
    {
      goal: 'p99 ≤ 10 ms (reference server, every scenario)',
      figure: worstP99 ? `${ms(worstP99.result.p99Ms)} ms at worst (${worstP99.scenario})` : 'n/a',
      status: check(worstP99, worstP99 && worstP99.result.p99Ms <= 10),
    },
    {
      goal: 'client overhead ≤ 10% vs raw fetch',
      figure: worstClient ? `${percent(worstClient.overhead)} at worst (${worstClient.name})` : 'n/a',
      status: check(worstClient, worstClient && worstClient.overhead <= 0.1),
    },
    {
      goal: 'cold start ≤ 1 s (spawn to first 200)',
      figure: coldStart ? `${int(coldStart.medianMs)} ms median` : 'n/a',
      status: check(coldStart, coldStart && coldStart.medianMs <= 1000),
    },
    ...listGoals(lists),
  ];
}

/** The run as markdown: settings, the load table, the client comparison, cold start and goals. */
export function renderReport({ machine, config, rows, lists, client, coldStart, notes }) {
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
      `| ${scenarioTitles[row.scenario]} | ${server} | ${int(r.requestsPerSecond)} | ${ms(r.p50Ms)} | ${ms(r.p99Ms)} | ${int(r.serverCpuMicros)} | ${mb(row.peakRss)} | ${ratio(toBare)} | ${r.failed} |`,
    );
  }
  lines.push('', 'Servers:', ...Object.values(targets).map((t) => `- **${t.short}**: ${t.title}`));

  if (lists?.length) lines.push(...renderListSection(lists, config));
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
  if (coldStart) {
    lines.push(
      '',
      '## Cold start',
      '',
      `\`gameclips-server serve\` spawned with a new SQLite file and the demo seed, to the first 200 of a clip read: median **${int(coldStart.medianMs)} ms** over ${coldStart.times.length} runs (${coldStart.times.map(int).join(', ')} ms).`,
    );
  }
  lines.push('', '## Goals', '', 'Figures to reach, not assertions.', '', '| goal | this run | status |', '|---|---|---|');
  for (const g of goals({ rows, lists, client, coldStart })) lines.push(`| ${g.goal} | ${g.figure} | ${g.status} |`);
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
