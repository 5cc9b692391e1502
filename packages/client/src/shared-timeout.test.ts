import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { GameClipsTimeoutError } from './game-clips-timeout-error.js';
import { leaseTimeout, releaseTimeout, type SharedTimeout } from './shared-timeout.js';

/** Leases `count` timeouts of `timeoutMs` at once, then releases them. */
function leased(timeoutMs: number, count: number): SharedTimeout[] {
  const timeouts = Array.from({ length: count }, () => leaseTimeout(timeoutMs));
  timeouts.forEach(releaseTimeout);
  return timeouts;
}

describe('leaseTimeout', () => {
  it('gives calls of one limit started together one signal, and a call of another limit another', () => {
    const [first, second] = leased(64_000, 2);
    const [other] = leased(32_000, 1);
    expect(second!.signal).toBe(first!.signal);
    expect(other!.signal).not.toBe(first!.signal);
  });

  it('shares a signal among 64 calls at most', () => {
    const signals = new Set(leased(64_000, 65).map((timeout) => timeout.signal));
    expect(signals.size).toBe(2);
  });

  it('gives each call a signal of its own when 1/64 of the limit is under 1 ms', () => {
    const [first, second] = leased(20, 2);
    expect(second!.signal).not.toBe(first!.signal);
  });

  it('aborts with a GameClipsTimeoutError once the limit has passed', async () => {
    const timeout = leaseTimeout(20);
    await new Promise((resolve) => timeout.signal.addEventListener('abort', resolve, { once: true }));
    releaseTimeout(timeout);
    expect(timeout.signal.reason).toBeInstanceOf(GameClipsTimeoutError);
    expect(timeout.signal.reason).toMatchObject({ timeoutMs: 20 });
  });
});

describe('a Node process', () => {
  // The built module in a process of its own: only there can a timer keep the process running.
  const built = new URL('../dist/shared-timeout.js', import.meta.url).href;
  const run = async (code: string) =>
    (await promisify(execFile)(process.execPath, ['--input-type=module', '-e', `import { leaseTimeout, releaseTimeout } from '${built}';\n${code}`], { timeout: 15_000 })).stdout;

  it('ends once its calls have, though their slice is still open', async () => {
    expect(await run(`releaseTimeout(leaseTimeout(60_000)); console.log('ended');`)).toBe('ended\n');
  });

  it('keeps running while a call waits on its timeout', async () => {
    const code = `const timeout = leaseTimeout(200);
timeout.signal.addEventListener('abort', () => console.log(timeout.signal.reason.name));`;
    expect(await run(code)).toBe('GameClipsTimeoutError\n');
  });
});
