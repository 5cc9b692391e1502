import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { forgetRunningServer, recordRunningServer, runningServerFileFor } from '../auth/running-server-file.js';
import { reachableUrl, startServer, type StartServerOptions } from '../start-server.js';
import { banner } from './banner.js';
import { storeOptions } from './defaults.js';
import { parseDuration } from './parse-duration.js';
import { choiceOption, integerOption, numberOption, UsageError } from './usage-error.js';

export const serveHelp = `Usage: gameclips-server serve [options]

Runs the reference server: every request and response is validated against the contract.

Options (environment variable in brackets):
  --port N               port to listen on; 0 picks a free one     [PORT] (default 8080)
  --host ADDR            interface to listen on                    [GAMECLIPS_HOST] (default 127.0.0.1)
  --store KIND           sqlite or postgres                        [GAMECLIPS_STORE] (default sqlite)
  --db PATH|:memory:     SQLite file                               [GAMECLIPS_DB] (default data/gameclips.sqlite)
  --database-url URL     PostgreSQL connection string              [DATABASE_URL]
  --seed demo|none|FILE  demo clips (only into an empty store), nothing, or a JSON
                         array of GameClip objects                 [GAMECLIPS_SEED] (default demo)
  --flag-threshold N     flags that make a clip Flagged            [GAMECLIPS_FLAG_THRESHOLD] (default 1)
  --validate-responses on|off
                         check every response against the contract [GAMECLIPS_VALIDATE_RESPONSES] (default on)
  --fault-rate R         share of API requests answered with a fault, 0..1 (deterministic:
                         0.25 fails every 4th)                     [GAMECLIPS_FAULT_RATE] (default 0)
  --fault-status S       503 or 429                                [GAMECLIPS_FAULT_STATUS] (default 503)
  --retry-after SECONDS  Retry-After sent with a fault             [GAMECLIPS_RETRY_AFTER] (default 1)
  --latency-ms MS        delay added to every API request          [GAMECLIPS_LATENCY_MS] (default 0)
  --public-url URL       base URL of the upload and download URIs the server hands out
                         (never the request's Host)                [GAMECLIPS_PUBLIC_URL] (default the URL it listens on)
  --quota-bytes N        most bytes one user's clips may take      [GAMECLIPS_QUOTA_BYTES] (default 10737418240, 10 GiB)
  --upload-ttl DURATION  how long a reservation waits for its last block, such as 90s,
                         15m, 24h                                  [GAMECLIPS_UPLOAD_TTL] (default 24h)
  --processing-delay MS  how long a complete upload stays Processing before it is
                         Published                                 [GAMECLIPS_PROCESSING_DELAY] (default 200)
  --log-level LEVEL      fatal, error, warn, info, debug, silent   [GAMECLIPS_LOG_LEVEL] (default info)
  --banner               print the docs URL, a demo token and a curl line once listening
                         (on stderr, apart from the logs)
  -h, --help             this help

Tokens are HS256 JWTs signed with GAMECLIPS_TOKEN_SECRET when set (at least 32 bytes),
otherwise with a key kept in PATH.secret beside the SQLite file (made on first start, mode
0600; refused if another user's or readable by others); mint them with 'gameclips-server token'.
Files the server makes (database, key, records) are private to its user (umask 077).
Logs are JSON lines on stdout, one per request; tokens are never logged.`;

/** The upload options of `serve`, from its flags or their environment variables. */
function uploadOptions(values: Record<string, string | boolean | undefined>, env: NodeJS.ProcessEnv): Partial<StartServerOptions> {
  const text = (name: string, variable: string) => (values[name] as string | undefined) || env[variable];
  const publicUrl = text('public-url', 'GAMECLIPS_PUBLIC_URL');
  if (publicUrl !== undefined && !/^https?:\/\/[^/?#]+(\/[^?#]*)?$/.test(publicUrl)) {
    throw new UsageError(`--public-url must be an http or https URL without query or fragment, not ${JSON.stringify(publicUrl)}`);
  }
  const quotaBytes = integerOption('quota-bytes', text('quota-bytes', 'GAMECLIPS_QUOTA_BYTES'), 1, Number.MAX_SAFE_INTEGER);
  const ttl = text('upload-ttl', 'GAMECLIPS_UPLOAD_TTL');
  let uploadTtlMs: number | undefined;
  if (ttl !== undefined && ttl !== '') {
    try {
      uploadTtlMs = parseDuration(ttl) * 1000;
    } catch (error) {
      throw new UsageError(`--upload-ttl: ${(error as Error).message}`);
    }
    if (uploadTtlMs < 1000) throw new UsageError(`--upload-ttl must be at least 1s, not ${JSON.stringify(ttl)}`);
  }
  const processingDelayMs = integerOption('processing-delay', text('processing-delay', 'GAMECLIPS_PROCESSING_DELAY'), 0, 3_600_000);
  return {
    ...(publicUrl !== undefined && { publicUrl }),
    ...(quotaBytes !== undefined && { quotaBytes }),
    ...(uploadTtlMs !== undefined && { uploadTtlMs }),
    ...(processingDelayMs !== undefined && { processingDelayMs }),
  };
}

/** `gameclips-server serve`: runs the server until SIGINT or SIGTERM. */
export async function serveCommand(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      store: { type: 'string' },
      db: { type: 'string' },
      'database-url': { type: 'string' },
      seed: { type: 'string' },
      'flag-threshold': { type: 'string' },
      'validate-responses': { type: 'string' },
      'fault-rate': { type: 'string' },
      'fault-status': { type: 'string' },
      'retry-after': { type: 'string' },
      'latency-ms': { type: 'string' },
      'log-level': { type: 'string' },
      'public-url': { type: 'string' },
      'quota-bytes': { type: 'string' },
      'upload-ttl': { type: 'string' },
      'processing-delay': { type: 'string' },
      banner: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return void console.log(serveHelp);

  const { options: store, label: storeLabel } = storeOptions(values, env);
  const seedText = values.seed || env.GAMECLIPS_SEED || 'demo';
  const seed: StartServerOptions['seed'] = seedText === 'demo' || seedText === 'none' ? seedText : { file: seedText };
  const level = choiceOption('log-level', values['log-level'] || env.GAMECLIPS_LOG_LEVEL, ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const) ?? 'info';
  const validate = choiceOption('validate-responses', values['validate-responses'] || env.GAMECLIPS_VALIDATE_RESPONSES, ['on', 'off'] as const) ?? 'on';
  const faultStatus = choiceOption('fault-status', values['fault-status'] || env.GAMECLIPS_FAULT_STATUS, ['503', '429'] as const) ?? '503';
  const logger = pino({ level, base: { service: 'gameclips-server' } });
  // The database, its -wal and -shm files, the key and the record are the user's alone: the
  // files SQLite and this process create come out 0600, directories 0700.
  process.umask(0o077);

  const started = performance.now();
  const server = await startServer({
    port: integerOption('port', values.port || env.PORT, 0, 65535) ?? 8080,
    host: values.host || env.GAMECLIPS_HOST || '127.0.0.1',
    ...store,
    seed,
    flagThreshold: integerOption('flag-threshold', values['flag-threshold'] || env.GAMECLIPS_FLAG_THRESHOLD, 1, 1_000_000) ?? 1,
    validateResponses: validate === 'on',
    faults: {
      rate: numberOption('fault-rate', values['fault-rate'] || env.GAMECLIPS_FAULT_RATE, 0, 1) ?? 0,
      status: Number(faultStatus) as 503 | 429,
      retryAfterSeconds: integerOption('retry-after', values['retry-after'] || env.GAMECLIPS_RETRY_AFTER, 0, 86400) ?? 1,
      latencyMs: integerOption('latency-ms', values['latency-ms'] || env.GAMECLIPS_LATENCY_MS, 0, 60_000) ?? 0,
    },
    ...uploadOptions(values, env),
    logger,
  });
  // So that `gameclips-server token` signs for this server even when not told its database:
  // a record beside the database names it (no key: the key file beside it is read instead).
  let forgetRecord = () => {};
  if (server.tokenSecret.source === 'file' && store.db) {
    const record = runningServerFileFor(store.db);
    const refused = recordRunningServer({ pid: process.pid, url: server.url, db: resolve(store.db) }, record);
    if (refused) logger.warn({ reason: refused }, 'no running-server record written');
    else {
      forgetRecord = () => forgetRunningServer(process.pid, record);
      process.on('exit', forgetRecord);
    }
  }
  // Before the "listening" line: whoever starts serve may stop it as soon as it reads that line.
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    // A server that is stopping is no longer one `token` should sign for: drop the record now,
    // not only at exit (the exit handler stays for other ways out).
    forgetRecord();
    logger.info({ signal }, 'shutting down: draining connections');
    server.close().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  logger.info(
    { url: server.url, store: storeLabel, seeded: server.seeded, tokenSecret: server.tokenSecret.source, startupMs: Math.round(performance.now() - started) },
    'listening',
  );
  if (values.banner) {
    const publicUrl = reachableUrl(server.url);
    const seeded = server.seeded > 0 ? `, ${server.seeded} demo clips loaded` : '';
    // On stderr: stdout carries the JSON logs, and tokens are never logged.
    process.stderr.write(await banner(server, publicUrl, storeLabel + seeded) + '\n');
  }
}
