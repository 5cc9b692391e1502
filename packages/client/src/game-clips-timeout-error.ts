import { GameClipsError } from './game-clips-error.js';

/** A call took longer than its `timeoutMs` (retries and their waits included) and was cancelled. */
export class GameClipsTimeoutError extends GameClipsError {
  override name = 'GameClipsTimeoutError';
  /** The limit that was passed, in milliseconds. */
  readonly timeoutMs: number;

  constructor(timeoutMs: number) {
    super(`The call did not finish within ${timeoutMs} ms`);
    this.timeoutMs = timeoutMs;
  }
}
