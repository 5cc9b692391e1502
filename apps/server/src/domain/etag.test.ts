import { describe, expect, it } from 'vitest';
import { etagOf, ifMatchMatches, ifMatchVersions } from './etag.js';

const key = { scid: '00000000-0000-0000-0000-00007a3b9c1d', gameClipId: 'c' };

describe('etagOf', () => {
  it('is a strong tag that differs by version and by clip', () => {
    expect(etagOf(key, 1)).toMatch(/^"[0-9a-f]{8}-1"$/);
    expect(etagOf(key, 2)).not.toBe(etagOf(key, 1));
    expect(etagOf({ ...key, gameClipId: 'd' }, 1)).not.toBe(etagOf(key, 1));
  });
});

describe('ifMatchMatches', () => {
  const current = etagOf(key, 7);
  it.each([
    [current, true],
    ['*', true],
    [`"x", ${current}`, true],
    [`W/${current}`, false],
    ['"x"', false],
    [current.replace(/"/g, ''), false],
    ['', false],
  ])('If-Match %s → %s', (value, expected) => {
    expect(ifMatchMatches(value, current)).toBe(expected);
  });
});

describe('ifMatchVersions', () => {
  const tag = (version: number) => etagOf(key, version);
  it.each([
    ['*', 'any'],
    [`${tag(3)}, *`, 'any'],
    [tag(7), [7]],
    [`${tag(7)}, ${tag(26)}, ${tag(7)}`, [7, 26]],
    [`W/${tag(7)}`, []],
    [tag(7).replace('-7"', '-07"'), []],
    [tag(26).toUpperCase(), []],
    [etagOf({ ...key, gameClipId: 'other' }, 7), []],
    ['"x"', []],
  ] as const)('If-Match %s → %j', (value, expected) => {
    expect(ifMatchVersions(value, key)).toEqual(expected);
  });
});
