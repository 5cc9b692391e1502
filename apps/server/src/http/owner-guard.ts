import type { RequestHandler } from 'express';
import type { TokenVerifier } from '../auth/token-verifier.js';
import { canonicalXuid } from '../domain/owner.js';
import { ServiceError } from '../errors/service-error.js';
import { routedOperation, routedPathParams } from './routed-operation.js';

const XUID_OWNER = /^xuid\(([0-9]{1,20})\)$/;

/**
 * Only the owner may update a clip's metadata: with `xuid(N)` in the path where N is not the
 * caller, the contract answers 403 (8377) "whatever the body holds", so this runs before the
 * body is parsed or validated. A request whose token does not verify is left to the
 * validator, which answers 401.
 */
export function ownerGuard(verifier: TokenVerifier): RequestHandler {
  // Synchronous unless there is something to check: no promise for other requests.
  return (req, _res, next) => {
    if (routedOperation(req)?.operationId !== 'updateClipMetadata') return next();
    const named = XUID_OWNER.exec(routedPathParams(req)?.ownerId ?? '')?.[1];
    if (named === undefined) return next();
    return check(req.get('Authorization'), named, next);
  };

  async function check(authorization: string | undefined, named: string, next: () => void): Promise<void> {
    let xuid: string;
    try {
      ({ xuid } = await verifier.verifyHeader(authorization));
    } catch {
      return next();
    }
    if (canonicalXuid(named) !== xuid) throw new ServiceError('XuidMismatch');
    next();
  }
}
