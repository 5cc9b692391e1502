/**
 * Runs `work` on every item `source` yields, at most `parallel` at a time, taking the next item
 * only when a worker is free (so a lazy source is read no further ahead than the work). The
 * first failure cancels the rest (their `signal` aborts with it, and so does the source's, so
 * that a worker waiting on a slow source is let go too) and is what the returned promise
 * rejects with; aborting `signal` rejects with its reason.
 */
export async function inParallel<T>(
  source: (signal: AbortSignal) => AsyncIterable<T>,
  parallel: number,
  signal: AbortSignal | undefined,
  work: (item: T, signal: AbortSignal) => Promise<void>,
): Promise<void> {
  signal?.throwIfAborted();
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  const iterator = source(controller.signal)[Symbol.asyncIterator]();
  const worker = async () => {
    for (;;) {
      const next = await iterator.next();
      if (next.done || controller.signal.aborted) return;
      await work(next.value, controller.signal);
    }
  };
  const fail = (error: unknown) => {
    if (!controller.signal.aborted) controller.abort(error);
  };
  try {
    await Promise.all(Array.from({ length: parallel }, () => worker().catch(fail)));
    if (controller.signal.aborted) throw controller.signal.reason;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await iterator.return?.();
  }
}
