import { describe, expect, it } from 'vitest';
import { parseRange } from './byte-range.js';

const SIZE = 1000;

describe('parseRange', () => {
  it('serves the whole file without a Range', () => {
    expect(parseRange(undefined, SIZE)).toEqual({ kind: 'whole' });
  });

  it.each([
    ['bytes=0-0', 0, 0],
    ['bytes=999-999', 999, 999],
    ['bytes=0-999', 0, 999],
    ['bytes=10-20', 10, 20],
    ['bytes=500-', 500, 999],
    ['bytes=990-5000', 990, 999],
    ['bytes=-1', 999, 999],
    ['bytes=-10', 990, 999],
    ['bytes=-5000', 0, 999],
    ['BYTES=1-2', 1, 2],
    [' bytes=1-2 ', 1, 2],
  ])('reads %s as bytes %i to %i', (header, first, last) => {
    expect(parseRange(header, SIZE)).toEqual({ kind: 'part', first, last });
  });

  it.each([
    ['bytes=1000-', 'starts past the end'],
    ['bytes=1000-1001', 'starts past the end'],
    ['bytes=-0', 'no bytes'],
    ['bytes=-', 'names no bytes'],
    ['bytes=5-4', 'ends before it starts'],
    ['bytes=0-1,5-6', 'several ranges'],
    ['bytes=0-1, 5-6', 'several ranges'],
    ['bytes=a-b', 'not bytes='],
    ['items=0-1', 'not bytes='],
    ['bytes 0-1', 'not bytes='],
    ['bytes=0x10-20', 'not bytes='],
    ['', 'not bytes='],
    ['bytes=99999999999999999999999-', 'starts past the end'],
  ])('cannot satisfy %j (%s)', (header, reason) => {
    const range = parseRange(header, SIZE);
    expect(range.kind).toBe('unsatisfiable');
    expect(range.kind === 'unsatisfiable' && range.reason).toContain(reason);
  });
});
