/**
 * PostgreSQL for tests: a throwaway cluster of Debian's PostgreSQL (`initdb` in a temporary
 * folder, loopback only, a free port, trust authentication), or an existing server named by
 * DATABASE_URL. Each test gets its own schema, so tests never see each other's rows.
 *
 * When neither is available the PostgreSQL tests are skipped with `postgresSkipReason`;
 * GAMECLIPS_REQUIRE_POSTGRES=1 turns that skip into a failure, so CI cannot skip silently.
 */
import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

const HOW_TO_RUN =
  'To run them: apt-get install postgresql (Debian; .ci/postgres-checks does this), ' +
  'or set DATABASE_URL to a PostgreSQL server where the user may create schemas.';

/** A database the tests may use, and how to let it go. */
export interface TestPostgres {
  /** Connection string of the database. */
  url: string;
  /** A connection string whose search_path is a new, empty schema of the database. */
  freshSchemaUrl(): Promise<string>;
  /** Drops the schemas made by freshSchemaUrl; stops and deletes a throwaway cluster. */
  stop(): Promise<void>;
}

/** The folder with initdb and pg_ctl: GAMECLIPS_PG_BINDIR, else Debian's newest /usr/lib/postgresql/N/bin. */
export function findPostgresBinaries(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = env.GAMECLIPS_PG_BINDIR
    ? [env.GAMECLIPS_PG_BINDIR]
    : (existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql') : [])
        .filter((name) => /^\d+$/.test(name))
        .sort((a, b) => Number(b) - Number(a))
        .map((version) => `/usr/lib/postgresql/${version}/bin`);
  return candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
}

/** PostgreSQL refuses to run as root; as root, clusters run as this user. */
function clusterUser(): { name: string; uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { name: 'postgres', uid, gid };
  } catch {
    return undefined;
  }
}

function skipReason(env: NodeJS.ProcessEnv): string | undefined {
  if (env.DATABASE_URL) return undefined;
  if (!findPostgresBinaries(env)) return `PostgreSQL tests skipped: no PostgreSQL binaries (initdb, pg_ctl) in /usr/lib/postgresql/*/bin. ${HOW_TO_RUN}`;
  if (process.getuid?.() === 0 && !clusterUser()) {
    return `PostgreSQL tests skipped: running as root, and PostgreSQL refuses to run as root, but there is no "postgres" user to run it as. ${HOW_TO_RUN}`;
  }
  return undefined;
}

/**
 * Why the PostgreSQL tests cannot run here, or undefined when they can. Throws instead when
 * GAMECLIPS_REQUIRE_POSTGRES=1.
 */
export function postgresSkipReason(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const reason = skipReason(env);
  if (reason && env.GAMECLIPS_REQUIRE_POSTGRES === '1') {
    throw new Error(`GAMECLIPS_REQUIRE_POSTGRES=1 but ${reason}`);
  }
  return reason;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A throwaway PostgreSQL cluster. */
export interface PostgresCluster {
  /** Connection string of its `gameclips` database (user postgres, trust authentication). */
  url: string;
  /** Stops the cluster and deletes its folder. */
  stop(): Promise<void>;
}

/** Makes a cluster in a temporary folder, starts it on 127.0.0.1 at a free port, and creates a database. */
export async function startPostgresCluster(bindir = findPostgresBinaries()): Promise<PostgresCluster> {
  if (!bindir) throw new Error(`No PostgreSQL binaries found. ${HOW_TO_RUN}`);
  const user = clusterUser();
  if (process.getuid?.() === 0 && !user) throw new Error('Running as root and there is no postgres user to run PostgreSQL as');
  const folder = mkdtempSync(join(tmpdir(), 'gameclips-pg-'));
  const data = join(folder, 'data');
  const log = join(folder, 'postgres.log');
  if (user) chownSync(folder, user.uid, user.gid);
  // As root, run the tools as the postgres user (runuser keeps the environment, needs no password).
  const command = (name: string, args: string[]): [string, string[]] =>
    user ? ['runuser', ['-u', user.name, '--', join(bindir, name), ...args]] : [join(bindir, name), args];
  const tool = (name: string, args: string[]) => run(...command(name, args), { cwd: folder });
  const pgCtl = (...args: string[]) => tool('pg_ctl', ['-D', data, ...args]);

  let started = false;
  const stopSync = () => {
    if (started) {
      try {
        execFileSync(...command('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']), { stdio: 'ignore', cwd: folder });
      } catch {
        // Already stopped.
      }
    }
    rmSync(folder, { recursive: true, force: true });
  };
  // Should the test process end without stop(), leave no server behind.
  process.once('exit', stopSync);

  try {
    await tool('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-locale', '--no-sync']);
    let port = 0;
    for (let attempt = 1; !started; attempt++) {
      port = await freePort();
      // Tuned for throwaway data: no fsync, small memory; only loopback and a socket in the folder.
      const settings = [
        `-p ${port}`, `-k ${folder}`, '-c listen_addresses=127.0.0.1', '-c fsync=off', '-c synchronous_commit=off',
        '-c full_page_writes=off', '-c shared_buffers=32MB', '-c max_connections=100',
      ].join(' ');
      try {
        await pgCtl('-l', log, '-o', settings, '-w', '-t', '60', 'start');
        started = true;
      } catch (error) {
        // Another process may have taken the port between freePort() and start: try another.
        if (attempt >= 3) {
          const tail = existsSync(log) ? readFileSync(log, 'utf8').slice(-2000) : '';
          throw new Error(`pg_ctl start failed: ${(error as Error).message}\n${tail}`, { cause: error });
        }
      }
    }
    const admin = new pg.Client({ connectionString: `postgresql://postgres@127.0.0.1:${port}/postgres` });
    await admin.connect();
    try {
      await admin.query('CREATE DATABASE gameclips');
    } finally {
      await admin.end();
    }
    return {
      url: `postgresql://postgres@127.0.0.1:${port}/gameclips`,
      stop: async () => {
        process.off('exit', stopSync);
        try {
          if (started) await pgCtl('-m', 'fast', '-w', 'stop');
          started = false;
        } finally {
          stopSync();
        }
      },
    };
  } catch (error) {
    process.off('exit', stopSync);
    stopSync();
    throw error;
  }
}

/** The URL with its search_path set to `schema` (pg sends `options` at connection start). */
export function withSearchPath(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('options', `-c search_path=${schema}`);
  return parsed.toString();
}

/** DATABASE_URL when set, else a throwaway cluster; call once per test file, stop() in afterAll. */
export async function usePostgres(env: NodeJS.ProcessEnv = process.env): Promise<TestPostgres> {
  const cluster = env.DATABASE_URL ? undefined : await startPostgresCluster();
  const url = env.DATABASE_URL ?? cluster!.url;
  const admin = new pg.Pool({ connectionString: url, max: 2 });
  admin.on('error', () => undefined);
  const prefix = `gameclips_test_${process.pid}_${Date.now().toString(36)}`;
  const schemas: string[] = [];
  return {
    url,
    freshSchemaUrl: async () => {
      const schema = `${prefix}_${schemas.length + 1}`;
      await admin.query(`CREATE SCHEMA ${schema}`);
      schemas.push(schema);
      return withSearchPath(url, schema);
    },
    stop: async () => {
      try {
        // On a shared server, leave nothing behind; a throwaway cluster is deleted anyway.
        if (!cluster) for (const schema of schemas) await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await admin.end();
        await cluster?.stop();
      }
    },
  };
}
