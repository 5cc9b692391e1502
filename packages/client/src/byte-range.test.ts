import { describe, expect, it } from 'vitest';
import { parseContentRange, rangeHeader } from './byte-range.js';

describe('rangeHeader', () => {
  it('writes the three forms of a single range', () => {
    expect(rangeHeader({ start: 0, end: 1023 })).toBe('bytes=0-1023');
    expect(rangeHeader({ start: 5, end: 5 })).toBe('bytes=5-5');
    expect(rangeHeader({ start: 1024 })).toBe('bytes=1024-');
    expect(rangeHeader({ last: 512 })).toBe('bytes=-512');
  });

  it('refuses a range that names no byte', () => {
    for (const range of [{ start: -1 }, { start: 1.5 }, { start: 10, end: 9 }, { start: 0, end: -1 }, { last: 0 }, { last: -3 }, { start: Number.NaN }]) {
      expect(() => rangeHeader(range)).toThrow(RangeError);
    }
  });
});

describe('parseContentRange', () => {
  it('reads a satisfied range, with or without the size', () => {
    expect(parseContentRange('bytes 0-1023/4096')).toEqual({ start: 0, end: 1023, size: 4096 });
    expect(parseContentRange('bytes 4095-4095/4096')).toEqual({ start: 4095, end: 4095, size: 4096 });
    expect(parseContentRange('bytes 10-19/*')).toEqual({ start: 10, end: 19, size: undefined });
  });

  it('reads the size of an unsatisfiable range', () => {
    expect(parseContentRange('bytes */4096')).toEqual({ unsatisfied: true, size: 4096 });
  });

  it('gives undefined for a missing, malformed or impossible value', () => {
    for (const value of [null, '', 'bytes 0-10', 'items 0-1/2', 'bytes 5-4/10', 'bytes 0-10/10', 'bytes a-b/c', 'bytes */*']) {
      expect(parseContentRange(value)).toBeUndefined();
    }
  });
});
