/** Base class of every error the client throws, so one `instanceof` check catches them all. */
export class GameClipsError extends Error {
  override name = 'GameClipsError';
}
