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

/** One name per statement text, for the process's life: PostgreSQL connections prepare the text under it. */
class PreparedNames {
  readonly #names = new Map<string, string>();
  readonly #prefix: string;
  constructor(prefix: string) {
    this.#prefix = prefix;
  }
  nameOf(text: string): string {
    let name = this.#names.get(text);
    if (name === undefined) {
      name = `${this.#prefix}${this.#names.size + 1}`;
      this.#names.set(text, name);
    }
    return name;
  }
  find(text: string): string | undefined {
    return this.#names.get(text);
  }
}

/** Statements compiled with `prepare`, which pg sends as named statements (its own prefix: one namespace per connection holds both kinds). */
const namedStatements = new PreparedNames('gameclips_');
/** Statements of batches, which a connection prepares with PREPARE. */
const batchStatements = new PreparedNames('gameclips_batch_');

/** The name a PostgreSQL connection prepares this statement text under, if it was compiled with `prepare`. */
export function preparedName(text: string): string | undefined {
  return namedStatements.find(text);
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
  const compiled = query.compile();
  const names = slotNames(compiled);
  return (db, values) => db.executeQuery<R>({ ...compiled, parameters: parametersOf(compiled, names, values) } as CompiledQuery<R>);
}

/**
 * `compileOnce`, and on PostgreSQL the statement is also parsed and planned once per
 * connection (see postgres-client.ts). For statements of a fixed shape, which look rows up
 * by key: not for one per page shape or batch size, whose plans are better made per run.
 */
export function compilePrepared<R>(query: Compilable<R>): CompiledStatement<R> {
  const statement = compileOnce(query);
  namedStatements.nameOf(query.compile().sql);
  return statement;
}

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
 * PostgreSQL statements run in one round trip: a connection prepares each once (`prepare`,
 * PREPARE statements in one text), then every run is one text of EXECUTEs, the values
 * inlined as literals. node-postgres sends a text without parameters in one simple-protocol
 * message, so the statements run as one implicit transaction, each with its own snapshot
 * under READ COMMITTED, and each is parsed and planned once per connection, not per run.
 */
export interface PreparedBatch<R> {
  /** The statements' names and PREPARE texts. */
  readonly prepare: readonly { readonly name: string; readonly text: string }[];
  /** The EXECUTE text of a run with these slot values; the rows are the last statement's. */
  readonly execute: (values: Readonly<Record<string, unknown>>) => string;
  /** The type of the last statement's rows (never set). */
  readonly rows?: R;
}

/** Compiles PostgreSQL queries built with `slot()` values once into a batch. */
export function compileBatch<R>(queries: readonly Compilable<unknown>[]): PreparedBatch<R> {
  const statements = queries.map((query) => {
    const compiled = query.compile();
    const name = batchStatements.nameOf(compiled.sql);
    return { name, text: `prepare ${name} as ${compiled.sql}`, compiled, names: slotNames(compiled) };
  });
  return {
    prepare: statements.map(({ name, text }) => ({ name, text })),
    execute: (values) =>
      statements
        .map(({ name, compiled, names }) => {
          const literals = parametersOf(compiled, names, values).map(postgresLiteral);
          return literals.length === 0 ? `execute ${name}` : `execute ${name}(${literals.join(', ')})`;
        })
        .join(';\n'),
  };
}
