import { describe, expect, it } from 'vitest';
import { CLOCK_SKEW_SECONDS, lifetimeProblem, MAX_TOKEN_LIFETIME_SECONDS } from './token-lifetime.js';

const now = 1_800_000_000;

describe('lifetimeProblem', () => {
  it('accepts tokens up to the cap, issued up to the clock skew ahead', () => {
    expect(lifetimeProblem(now, now + MAX_TOKEN_LIFETIME_SECONDS, now)).toBeUndefined();
    expect(lifetimeProblem(now + CLOCK_SKEW_SECONDS, now + 3600, now)).toBeUndefined();
    expect(lifetimeProblem(now - 3600, now - 60, now)).toBeUndefined();
  });

  it.each([
    ['no iat', undefined, now + 60, 'no iat'],
    ['an iat that is not a number', '1', now + 60, 'no iat'],
    ['no exp', now, undefined, 'no exp'],
    ['a lifetime one second over the cap', now, now + MAX_TOKEN_LIFETIME_SECONDS + 1, 'longer than 24 hours'],
    ['an iat beyond the clock skew', now + CLOCK_SKEW_SECONDS + 1, now + 3600, 'in the future'],
  ])('refuses %s', (_name, iat, exp, message) => {
    expect(lifetimeProblem(iat, exp, now)).toContain(message);
  });
});
