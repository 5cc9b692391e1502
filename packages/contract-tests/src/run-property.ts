import fc from 'fast-check';

/** Runs per property: FAST_CHECK_RUNS, 1,000 by default. FAST_CHECK_SEED replays a run. */
export const propertyParameters = {
  numRuns: Number(process.env.FAST_CHECK_RUNS ?? 1000),
  ...(process.env.FAST_CHECK_SEED ? { seed: Number(process.env.FAST_CHECK_SEED) } : {}),
};

/** Checks a property, prints how many runs passed and with which seed, and throws fast-check's report on failure. */
export async function runProperty<T>(name: string, property: fc.IAsyncProperty<T>): Promise<void> {
  const details = await fc.check(property, propertyParameters);
  if (details.failed) {
    // fast-check 4 leaves the failing assertion out of its report: add it.
    const cause = details.errorInstance;
    const why = cause instanceof Error ? cause.message : String(cause);
    throw new Error(`${fc.defaultReportMessage(details) ?? `property "${name}" failed`}\nFailed with: ${why}`, { cause });
  }
  console.log(`property "${name}": ${details.numRuns} runs passed (seed ${details.seed})`);
}
