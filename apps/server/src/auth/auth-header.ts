import { ServiceError } from '../errors/service-error.js';

const XBL3 = /^XBL3\.0 x=([^;\s]+);([A-Za-z0-9._~+/=-]+)$/;
const XAUTH = /^Xauth=([A-Za-z0-9._~+/=-]+)$/;

/**
 * The token of an `Authorization` header in one of its two accepted forms:
 * `XBL3.0 x=<userhash>;<token>` or `Xauth=<token>`.
 */
export function tokenFromAuthHeader(header: string | undefined): string {
  if (!header) throw new ServiceError('MissingToken', 'The Authorization header is missing');
  const match = XBL3.exec(header) ?? XAUTH.exec(header);
  const token = match?.[match.length - 1];
  if (!token) {
    throw new ServiceError(
      'MissingToken',
      'The Authorization header must be "XBL3.0 x=<userhash>;<token>" or "Xauth=<token>"',
    );
  }
  return token;
}

/** The header forms a token can be given in. */
export type AuthForm = 'xbl3' | 'xauth' | 'bare';

/** An `Authorization` header value (or the bare token) for a token. */
export function authHeaderFor(token: string, form: AuthForm, userHash: string): string {
  if (form === 'bare') return token;
  return form === 'xauth' ? `Xauth=${token}` : `XBL3.0 x=${userHash};${token}`;
}
