import type { Caller } from './caller.js';

const XUID_SEGMENT = /^xuid\(([0-9]{1,20})\)$/;

/**
 * The canonical decimal form of a XUID of digits: no leading zeros (`0100` is `100`, `000` is
 * `0`). Every XUID the server compares or stores, from a token or a path, goes through here.
 */
export function canonicalXuid(digits: string): string {
  const trimmed = digits.replace(/^0+/, '');
  return trimmed === '' ? '0' : trimmed;
}

/** The XUID an `{ownerId}` path segment names: `me` is the caller, `xuid(N)` is N (canonical). */
export function ownerXuid(ownerId: string, caller: Caller): string | undefined {
  if (ownerId === 'me') return caller.xuid;
  const digits = XUID_SEGMENT.exec(ownerId)?.[1];
  return digits === undefined ? undefined : canonicalXuid(digits);
}
