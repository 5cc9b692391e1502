/** The SQLite file the CLI uses when neither --db nor GAMECLIPS_DB names one. */
export const DEFAULT_DB = 'data/gameclips.sqlite';

/** The database of a command: --db, else GAMECLIPS_DB, else the default file. */
export function dbOption(value: string | undefined, env: NodeJS.ProcessEnv): string {
  return value || env.GAMECLIPS_DB || DEFAULT_DB;
}
