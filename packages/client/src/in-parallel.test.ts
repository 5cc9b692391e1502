import { describe, expect, it } from 'vitest';
import { inParallel } from './in-parallel.js';

async function* numbers(count: number, taken: number[] = []) {
  for (let i = 0; i < count; i++) {
    taken.push(i);
    yield i;
  }
}

/** A promise with its resolve and reject, to let a test decide when work finishes. */
function gate() {
  let open!: () => void;
  let fail!: (error: unknown) => void;
  const promise = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { promise, open, fail };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('inParallel', () => {
  it('runs every item, never more than `parallel` at once, taking items only for free workers', async () => {
    const taken: number[] = [];
    const gates = Array.from({ length: 5 }, gate);
    const running = new Set<number>();
    let most = 0;
    const done = inParallel(() => numbers(5, taken), 2, undefined, async (i) => {
      running.add(i);
      most = Math.max(most, running.size);
      await gates[i]!.promise;
      running.delete(i);
    });
    await tick();
    expect([...running]).toEqual([0, 1]);
    expect(taken).toEqual([0, 1]);
    gates[1]!.open();
    await tick();
    expect([...running]).toEqual([0, 2]);
    expect(taken).toEqual([0, 1, 2]);
    for (const g of gates) g.open();
    await done;
    expect(most).toBe(2);
    expect(taken).toEqual([0, 1, 2, 3, 4]);
  });

  it('rejects with the first failure and aborts the work still running', async () => {
    const taken: number[] = [];
    const failing = gate();
    const reasons: unknown[] = [];
    const done = inParallel(() => numbers(10, taken), 3, undefined, async (i, signal) => {
      if (i === 1) return failing.promise;
      await new Promise((_, reject) => signal.addEventListener('abort', () => {
        reasons.push(signal.reason);
        reject(signal.reason);
      }));
    });
    await tick();
    const error = new Error('block 1 failed');
    failing.fail(error);
    await expect(done).rejects.toBe(error);
    expect(reasons).toEqual([error, error]);
    expect(taken).toEqual([0, 1, 2]);
  });

  it('stops taking items and rejects with the reason when the caller aborts', async () => {
    const taken: number[] = [];
    const controller = new AbortController();
    const done = inParallel(() => numbers(10, taken), 2, controller.signal, (_, signal) =>
      new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
    );
    await tick();
    controller.abort(new Error('stop'));
    await expect(done).rejects.toThrow('stop');
    expect(taken).toEqual([0, 1]);
    await expect(inParallel(() => numbers(1), 1, controller.signal, async () => {})).rejects.toThrow('stop');
  });

  it('rejects with what the source throws', async () => {
    async function* broken() {
      yield 1;
      throw new RangeError('short stream');
    }
    await expect(inParallel(() => broken(), 2, undefined, async () => {})).rejects.toThrow(new RangeError('short stream'));
  });

  // A stream that stalls (a network source) must not keep the call waiting once a block failed.
  it('lets go of a worker waiting on a stalled source once another worker fails', async () => {
    async function* stalled(signal: AbortSignal) {
      yield 1;
      await new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));
    }
    const failing = async () => {
      throw new Error('block refused');
    };
    await expect(inParallel(stalled, 2, undefined, failing)).rejects.toThrow('block refused');
  });

});
