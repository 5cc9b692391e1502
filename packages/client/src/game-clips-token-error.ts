import { GameClipsError } from './game-clips-error.js';

/** The client's `getToken` threw or rejected, so no request was sent; `cause` holds what it threw. */
export class GameClipsTokenError extends GameClipsError {
  override name = 'GameClipsTokenError';

  constructor(cause: unknown) {
    super(`getToken failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}
