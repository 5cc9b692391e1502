/** The longest lifetime (`exp - iat`) of a token the server accepts, and the CLI mints: 24 hours. */
export const MAX_TOKEN_LIFETIME_SECONDS = 24 * 3600;

/** How far in the future an `iat` may be, for clocks that disagree a little: 60 seconds. */
export const CLOCK_SKEW_SECONDS = 60;

/** Why a token's times are refused, or undefined when they are acceptable. */
export function lifetimeProblem(iat: unknown, exp: unknown, nowSeconds = Math.floor(Date.now() / 1000)): string | undefined {
  if (typeof iat !== 'number' || !Number.isFinite(iat)) return 'The token has no iat claim';
  if (typeof exp !== 'number' || !Number.isFinite(exp)) return 'The token has no exp claim';
  if (iat > nowSeconds + CLOCK_SKEW_SECONDS) return 'The token is issued in the future (iat)';
  if (exp - iat > MAX_TOKEN_LIFETIME_SECONDS) return `The token lives longer than ${MAX_TOKEN_LIFETIME_SECONDS / 3600} hours (exp - iat)`;
  return undefined;
}
