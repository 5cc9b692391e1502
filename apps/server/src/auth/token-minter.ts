import { createHash } from 'node:crypto';
import { SignJWT } from 'jose';
import { authHeaderFor, type AuthForm } from './auth-header.js';

/** Claims of a development token. */
export interface TokenClaims {
  /** The caller's XUID, a string of digits. */
  xuid: string;
  /** The service configuration id the caller is signed in to. */
  scid: string;
  /** The title the caller plays, if any. */
  titleId?: number;
  /** The caller's sandbox, if any. */
  sandboxId?: string;
  /** Lifetime in seconds; 3600 by default. Negative values mint an expired token. */
  ttlSeconds?: number;
  /** `xbl3` (default) and `xauth` give an `Authorization` value; `bare` the JWT alone. */
  form?: AuthForm;
}

/** A user hash for the XBL3.0 form, stable for an XUID. */
export function userHashFor(xuid: string): string {
  return createHash('sha256').update(xuid).digest('hex').slice(0, 20);
}

/** Mints an HS256 token with the given claims, signed with the server's secret. */
export async function mintToken(secret: Uint8Array, claims: TokenClaims): Promise<string> {
  const { xuid, scid, titleId, sandboxId, ttlSeconds = 3600, form = 'xbl3' } = claims;
  const now = Math.floor(Date.now() / 1000);
  const token = await new SignJWT({
    xuid,
    scid,
    ...(titleId === undefined ? {} : { titleId }),
    ...(sandboxId === undefined ? {} : { sandboxId }),
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt(now)
    .setExpirationTime(now + ttlSeconds)
    .sign(secret);
  return authHeaderFor(token, form, userHashFor(xuid));
}
