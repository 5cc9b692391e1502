import { describe, expect, it } from 'vitest';
import { uploadSize } from './upload-data.js';

describe('uploadSize', () => {
  it('reads the size of a Blob or Uint8Array, and checks a given size against it', () => {
    expect(uploadSize(new Uint8Array(10), undefined)).toBe(10);
    expect(uploadSize(new Blob(['abc']), 3)).toBe(3);
    expect(() => uploadSize(new Uint8Array(10), 11)).toThrow(new RangeError('size is 11, but the data holds 10 bytes'));
  });

  it('takes a stream\'s size from the option, which it needs', () => {
    expect(uploadSize(new ReadableStream(), 42)).toBe(42);
    expect(() => uploadSize(new ReadableStream(), undefined)).toThrow(TypeError);
  });

  it('refuses an empty clip and a size that is not a positive whole number', () => {
    expect(() => uploadSize(new Uint8Array(0), undefined)).toThrow(new RangeError('A clip cannot be empty'));
    for (const size of [0, -1, 2.5, Number.NaN]) expect(() => uploadSize(new ReadableStream(), size)).toThrow(RangeError);
  });
});
