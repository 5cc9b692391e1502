import { GameClipsError } from './game-clips-error.js';

/**
 * The service answered with a success status, but the response lacks what the contract
 * promises (a read's body or its `ETag`), as when a proxy or a browser's CORS rules drop it.
 */
export class GameClipsResponseError extends GameClipsError {
  override name = 'GameClipsResponseError';
  /** The HTTP response. Not enumerable, so logging the error stays short. */
  declare readonly response: Response;

  constructor(response: Response, message: string) {
    super(message);
    Object.defineProperty(this, 'response', { value: response, enumerable: false });
  }
}
