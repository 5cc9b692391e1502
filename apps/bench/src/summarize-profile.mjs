/**
 * Summarizes a V8 `.cpuprofile`: the functions with the most self time, and the packages
 * (or files of this repository) the time is spent in, self and inclusive.
 * Usage: node summarize-profile.mjs FILE.cpuprofile [TOP]
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** Where a function lives: `pkg` for node_modules, a repository path, or `node:` internals. */
export function placeOf(url) {
  if (!url) return '(native / V8)';
  const path = url.startsWith('file://') ? fileURLToPath(url) : url;
  const modules = path.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = path.slice(modules + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (path.startsWith(repoRoot)) return path.slice(repoRoot.length);
  return path.startsWith('node:') ? path : `node:${path}`;
}

/** Self and inclusive milliseconds per function and per place, leaving out the first `skipMs` (a server's start, say). */
export function summarize(profile, { skipMs = 0 } = {}) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const keyOf = (node) => {
    const { functionName, url, lineNumber } = node.callFrame;
    return `${functionName || '(anonymous)'}  ${placeOf(url)}${url ? `:${lineNumber + 1}` : ''}`;
  };
  const selfFn = new Map();
  const selfPlace = new Map();
  const totalPlace = new Map();
  let totalMs = 0;
  let idleMs = 0;
  const add = (map, key, ms) => map.set(key, (map.get(key) ?? 0) + ms);
  let elapsedMs = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    elapsedMs += (profile.timeDeltas[i] ?? 0) / 1000;
    if (elapsedMs < skipMs) return;
    const node = byId.get(id);
    totalMs += ms;
    if (node.callFrame.functionName === '(idle)') idleMs += ms;
    add(selfFn, keyOf(node), ms);
    add(selfPlace, placeOf(node.callFrame.url), ms);
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at).callFrame;
      if (!frame.url && frame.functionName.startsWith('(')) continue;
      const place = placeOf(frame.url);
      if (!seen.has(place)) {
        seen.add(place);
        add(totalPlace, place, ms);
      }
    }
  });
  const sorted = (map) => [...map.entries()].sort((a, b) => b[1] - a[1]);
  return { totalMs, idleMs, functions: sorted(selfFn), placesSelf: sorted(selfPlace), placesTotal: sorted(totalPlace) };
}

/** The summary as text. */
export function renderSummary(summary, top = 25) {
  const busy = summary.totalMs - summary.idleMs;
  const pct = (ms) => `${((ms / busy) * 100).toFixed(1).padStart(5)}%`;
  const lines = [`profile: ${(summary.totalMs / 1000).toFixed(1)} s sampled, ${(busy / 1000).toFixed(1)} s busy (percentages of busy time)`, '', 'top self time by function:'];
  for (const [key, ms] of summary.functions.filter(([k]) => !k.startsWith('(idle)')).slice(0, top)) lines.push(`  ${pct(ms)}  ${key}`);
  lines.push('', 'self time by place:');
  for (const [key, ms] of summary.placesSelf.slice(0, 15)) lines.push(`  ${pct(ms)}  ${key}`);
  lines.push('', 'inclusive time by place (a place counted once per sample):');
  for (const [key, ms] of summary.placesTotal.slice(0, 20)) lines.push(`  ${pct(ms)}  ${key}`);
  return lines.join('\n');
}

/**
 * Where server `a` spends more CPU per request than server `b` (each `{ name, requests, summary }`):
 * the places (inclusive) and the functions (self time) with the largest differences, in µs per request.
 */
export function renderComparison(a, b, top = 20) {
  const perRequest = (entries, requests) => new Map(entries.map(([key, ms]) => [key, (ms * 1000) / requests]));
  const busy = ({ summary, requests }) => ((summary.totalMs - summary.idleMs) * 1000) / requests;
  const table = (title, entriesOf) => {
    const left = perRequest(entriesOf(a.summary), a.requests);
    const right = perRequest(entriesOf(b.summary), b.requests);
    const keys = [...new Set([...left.keys(), ...right.keys()])].filter((key) => !key.startsWith('(idle)'));
    const rows = keys.map((key) => [key, left.get(key) ?? 0, right.get(key) ?? 0]).sort((x, y) => y[1] - y[2] - (x[1] - x[2]));
    const lines = [title, `  ${a.name.padStart(9)} ${b.name.padStart(9)}     diff  (µs per request)`];
    for (const [key, l, r] of rows.slice(0, top)) lines.push(`  ${l.toFixed(1).padStart(9)} ${r.toFixed(1).padStart(9)} ${(l - r).toFixed(1).padStart(8)}  ${key}`);
    return lines.join('\n');
  };
  return [
    `busy CPU per request: ${a.name} ${busy(a).toFixed(0)} µs, ${b.name} ${busy(b).toFixed(0)} µs (under the profiler)`,
    '',
    table('self time by place, largest differences first:', (s) => s.placesSelf),
    '',
    table('inclusive time by place, largest differences first:', (s) => s.placesTotal),
    '',
    table('self time by function, largest differences first:', (s) => s.functions),
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [file, top] = process.argv.slice(2);
  if (!file) {
    console.error('Usage: node summarize-profile.mjs FILE.cpuprofile [TOP]');
    process.exit(2);
  }
  console.log(renderSummary(summarize(JSON.parse(readFileSync(file, 'utf8'))), Number(top) || 25));
}
