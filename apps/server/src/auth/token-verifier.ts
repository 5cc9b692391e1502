import { errors, jwtVerify } from 'jose';
import type { Caller } from '../domain/caller.js';
import { ServiceError } from '../errors/service-error.js';
import { canonicalXuid } from '../domain/owner.js';
import { tokenFromAuthHeader } from './auth-header.js';
import { lifetimeProblem } from './token-lifetime.js';

const MAX_CACHED = 10_000;

function invalid(message: string, cause?: unknown): ServiceError {
  return new ServiceError('InvalidToken', message, { cause });
}

function callerFromClaims(claims: Record<string, unknown>): Caller {
  const { xuid, scid, titleId, sandboxId } = claims;
  if (typeof xuid !== 'string' || !/^[0-9]{1,20}$/.test(xuid)) throw invalid('The token has no valid xuid claim');
  if (typeof scid !== 'string' || scid.length === 0 || scid.length > 64) throw invalid('The token has no valid scid claim');
  if (titleId !== undefined && !(Number.isInteger(titleId) && (titleId as number) >= 0 && (titleId as number) <= 0xffffffff)) {
    throw invalid('The titleId claim must be an unsigned 32-bit integer');
  }
  if (sandboxId !== undefined && (typeof sandboxId !== 'string' || sandboxId.length > 64)) {
    throw invalid('The sandboxId claim must be a string');
  }
  return {
    xuid: canonicalXuid(xuid),
    scid,
    ...(titleId === undefined ? {} : { titleId: titleId as number }),
    ...(sandboxId === undefined ? {} : { sandboxId: sandboxId as string }),
  };
}

/**
 * Verifies HS256 tokens and turns their claims into a Caller (its xuid in canonical decimal
 * form). Tokens must carry `iat` and `exp`, live at most MAX_TOKEN_LIFETIME_SECONDS and not be
 * issued in the future beyond CLOCK_SKEW_SECONDS. A verified token is kept
 * until it expires, so a client's repeated calls cost one signature check.
 */
export class TokenVerifier {
  readonly #secret: Uint8Array;
  readonly #cache = new Map<string, { caller: Caller; expiresAtMs: number }>();

  constructor(secret: Uint8Array) {
    this.#secret = secret;
  }

  /** The caller an `Authorization` header names; throws a 401 ServiceError otherwise. */
  async verifyHeader(header: string | undefined): Promise<Caller> {
    const token = tokenFromAuthHeader(header);
    const cached = this.#cache.get(token);
    if (cached && cached.expiresAtMs > Date.now()) return cached.caller;
    if (cached) this.#cache.delete(token);

    let payload;
    try {
      ({ payload } = await jwtVerify(token, this.#secret, {
        algorithms: ['HS256'],
        requiredClaims: ['exp', 'iat', 'xuid', 'scid'],
      }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw invalid('The token is expired', error);
      if (error instanceof errors.JWTClaimValidationFailed) throw invalid(`The token's claims are invalid: ${error.message}`, error);
      throw invalid('The token is malformed or badly signed', error);
    }
    const problem = lifetimeProblem(payload.iat, payload.exp);
    if (problem) throw invalid(problem);
    const caller = callerFromClaims(payload);
    if (this.#cache.size >= MAX_CACHED) this.#cache.clear();
    this.#cache.set(token, { caller, expiresAtMs: (payload.exp as number) * 1000 });
    return caller;
  }
}
