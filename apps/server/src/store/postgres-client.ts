import pg from 'pg';
import { preparedName, type PreparedBatch } from './compiled-query.js';

/**
 * The store's pg client (the pool makes one per connection). PostgreSQL plans an unnamed
 * statement at every run, and planning the store's writes costs the backend more than
 * running them; Kysely's PostgresDialect sends every query unnamed. So this client gives
 * the statements compiled with `prepare` their name: pg parses a named statement once per
 * connection, and PostgreSQL keeps its plan (a generic one after a few runs, the store's
 * statements being lookups by key).
 */
export class PreparingClient extends pg.Client {
  /** The batch statements this connection has prepared. */
  readonly #prepared = new Set<string>();

  // pg's overloads, passed on unchanged except for a text the store prepares.
  override query(config: any, values?: any, callback?: any): any {
    if (typeof config === 'string' && Array.isArray(values)) {
      const name = preparedName(config);
      if (name !== undefined) return super.query({ name, text: config, values }, callback);
    }
    return super.query(config, values, callback);
  }

  /** Runs a batch in one round trip (after one more to prepare it, the first time on this connection); the rows are its last statement's. */
  async runBatch<R>(batch: PreparedBatch<R>, values: Readonly<Record<string, unknown>>): Promise<R[]> {
    const missing = batch.prepare.filter(({ name }) => !this.#prepared.has(name));
    if (missing.length > 0) {
      await super.query(missing.map(({ text }) => text).join(';\n'));
      for (const { name } of missing) this.#prepared.add(name);
    }
    const results = (await super.query(batch.execute(values))) as unknown as pg.QueryResult | pg.QueryResult[];
    return (Array.isArray(results) ? (results.at(-1)?.rows ?? []) : results.rows) as R[];
  }
}
