/** Connection pool settings of the PostgreSQL store. */
export interface PostgresStoreOptions {
  /** Most connections this process opens; 10 by default. Instances × max must stay under the server's max_connections. */
  max?: number;
  /** How long an idle connection is kept before it is closed, in ms; 30 000 by default. */
  idleTimeoutMs?: number;
  /** How long to wait for a connection (a new one, or a free one from a full pool) before failing, in ms; 10 000 by default. */
  connectionTimeoutMs?: number;
  /** Server-side limit on one statement, in ms; 0 (default) means none. */
  statementTimeoutMs?: number;
  /** Shown in pg_stat_activity; `gameclips-server` by default. */
  applicationName?: string;
  /** Sends the store's fixed statements named, so each connection plans them once; true by default. Off for a pooler that cannot keep them. */
  preparedStatements?: boolean;
}

/** The defaults of PostgresStoreOptions. */
export const postgresStoreDefaults: Required<PostgresStoreOptions> = {
  max: 10,
  idleTimeoutMs: 30_000,
  connectionTimeoutMs: 10_000,
  statementTimeoutMs: 0,
  applicationName: 'gameclips-server',
  preparedStatements: true,
};

/** The environment variables that set pool options, for the command line. */
export const postgresEnvironment = {
  max: 'GAMECLIPS_PG_POOL_MAX',
  idleTimeoutMs: 'GAMECLIPS_PG_IDLE_TIMEOUT_MS',
  connectionTimeoutMs: 'GAMECLIPS_PG_CONNECT_TIMEOUT_MS',
  statementTimeoutMs: 'GAMECLIPS_PG_STATEMENT_TIMEOUT_MS',
} as const;

/** The environment variable of `preparedStatements` (on or off). */
export const PREPARED_STATEMENTS_VARIABLE = 'GAMECLIPS_PG_PREPARED_STATEMENTS';

/** Pool options from GAMECLIPS_PG_* variables; throws naming a variable that is not a whole number in range (or on/off). */
export function postgresOptionsFromEnv(env: NodeJS.ProcessEnv): PostgresStoreOptions {
  const options: PostgresStoreOptions = {};
  for (const [option, name] of Object.entries(postgresEnvironment) as [keyof typeof postgresEnvironment, string][]) {
    const text = env[name]?.trim();
    if (!text) continue;
    const value = Number(text);
    const least = option === 'max' ? 1 : 0;
    if (!/^\d+$/.test(text) || value < least || value > 2_147_483_647) {
      throw new Error(`${name} must be a whole number from ${least}, not ${JSON.stringify(text)}`);
    }
    options[option] = value;
  }
  const prepared = env[PREPARED_STATEMENTS_VARIABLE]?.trim();
  if (prepared) {
    if (prepared !== 'on' && prepared !== 'off') throw new Error(`${PREPARED_STATEMENTS_VARIABLE} must be on or off, not ${JSON.stringify(prepared)}`);
    options.preparedStatements = prepared === 'on';
  }
  return options;
}
