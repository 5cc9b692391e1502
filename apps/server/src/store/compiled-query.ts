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

/** The statements compiled with `compilePrepared`: one name per text, for the process's life. */
const preparedNames = new Map<string, string>();

/** The name a PostgreSQL connection prepares this statement text under, if it was compiled with `compilePrepared`. */
export function preparedName(text: string): string | undefined {
  return preparedNames.get(text);
}

/** The slot names of a compiled query's parameters (undefined for a value built in). */
function slotNames(compiled: CompiledQuery): (string | undefined)[] {
  return compiled.parameters.map((parameter) => (parameter instanceof Slot ? parameter.name : undefined));
}

/** A compiled query's parameters with the slots filled from `values`. */
function parametersOf(compiled: CompiledQuery, names: readonly (string | undefined)[], values: Readonly<Record<string, unknown>>): unknown[] {
  return compiled.parameters.map((parameter, i) => {
    const name = names[i];
    if (name === undefined) return parameter;
    if (!(name in values)) throw new Error(`No value for the query's ${name}`);
    return values[name];
  });
}

/**
 * Compiles a query built with `slot()` values once. Building and compiling a Kysely query
 * costs several times what better-sqlite3 takes to run it, so the store's statements are
 * built once per store and only their parameters change per call.
 */
export function compileOnce<R>(query: Compilable<R>): CompiledStatement<R> {
  return statementOf(query.compile());
}

function statementOf<R>(compiled: CompiledQuery): CompiledStatement<R> {
  const names = slotNames(compiled);
  return (db, values) => db.executeQuery<R>({ ...compiled, parameters: parametersOf(compiled, names, values) } as CompiledQuery<R>);
}

/**
 * `compileOnce`, and on PostgreSQL the statement is also parsed and planned once per
 * connection (see postgres-client.ts). For statements of a fixed shape, which look rows up
 * by key: not for one per page shape or batch size, whose plans are better made per run.
 */
export function compilePrepared<R>(query: Compilable<R>): CompiledStatement<R> {
  const compiled = query.compile();
  if (!preparedNames.has(compiled.sql)) preparedNames.set(compiled.sql, `gameclips_${preparedNames.size + 1}`);
  return statementOf(compiled);
}
