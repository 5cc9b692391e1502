import { int, ms, ratio } from './format.mjs';
import { DEEP_PAGE, PAGE_SIZE, VIEWS_DURING_WALK } from './list-rows.mjs';

const engineTitle = { sqlite: 'SQLite', postgres: 'PostgreSQL' };

function find(lists, engine, size, request) {
  return lists.find((r) => r.engine === engine && r.size === size && r.request === request && r.result);
}

/** The cost of a request: the server's CPU time per request (steadier than req/s on a shared machine). */
const cost = (row) => row?.result.serverCpuMicros;

/** The two list goals of each engine, with this run's figures. */
export function listGoals(lists = []) {
  const goals = [];
  const engines = [...new Set(lists.map((r) => r.engine))];
  const sizes = [...new Set(lists.map((r) => r.size))].sort((a, b) => a - b);
  const [smallest, largest] = [sizes[0], sizes.at(-1)];
  const check = (value, met) => (value === undefined || !Number.isFinite(value) ? 'not measured' : met ? 'met' : 'not met');
  for (const engine of engines) {
    const name = engineTitle[engine] ?? engine;
    const first = find(lists, engine, smallest, 'page 1');
    const deep = find(lists, engine, largest, `page ${DEEP_PAGE}`);
    const deepToFirst = cost(deep) / cost(first);
    const p50Ratio = deep && first ? deep.result.p50Ms / first.result.p50Ms : undefined;
    goals.push({
      goal: `${name}: list page ${DEEP_PAGE} of ${int(largest)} clips ≤ 1.5× page 1 of ${int(smallest)} (server CPU per request)`,
      figure: deep && first ? `${ratio(deepToFirst)} (${int(cost(deep))} vs ${int(cost(first))} µs; p50 ${ratio(p50Ratio)})` : 'n/a',
      status: check(deepToFirst, deepToFirst <= 1.5),
    });
    const getClip = find(lists, engine, largest, 'getClip');
    const pages = lists.filter((r) => r.engine === engine && r.result && r.request !== 'getClip');
    const worst = pages.reduce((w, r) => (w && cost(w) >= cost(r) ? w : r), undefined);
    const toGet = cost(worst) / cost(getClip);
    // A page that answered nothing under load costs more than any measured one: its time alone says how much.
    const unanswered = lists.filter((r) => r.engine === engine && !r.result && r.aloneMs !== undefined);
    const aloneRatio = (r) => r.aloneMs / getClip.aloneMs;
    const slowest = unanswered.reduce((w, r) => (w && w.aloneMs >= r.aloneMs ? w : r), undefined);
    let figure = worst && getClip ? `${ratio(toGet)} at worst (${worst.request} of ${int(worst.size)}: ${int(cost(worst))} vs ${int(cost(getClip))} µs)` : 'n/a';
    if (slowest && getClip) figure += `; ${slowest.request} of ${int(slowest.size)} answered nothing under load (${ms(slowest.aloneMs)} ms alone vs ${ms(getClip.aloneMs)} ms: ${ratio(aloneRatio(slowest))})`;
    goals.push({
      goal: `${name}: a list page of ${PAGE_SIZE} ≤ 2× a getClip (server CPU per request, same run)`,
      figure,
      status: slowest && getClip ? 'not met' : check(toGet, toGet <= 2),
    });
  }
  return goals;
}

/** The list rows as a markdown section. */
export function renderListSection(lists, config) {
  const lines = [
    '',
    '## Lists',
    '',
    `\`GET /users/xuid(N)/clips?maxItems=${PAGE_SIZE}\` by another user (the read rule runs on every clip), on collections of one owner's public clips loaded with the store's \`insertClips\`; page ${DEEP_PAGE} is the request its continuation token makes, after following the tokens from page 1 (a list of 500 clips has 20 pages, so only the large one has a page ${DEEP_PAGE}). *views walk while views change* walks by \`qualifier=views\` and views ${VIEWS_DURING_WALK.toLocaleString('en-US')} of the clips after page 1, so that every later page of the walk also reads those clips' sort history (the values they had when the walk began). One server process per engine and size (\`serve\`, validation on, no request log); getClip reads one clip of the largest collection on the same server. *alone ms* is the median of 7 requests made one after another before the load; where only a few requests are answered under load, server CPU per request also counts the work of those still in flight and overstates the cost, and *alone ms* is the figure to read. ${config.connections} connections, ${config.durationSeconds} s per row after ${config.warmupSeconds} s of warm-up.`,
    '',
    '| engine | clips | request | alone ms | req/s | p50 ms | p99 ms | server CPU µs/req | × getClip (CPU) | failed | walk to page s | load s |',
    '|---|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const row of lists) {
    const name = engineTitle[row.engine] ?? row.engine;
    if (!row.result) {
      lines.push(`| ${name} | ${int(row.size)} | ${row.request} | ${ms(row.aloneMs)} | ${row.error} | | | | | | | |`);
      continue;
    }
    const r = row.result;
    const getClip = lists.find((g) => g.engine === row.engine && g.request === 'getClip' && g.result);
    lines.push(
      `| ${name} | ${int(row.size)} | ${row.request} | ${ms(row.aloneMs)} | ${int(r.requestsPerSecond)} | ${ms(r.p50Ms)} | ${ms(r.p99Ms)} | ${int(r.serverCpuMicros)} | ${ratio(cost(row) / cost(getClip))} | ${r.failed} | ${row.walkSeconds === undefined ? '' : row.walkSeconds.toFixed(1)} | ${row.loadSeconds.toFixed(1)} |`,
    );
  }
  return lines;
}
