import { describe, expect, it } from 'vitest';
import { canonicalXuid, ownerXuid } from './owner.js';

const caller = { xuid: '2533274790395904', scid: 's' };

describe('ownerXuid', () => {
  it.each([
    ['me', '2533274790395904'],
    ['xuid(42)', '42'],
    ['xuid()', undefined],
    ['xuid(4a)', undefined],
    ['XUID(42)', undefined],
    ['you', undefined],
  ])('%s names %s', (segment, expected) => {
    expect(ownerXuid(segment, caller)).toBe(expected);
  });
});

describe('canonicalXuid', () => {
  it.each([
    ['100', '100'],
    ['0100', '100'],
    ['00000000000000000100', '100'],
    ['0', '0'],
    ['000', '0'],
    ['2533274790395904', '2533274790395904'],
  ])('%s is %s', (digits, expected) => {
    expect(canonicalXuid(digits)).toBe(expected);
  });

  it('is applied to xuid(N) path segments', () => {
    expect(ownerXuid('xuid(0042)', caller)).toBe('42');
  });
});
