/**
 * Checks a count option of a call (`blockSize`, `parallel`): a whole number from 1 to `max`,
 * returned as is; otherwise a `RangeError` that names the option, what it counts and its range.
 */
export function checkWholeOption(name: string, value: number, max: number, counting?: string): number {
  if (!Number.isSafeInteger(value) || value < 1 || value > max) {
    throw new RangeError(`${name} must be a whole number${counting ? ` of ${counting}` : ''} from 1 to ${max}, not ${value}`);
  }
  return value;
}
