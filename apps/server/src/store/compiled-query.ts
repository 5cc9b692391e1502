import type { Compilable, CompiledQuery, Kysely, QueryResult } from 'kysely';

/** Where a compiled query takes a value at execution: a marker Kysely binds as a parameter. */
class Slot {
  readonly name: string;
  constructor(name: string) {
    this.name = name;
  }
}

/** A named value of a query compiled once, given at each execution (typed as the value it stands for). */
export function slot<T>(name: string): T {
  return new Slot(name) as unknown as T;
}

/** Runs a query compiled once with the given slot values, on a Kysely instance or a transaction. */
export type CompiledStatement<R> = (db: Kysely<any>, values: Readonly<Record<string, unknown>>) => Promise<QueryResult<R>>;

/**
 * Compiles a query built with `slot()` values once. Building and compiling a Kysely query
 * costs several times what better-sqlite3 takes to run it, so the store's statements are
 * built once per store and only their parameters change per call.
 */
export function compileOnce<R>(query: Compilable<R>): CompiledStatement<R> {
  const compiled = query.compile();
  const names = compiled.parameters.map((parameter) => (parameter instanceof Slot ? parameter.name : undefined));
  return (db, values) => {
    const parameters = compiled.parameters.map((parameter, i) => {
      const name = names[i];
      if (name === undefined) return parameter;
      if (!(name in values)) throw new Error(`No value for the query's ${name}`);
      return values[name];
    });
    return db.executeQuery<R>({ ...compiled, parameters } as CompiledQuery<R>);
  };
}
