import { describe, expect, it } from 'vitest';
import { ownerXuid } from './owner.js';

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
