import { createHmac, timingSafeEqual } from 'node:crypto';
import { ServiceError } from '../errors/service-error.js';
import type { ListPosition } from '../store/clip-list-query.js';

/** Format 1 (sort value and a 53-bit clip hash) is no longer read: its tokens are refused. */
const FORMAT = 2;
/** Format byte, walk epoch (uint32), sort value (float64), list_seq (uint48), then the MAC: 27 bytes, 36 base64url characters. */
const BODY_BYTES = 19;
const MAC_BYTES = 8;
const TOKEN_BYTES = BODY_BYTES + MAC_BYTES;

function invalid(): ServiceError {
  return new ServiceError('InvalidContinuationToken');
}

/**
 * Continuation tokens: a position in a walk through a list (the walk's epoch, and the sort
 * value and list_seq of the last clip of a page), bound to the query and caller it was made
 * for and signed with an HMAC of the server's key, in 36 base64url characters. A token is
 * never an offset, so a page after it costs one index range scan, and clips added or deleted
 * before it move nothing. An altered token, or one sent with another query, fails its MAC
 * and is refused (400); whether the walk has expired is the store's to say.
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
    body.writeUInt32BE(position.epoch, 1);
    body.writeDoubleBE(position.sortValue, 5);
    body.writeUIntBE(position.seq, 13, 6);
    return Buffer.concat([body, this.#mac(body, fingerprint)]).toString('base64url');
  }

  /** The position a token holds, when it was issued for the list that `fingerprint` names; else a 400. */
  read(token: string, fingerprint: string): ListPosition {
    if (!/^[A-Za-z0-9_-]{36}$/.test(token)) throw invalid();
    const bytes = Buffer.from(token, 'base64url');
    if (bytes.length !== TOKEN_BYTES || bytes.toString('base64url') !== token) throw invalid();
    const body = bytes.subarray(0, BODY_BYTES);
    if (!timingSafeEqual(bytes.subarray(BODY_BYTES), this.#mac(body, fingerprint)) || body.readUInt8(0) !== FORMAT) throw invalid();
    const sortValue = body.readDoubleBE(5);
    if (!Number.isFinite(sortValue)) throw invalid();
    return { epoch: body.readUInt32BE(1), sortValue, seq: body.readUIntBE(13, 6) };
  }
}
