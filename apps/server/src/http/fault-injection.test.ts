import { describe, expect, it } from 'vitest';
import { FaultInjector } from './fault-injection.js';

function pattern(rate: number, n: number): string {
  const faults = new FaultInjector({ rate });
  return Array.from({ length: n }, () => (faults.nextFails() ? 'x' : '.')).join('');
}

describe('FaultInjector', () => {
  it('fails exactly the chosen share of requests, evenly spread', () => {
    expect(pattern(0, 8)).toBe('........');
    expect(pattern(1, 4)).toBe('xxxx');
    expect(pattern(0.5, 8)).toBe('.x.x.x.x');
    expect(pattern(0.25, 8)).toBe('...x...x');
    expect([...pattern(0.1, 1000)].filter((c) => c === 'x')).toHaveLength(100);
  });

  it('refuses a rate outside 0..1', () => {
    expect(() => new FaultInjector({ rate: 1.5 })).toThrow(RangeError);
    expect(() => new FaultInjector({ rate: Number.NaN })).toThrow(RangeError);
  });
});
