import type { Caller } from './caller.js';

const XUID_SEGMENT = /^xuid\(([0-9]{1,20})\)$/;

/** The XUID an `{ownerId}` path segment names: `me` is the caller, `xuid(N)` is N. */
export function ownerXuid(ownerId: string, caller: Caller): string | undefined {
  if (ownerId === 'me') return caller.xuid;
  return XUID_SEGMENT.exec(ownerId)?.[1];
}
