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

/** Statements compiled once into one SQL text, their values inlined as literals; the rows are the last statement's. */
export type InlineStatement<R> = ((values: Readonly<Record<string, unknown>>) => string) & { readonly rows?: R };

/** A value as a PostgreSQL literal (standard_conforming_strings on, the default since 9.1; pg's escapeLiteral does the same). */
export function postgresLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`Not a finite number: ${value}`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value !== 'string') throw new Error(`No literal for a ${typeof value}`);
  if (value.includes('\0')) throw new Error('A string literal cannot hold NUL');
  const quoted = `'${value.replaceAll("'", "''").replaceAll('\\', '\\\\')}'`;
  return value.includes('\\') ? ` E${quoted}` : quoted;
}

/**
 * Compiles PostgreSQL queries built with `slot()` values once into one multi-statement text,
 * the values inlined as literals at each call. node-postgres sends a text without parameters
 * in one simple-protocol message, so the statements cost one round trip and run as one
 * implicit transaction (each with its own snapshot under READ COMMITTED).
 */
export function compileInline<R>(queries: readonly Compilable<unknown>[]): InlineStatement<R> {
  const parts = queries.map((query) => {
    const compiled = query.compile();
    const pieces = compiled.sql.split(/\$(\d+)/);
    if (pieces.some((piece, i) => i % 2 === 0 && piece.includes('$'))) throw new Error('The query text has a $ that is not a parameter');
    return { pieces, parameters: compiled.parameters };
  });
  return (values) =>
    parts
      .map(({ pieces, parameters }) =>
        pieces
          .map((piece, i) => {
            if (i % 2 === 0) return piece;
            const parameter = parameters[Number(piece) - 1];
            if (!(parameter instanceof Slot)) return postgresLiteral(parameter);
            if (!(parameter.name in values)) throw new Error(`No value for the query's ${parameter.name}`);
            return postgresLiteral(values[parameter.name]);
          })
          .join(''),
      )
      .join(';\n');
}
