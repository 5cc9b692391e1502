/** How a bare token is sent: `xauth` as `Xauth=<token>`, `xbl3` as `XBL3.0 x=<userHash>;<token>`. */
export type AuthScheme = 'xauth' | 'xbl3';

const FULL_VALUE = /^(XBL3\.0 |Xauth=)/;

/**
 * The `Authorization` value for a token: a full value (`XBL3.0 x=...;...` or `Xauth=...`) is
 * sent as it is, a bare token is wrapped in the form `scheme` names.
 */
export function authHeader(token: string, scheme: AuthScheme, userHash: string): string {
  const value = token.trim();
  if (FULL_VALUE.test(value)) return value;
  return scheme === 'xbl3' ? `XBL3.0 x=${userHash};${value}` : `Xauth=${value}`;
}
