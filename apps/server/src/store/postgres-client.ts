import pg from 'pg';
import { preparedName } from './compiled-query.js';

/**
 * The store's pg client (the pool makes one per connection). PostgreSQL plans an unnamed
 * statement at every run, and planning the store's writes costs the backend more than
 * running them; Kysely's PostgresDialect sends every query unnamed. So this client names
 * the statements compiled with `compilePrepared`: pg parses a named statement once per
 * connection, and PostgreSQL keeps its plan (a generic one after a few runs, the store's
 * statements being lookups by key).
 */
export class PreparingClient extends pg.Client {
  /** Named statements whose result type changed under them (a migration added a column): sent unnamed from then on. */
  readonly #stale = new Set<string>();

  // pg's overloads, passed on unchanged except for a text the store prepares (which Kysely sends with a promise).
  override query(config: any, values?: any, callback?: any): any {
    const name = typeof config === 'string' && Array.isArray(values) && callback === undefined ? preparedName(config) : undefined;
    if (name === undefined || this.#stale.has(name)) return super.query(config, values, callback);
    return (super.query({ name, text: config, values }) as Promise<pg.QueryResult>).catch((error: unknown) => {
      // PostgreSQL refuses a prepared statement whose columns changed since it was planned
      // (`select *` after an added column); outside a failed transaction, this statement is
      // sent again, unnamed.
      if ((error as { code?: string }).code !== '0A000' || this.getTransactionStatus() === 'E') throw error;
      this.#stale.add(name);
      return super.query(config, values);
    });
  }
}
