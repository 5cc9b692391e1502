import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contractFile, serverCli } from './config.mjs';
import { freePort } from './free-port.mjs';
import { startServerProcess } from './server-process.mjs';

const bareScript = fileURLToPath(new URL('./servers/bare-server.mjs', import.meta.url));
const launcherScript = fileURLToPath(new URL('./servers/reference-server.mjs', import.meta.url));
const ceilingScript = fileURLToPath(new URL('./servers/ceiling-server.mjs', import.meta.url));

/** Where Prism's CLI is, or undefined when it is not installed. */
function prismCli() {
  try {
    const require = createRequire(import.meta.url);
    return join(dirname(require.resolve('@stoplight/prism-cli/package.json')), 'dist', 'index.js');
  } catch {
    return undefined;
  }
}

/**
 * `gameclips-server serve` with a fresh SQLite file, demo data and no request log. At log
 * level warn it does not print its URL, so it gets a free port and is polled.
 */
function serve(extraArgs, { logLevel = 'warn' } = {}) {
  return async ({ dir, secret, id }) => {
    const port = await freePort();
    return startServerProcess({
      label: id,
      args: [serverCli, 'serve', '--port', String(port), '--db', join(dir, `${id}.sqlite`), '--seed', 'demo', '--log-level', logLevel, ...extraArgs],
      env: { GAMECLIPS_TOKEN_SECRET: secret },
      url: `http://127.0.0.1:${port}`,
      ...(logLevel === 'warn' ? {} : { logFile: join(dir, `${id}.log`) }),
    });
  };
}

let postgres;

/**
 * PostgreSQL for the postgres rows: BENCH_DATABASE_URL, else a throwaway cluster of Debian's
 * PostgreSQL started once for the run (fsync off, like SQLite's WAL without a sync per commit).
 */
export async function postgresUrl() {
  const { usePostgres } = await import('@gameclips/server/testing');
  postgres ??= await usePostgres(process.env.BENCH_DATABASE_URL ? { DATABASE_URL: process.env.BENCH_DATABASE_URL } : {});
  return postgres.freshSchemaUrl();
}

/** Stops the run's PostgreSQL, if one was started. */
export async function stopPostgres() {
  await postgres?.stop();
  postgres = undefined;
}

/** `prism mock` of the contract at a verbosity, on a free port. */
function prism(verboseLevel) {
  return async ({ dir, id }) => {
    const cli = prismCli();
    if (!cli) throw new Error('@stoplight/prism-cli is not installed');
    const port = await freePort();
    return startServerProcess({
      label: id,
      args: [cli, 'mock', contractFile, '--host', '127.0.0.1', '--port', String(port), '--verboseLevel', verboseLevel],
      url: `http://127.0.0.1:${port}`,
      logFile: join(dir, `${id}.log`),
      timeoutMs: 60_000,
    });
  };
}

/**
 * The servers under load. Each run starts a fresh process with a fresh SQLite file in the
 * run's temporary directory, so peak memory is per scenario.
 */
export const targets = {
  reference: {
    title: 'reference server (`serve`, request + response validation)',
    short: 'reference',
    start: serve(['--validate-responses', 'on']),
  },
  responsesOff: {
    title: 'reference server, `--validate-responses off`',
    short: 'reference, responses not validated',
    start: serve(['--validate-responses', 'off']),
  },
  validationOff: {
    title: 'reference server, request and response validation off (benchmark switch; routing and auth on)',
    short: 'reference, validation off',
    start: ({ dir, secret, id }) =>
      startServerProcess({
        label: id,
        args: [launcherScript, '--db', join(dir, `${id}.sqlite`), '--validate-requests', 'off', '--validate-responses', 'off'],
        env: { GAMECLIPS_TOKEN_SECRET: secret },
      }),
  },
  postgres: {
    title: 'reference server on the PostgreSQL store (`serve --store postgres`, validation on; a fresh schema per row)',
    short: 'reference on PostgreSQL',
    start: async ({ dir, secret, id }) => {
      const port = await freePort();
      return startServerProcess({
        label: id,
        args: [serverCli, 'serve', '--port', String(port), '--store', 'postgres', '--database-url', await postgresUrl(), '--seed', 'demo', '--log-level', 'warn'],
        env: { GAMECLIPS_TOKEN_SECRET: secret },
        url: `http://127.0.0.1:${port}`,
        logFile: join(dir, `${id}.log`),
      });
    },
  },
  ceiling: {
    title: 'Express 5 + express-openapi-validator on the contract (route patterns cached as the reference server does), request validation on, a handler that answers 200 at once (no store, auth check or rules)',
    short: 'framework ceiling',
    start: ({ id }) => startServerProcess({ label: id, args: [ceilingScript] }),
  },
  bare: {
    title: 'bare `node:http` + the same SqliteStore (no framework, validation or auth)',
    short: 'bare node:http',
    start: ({ dir, id }) => startServerProcess({ label: id, args: [bareScript, '--db', join(dir, `${id}.sqlite`)] }),
  },
  prism: {
    title: 'Prism mock of the same contract (`prism mock --verboseLevel warn`: no request log, like the rows above)',
    short: 'Prism mock',
    start: prism('warn'),
  },
  referenceAsShipped: {
    title: 'reference server as `serve` runs by default: validation on, a JSON log line per request (to a file)',
    short: 'reference, request log on',
    start: serve(['--validate-responses', 'on'], { logLevel: 'info' }),
  },
  prismAsShipped: {
    title: 'Prism mock at its default verbosity (`info`: several log lines per request, to a file)',
    short: 'Prism mock, request log on',
    start: prism('info'),
  },
};
