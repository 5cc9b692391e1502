import { GameClipsError } from './game-clips-error.js';

/** The service could not be reached (DNS, connection refused or reset, CORS); `cause` holds what `fetch` threw. */
export class GameClipsNetworkError extends GameClipsError {
  override name = 'GameClipsNetworkError';
}
