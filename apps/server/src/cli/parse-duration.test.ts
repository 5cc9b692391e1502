import { describe, expect, it } from 'vitest';
import { parseDuration } from './parse-duration.js';

describe('parseDuration', () => {
  it.each([
    ['90', 90],
    ['30s', 30],
    ['15m', 900],
    ['1h', 3600],
    ['7d', 604800],
    ['-5m', -300],
  ])('%s is %i seconds', (text, seconds) => expect(parseDuration(text)).toBe(seconds));

  it.each(['', '1w', 'h', '1.5h', '1 h'])('refuses %j', (text) => expect(() => parseDuration(text)).toThrow(/Not a duration/));
});
