import type { GameClip } from '@gameclips/types';
import { describeErrors, schemaValidator } from '@gameclips/contract';
import type { ClipStore } from './clip-store.js';

/** A fixture file that does not hold valid GameClip objects. */
export class InvalidFixturesError extends Error {
  override readonly name = 'InvalidFixturesError';
}

/**
 * Checks that `items` is an array of the contract's GameClip objects with unique ids and
 * inserts them all, or throws naming the first bad item and inserts none.
 */
export async function loadClips(store: ClipStore, items: unknown): Promise<number> {
  if (!Array.isArray(items)) throw new InvalidFixturesError('Fixtures must be a JSON array of GameClip objects');
  const validate = schemaValidator('GameClip');
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const label = `item ${index}${item && typeof item === 'object' && 'gameClipId' in item ? ` (gameClipId ${JSON.stringify(item.gameClipId)})` : ''}`;
    if (!validate(item)) throw new InvalidFixturesError(`${label} is not a valid GameClip: ${describeErrors(validate.errors)}`);
    const clip = item as GameClip;
    const key = `${clip.scid}/${clip.gameClipId}`;
    if (seen.has(key)) throw new InvalidFixturesError(`${label} repeats a clip id of an earlier item`);
    seen.add(key);
  });
  try {
    await store.insertClips(items as GameClip[]);
  } catch (error) {
    throw new InvalidFixturesError(`Nothing was loaded: ${(error as Error).message}`, { cause: error });
  }
  return items.length;
}
