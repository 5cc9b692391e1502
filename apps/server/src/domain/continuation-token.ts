import { createHmac, timingSafeEqual } from 'node:crypto';
import { ServiceError } from '../errors/service-error.js';
import type { ListPosition } from '../store/clip-list-query.js';

const FORMAT = 1;
/** Format byte, sort value (float64), clip key (uint64), then the MAC: 27 bytes, 36 base64url characters. */
const BODY_BYTES = 17;
const MAC_BYTES = 10;
const TOKEN_BYTES = BODY_BYTES + MAC_BYTES;

function invalid(): ServiceError {
  return new ServiceError('InvalidContinuationToken');
}

/**
 * Continuation tokens: a position in a list (the sort value and the list key of the last
 * clip of a page), bound to the query and caller it was made for and signed with an HMAC
 * of the server's key, in 36 base64url characters. A token is never an offset, so a page
 * after it costs one index range scan, and clips added or deleted before it move nothing.
 * An altered token, or one sent with another query, fails its MAC and is refused (400).
 */
export class ContinuationTokens {
  readonly #key: Buffer;

  constructor(key: Uint8Array) {
    this.#key = Buffer.from(key);
  }

  #mac(body: Buffer, fingerprint: string): Buffer {
    return createHmac('sha256', this.#key).update(body).update(fingerprint, 'utf8').digest().subarray(0, MAC_BYTES);
  }

  /** The token of a position in the list that `fingerprint` names. */
  issue(fingerprint: string, position: ListPosition): string {
    const body = Buffer.alloc(BODY_BYTES);
    body.writeUInt8(FORMAT, 0);
    body.writeDoubleBE(position.sortValue, 1);
    body.writeBigUInt64BE(BigInt(position.clipKey), 9);
    return Buffer.concat([body, this.#mac(body, fingerprint)]).toString('base64url');
  }

  /** The position a token holds, when it was issued for the list that `fingerprint` names; else a 400. */
  read(token: string, fingerprint: string): ListPosition {
    if (!/^[A-Za-z0-9_-]{36}$/.test(token)) throw invalid();
    const bytes = Buffer.from(token, 'base64url');
    if (bytes.length !== TOKEN_BYTES || bytes.toString('base64url') !== token) throw invalid();
    const body = bytes.subarray(0, BODY_BYTES);
    if (!timingSafeEqual(bytes.subarray(BODY_BYTES), this.#mac(body, fingerprint)) || body.readUInt8(0) !== FORMAT) throw invalid();
    const sortValue = body.readDoubleBE(1);
    const clipKey = body.readBigUInt64BE(9);
    if (!Number.isFinite(sortValue) || clipKey > BigInt(Number.MAX_SAFE_INTEGER)) throw invalid();
    return { sortValue, clipKey: Number(clipKey) };
  }
}
