import { GameClipsError } from './game-clips-error.js';

/** An upload was accepted block by block but did not end as a published clip (no block completed the file, or the clip went to another state). */
export class GameClipsUploadError extends GameClipsError {
  override name = 'GameClipsUploadError';
  /** The id of the clip the upload reserved. */
  readonly gameClipId: string;

  constructor(gameClipId: string, message: string) {
    super(message);
    this.gameClipId = gameClipId;
  }
}
