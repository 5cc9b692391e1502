/**
 * Runs `task(0) .. task(count - 1)` with at most `concurrency` in flight. Every task runs;
 * the first error is rethrown once all have settled.
 */
export async function runPool(count: number, concurrency: number, task: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  let firstError: unknown;
  let failed = false;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      try {
        await task(index);
      } catch (error) {
        if (!failed) [failed, firstError] = [true, error];
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  if (failed) throw firstError;
}
