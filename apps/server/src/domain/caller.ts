/** Who is calling, from the verified claims of their token. */
export interface Caller {
  /** The caller's XUID, a string of digits. */
  xuid: string;
  /** The service configuration the caller is signed in to. */
  scid: string;
  /** The title the caller is playing, when the token names one. */
  titleId?: number;
  /** The caller's sandbox, when the token names one. */
  sandboxId?: string;
}
