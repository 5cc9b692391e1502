import { createHmac, createSign, type KeyObject } from 'node:crypto';

/** How a forged token is signed. */
export type Signer =
  | { hmac: 'sha256' | 'sha384' | 'sha512'; key: Uint8Array | string }
  | { rsa: KeyObject }
  | { ec: KeyObject }
  | { signature: string };

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

/**
 * A compact JWS with exactly the header and payload given (no defaults added), signed as
 * told whatever the header claims: the raw material of algorithm-confusion attacks.
 */
export function forgeJwt(header: Record<string, unknown>, payload: Record<string, unknown> | string, signer: Signer): string {
  const input = `${b64url(JSON.stringify(header))}.${b64url(typeof payload === 'string' ? payload : JSON.stringify(payload))}`;
  if ('signature' in signer) return `${input}.${signer.signature}`;
  if ('hmac' in signer) return `${input}.${createHmac(signer.hmac, signer.key).update(input).digest('base64url')}`;
  if ('rsa' in signer) return `${input}.${createSign('RSA-SHA256').update(input).sign(signer.rsa).toString('base64url')}`;
  return `${input}.${createSign('SHA256').update(input).sign({ key: signer.ec, dsaEncoding: 'ieee-p1363' }).toString('base64url')}`;
}

/** Seconds since the epoch. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** A token's payload re-encoded with changes, its header and signature kept (a tampered token). */
export function tamperPayload(token: string, changes: Record<string, unknown>): string {
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const claims = { ...JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')), ...changes };
  return `${header}.${b64url(JSON.stringify(claims))}.${signature}`;
}
