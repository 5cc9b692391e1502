import { describe, expect, it } from 'vitest';
import { checkWholeOption } from './check-whole-option.js';

describe('checkWholeOption', () => {
  it('returns a whole number from 1 to the maximum as it is', () => {
    expect(checkWholeOption('parallel', 1, 16)).toBe(1);
    expect(checkWholeOption('parallel', 16, 16)).toBe(16);
  });

  it('refuses anything else with a RangeError that names the option, what it counts and its range', () => {
    for (const bad of [0, -1, 17, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => checkWholeOption('parallel', bad, 16)).toThrow(RangeError);
    expect(() => checkWholeOption('blockSize', 0, 2048, 'bytes')).toThrow('blockSize must be a whole number of bytes from 1 to 2048, not 0');
    expect(() => checkWholeOption('parallel', 17, 16)).toThrow('parallel must be a whole number from 1 to 16, not 17');
  });
});
