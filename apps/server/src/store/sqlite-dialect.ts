import type Database from 'better-sqlite3';
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from 'kysely';

/** Prepared statements kept per connection; the store has about a dozen distinct ones. */
const STATEMENT_CACHE_SIZE = 64;

/** A row as better-sqlite3 returns it in raw mode: the values in column order. */
type RawRow = unknown[];

/** A prepared statement, and for a reader the function that makes its raw rows objects. */
interface Prepared {
  statement: Database.Statement;
  toObject: ((row: RawRow) => Record<string, unknown>) | undefined;
}

/**
 * A function that makes a raw row the object better-sqlite3 would return, its members in
 * column order (a later column of the same name wins, as there). better-sqlite3 builds each
 * row object through V8's API, member by member, which took about a third of a list page's
 * statement; an object literal of fixed members is made by the engine at once and every row
 * shares one shape. Undefined (objects made by better-sqlite3) when a name would be special in
 * a literal.
 */
function rowBuilder(names: readonly string[]): Prepared['toObject'] {
  if (names.includes('__proto__')) return undefined;
  const members = names.map((name, i) => `${JSON.stringify(name)}: row[${i}]`).join(', ');
  return new Function('row', `return { ${members} };`) as (row: RawRow) => Record<string, unknown>;
}

/** One better-sqlite3 database, with each distinct SQL text prepared once. */
class SqliteConnection implements DatabaseConnection {
  readonly #db: Database.Database;
  readonly #statements = new Map<string, Prepared>();

  constructor(db: Database.Database) {
    this.#db = db;
  }

  #prepare(text: string): Prepared {
    let prepared = this.#statements.get(text);
    if (!prepared) {
      const statement = this.#db.prepare(text);
      const toObject = statement.reader ? rowBuilder(statement.columns().map((column) => column.name)) : undefined;
      if (toObject) statement.raw(true);
      prepared = { statement, toObject };
      if (this.#statements.size >= STATEMENT_CACHE_SIZE) this.#statements.delete(this.#statements.keys().next().value!);
      this.#statements.set(text, prepared);
    }
    return prepared;
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const { statement, toObject } = this.#prepare(query.sql);
    const parameters = query.parameters as unknown[];
    if (toObject) return { rows: (statement.all(parameters) as RawRow[]).map(toObject) as R[] };
    if (statement.reader) return { rows: statement.all(parameters) as R[] };
    const { changes } = statement.run(parameters);
    return { numAffectedRows: BigInt(changes), rows: [] };
  }

  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('The SQLite store does not stream queries');
  }
}

/**
 * Kysely's own SQLite driver starts transactions with a plain `BEGIN` (DEFERRED), which takes
 * the write lock only at the first write: when another process on the same file wrote in
 * between, the transaction then fails with SQLITE_BUSY at once instead of waiting
 * (busy_timeout does not help a deferred transaction that already read). This driver begins
 * every transaction IMMEDIATE, so a multi-statement write waits for the lock before it reads.
 * It also prepares each SQL text once (Kysely's prepares on every call), and queues its
 * users fairly.
 */
class ImmediateSqliteDriver implements Driver {
  readonly #db: Database.Database;
  readonly #connection: SqliteConnection;
  #busy = false;
  readonly #waiting: (() => void)[] = [];

  constructor(db: Database.Database) {
    this.#db = db;
    this.#connection = new SqliteConnection(db);
  }

  async init(): Promise<void> {}

  /**
   * One connection, lent to one user at a time (a query, or a transaction for all its
   * statements), the others waiting in line. Kysely's own lock for single-connection
   * dialects wakes every waiter at each release, which costs O(waiters²) under load.
   */
  async acquireConnection(): Promise<DatabaseConnection> {
    if (this.#busy) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    else this.#busy = true;
    return this.#connection;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(): Promise<void> {
    // Hands the connection straight to the next in line, or marks it free.
    const next = this.#waiting.shift();
    if (next) next();
    else this.#busy = false;
  }

  async destroy(): Promise<void> {
    if (this.#db.open) this.#db.close();
  }
}

/**
 * SQLite does run DDL in transactions; Kysely's adapter says it does not, and its Migrator
 * then runs each migration on its own. Saying so lets the Migrator run all pending
 * migrations in one IMMEDIATE transaction: when several processes open one new file at
 * once, one migrates and the others wait, then find nothing left to do.
 */
class TransactionalSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

/** Kysely's SQLite dialect on an open better-sqlite3 database, with the changes above. */
export class ImmediateSqliteDialect implements Dialect {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
  }

  createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#db);
  }

  createQueryCompiler() {
    return new SqliteQueryCompiler();
  }

  createAdapter() {
    return new TransactionalSqliteAdapter();
  }

  createIntrospector(db: Kysely<any>) {
    return new SqliteIntrospector(db);
  }
}
