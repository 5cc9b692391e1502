/** Prints a test's figures as one aligned block, so a closing note can quote them. */
export function printFigures(title: string, figures: Record<string, string | number | boolean>): void {
  const width = Math.max(...Object.keys(figures).map((k) => k.length));
  const lines = Object.entries(figures).map(([k, v]) => `  ${k.padEnd(width)}  ${v}`);
  console.log(`[reliability] ${title}\n${lines.join('\n')}`);
}

/** Counts as a `key: n` map sorted by key. */
export function sortedCounts(counts: Map<string | number, number>): Record<string, number> {
  return Object.fromEntries([...counts.entries()].sort(([a], [b]) => String(a).localeCompare(String(b))).map(([k, v]) => [String(k), v]));
}
