/** A command line that cannot run: the message says what to change. Exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A whole number option within bounds. */
export function integerOption(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, not ${JSON.stringify(value)}`);
  return n;
}

/** A number option within bounds. */
export function numberOption(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max) throw new UsageError(`--${name} must be a number from ${min} to ${max}, not ${JSON.stringify(value)}`);
  return n;
}

/** One of a few words. */
export function choiceOption<T extends string>(name: string, value: string | undefined, choices: readonly T[]): T | undefined {
  if (value === undefined || value === '') return undefined;
  if (!(choices as readonly string[]).includes(value)) throw new UsageError(`--${name} must be one of ${choices.join(', ')}, not ${JSON.stringify(value)}`);
  return value as T;
}

/** The `--xuid` (digits) and `--scid` a command signs its token for, both required; `who` is whose XUID it is. */
export function identityOptions(values: { xuid?: string | undefined; scid?: string | undefined }, who: string): { xuid: string; scid: string } {
  if (!values.xuid || !/^[0-9]{1,20}$/.test(values.xuid)) throw new UsageError(`--xuid is required: the ${who}'s XUID, digits only`);
  if (!values.scid) throw new UsageError('--scid is required: the service configuration id (a GUID)');
  return { xuid: values.xuid, scid: values.scid };
}
