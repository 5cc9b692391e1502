import { describe, expect, it } from 'vitest';
import { imageType } from './image-type.js';

const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]);
const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00]);

describe('imageType', () => {
  it('takes the type given, then a Blob\'s own PNG or JPEG type', async () => {
    expect(await imageType(png, 'image/jpeg')).toBe('image/jpeg');
    expect(await imageType(new Blob([jpeg], { type: 'image/png' }), undefined)).toBe('image/png');
  });

  it('reads the type from the first bytes otherwise', async () => {
    expect(await imageType(png, undefined)).toBe('image/png');
    expect(await imageType(new Blob([jpeg]), undefined)).toBe('image/jpeg');
    expect(await imageType(new Blob([png], { type: 'application/octet-stream' }), undefined)).toBe('image/png');
  });

  it('refuses anything else', async () => {
    await expect(imageType(new Uint8Array([0x47, 0x49, 0x46, 0x38]), undefined)).rejects.toThrow(TypeError);
    await expect(imageType(new Uint8Array(0), undefined)).rejects.toThrow(TypeError);
  });
});
