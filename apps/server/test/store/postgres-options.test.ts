import { describe, expect, it } from 'vitest';
import { postgresOptionsFromEnv } from '../../src/store/postgres-options.js';

describe('postgresOptionsFromEnv', () => {
  it('reads the pool settings that are set, and only those', () => {
    expect(postgresOptionsFromEnv({})).toEqual({});
    expect(
      postgresOptionsFromEnv({
        GAMECLIPS_PG_POOL_MAX: '20',
        GAMECLIPS_PG_IDLE_TIMEOUT_MS: '0',
        GAMECLIPS_PG_CONNECT_TIMEOUT_MS: ' 5000 ',
        GAMECLIPS_PG_STATEMENT_TIMEOUT_MS: '',
      }),
    ).toEqual({ max: 20, idleTimeoutMs: 0, connectionTimeoutMs: 5000 });
    expect(postgresOptionsFromEnv({ GAMECLIPS_PG_PREPARED_STATEMENTS: 'off' })).toEqual({ preparedStatements: false });
    expect(postgresOptionsFromEnv({ GAMECLIPS_PG_PREPARED_STATEMENTS: ' on ' })).toEqual({ preparedStatements: true });
  });

  it('names the variable that is not a whole number in range', () => {
    expect(() => postgresOptionsFromEnv({ GAMECLIPS_PG_POOL_MAX: '0' })).toThrow(/GAMECLIPS_PG_POOL_MAX/);
    expect(() => postgresOptionsFromEnv({ GAMECLIPS_PG_IDLE_TIMEOUT_MS: '1.5' })).toThrow(/GAMECLIPS_PG_IDLE_TIMEOUT_MS/);
    expect(() => postgresOptionsFromEnv({ GAMECLIPS_PG_CONNECT_TIMEOUT_MS: 'soon' })).toThrow(/GAMECLIPS_PG_CONNECT_TIMEOUT_MS/);
    expect(() => postgresOptionsFromEnv({ GAMECLIPS_PG_PREPARED_STATEMENTS: 'no' })).toThrow(/GAMECLIPS_PG_PREPARED_STATEMENTS must be on or off/);
  });
});
