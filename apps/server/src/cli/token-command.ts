import { parseArgs } from 'node:util';
import { mintToken } from '../auth/token-minter.js';
import { defaultRunningServerFile, findRunningServer } from '../auth/running-server-file.js';
import { MAX_TOKEN_LIFETIME_SECONDS } from '../auth/token-lifetime.js';
import { readSecretFile, resolveTokenSecret } from '../auth/token-secret.js';
import { dbOption } from './defaults.js';
import { parseDuration } from './parse-duration.js';
import { choiceOption, identityOptions, integerOption, UsageError } from './usage-error.js';

export const tokenHelp = `Usage: gameclips-server token --xuid N --scid GUID [options]

Mints a development token the reference server accepts and prints the whole
Authorization header value on one line (nothing else goes to stdout).

Options:
  --xuid N           the caller's XUID (digits)                      (required)
  --scid GUID        the service configuration id the caller is in   (required)
  --title-id N       the title the caller plays (for Title-only clips)
  --sandbox-id X     the caller's sandbox
  --ttl DURATION     lifetime: 90, 30s, 15m, 1h; at most 24h (the server
                     refuses longer-lived tokens)                    (default 1h)
  --form FORM        xbl3 ("XBL3.0 x=<userhash>;<token>"), xauth ("Xauth=<token>")
                     or bare (the JWT alone)                         (default xbl3)
  --db PATH          the server's SQLite file: the key is read from PATH.secret
                     (GAMECLIPS_DB). Without it, the key of the server that 'serve'
                     started last on a database in ./data/ (it leaves
                     data/running-server.json, which holds no key), while it runs;
                     otherwise that of data/gameclips.sqlite. A key file that is a
                     symlink, another user's or readable by others is refused.
                     GAMECLIPS_TOKEN_SECRET, when set, is the key instead, as for the server.
  -h, --help         this help

Example:
  curl -H "Authorization: $(gameclips-server token --xuid 2533274790395904 --scid 00000000-0000-0000-0000-00007a3b9c1d)" ...`;

/** The key to sign with: the env secret, the named database's, the running server's, or the default database's. */
export function signingKey(db: string | undefined, env: NodeJS.ProcessEnv): Uint8Array {
  const named = db || env.GAMECLIPS_DB;
  if (!env.GAMECLIPS_TOKEN_SECRET && !named) {
    const running = findRunningServer(defaultRunningServerFile());
    if (running) {
      const secret = readSecretFile(running.db);
      if (!secret) throw new UsageError(`The server on ${running.url} keeps no key beside ${running.db}: pass --db, or set GAMECLIPS_TOKEN_SECRET for both`);
      process.stderr.write(`(signed with the key of the server on ${running.url}, database ${running.db})\n`);
      return secret.key;
    }
  }
  const secret = resolveTokenSecret(dbOption(db, env), env);
  if (secret.source === 'memory') throw new UsageError('An in-memory server keeps its key to itself: mint tokens while it runs, or set GAMECLIPS_TOKEN_SECRET for both');
  return secret.key;
}

/** `gameclips-server token`: prints an Authorization value. */
export async function tokenCommand(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      xuid: { type: 'string' },
      scid: { type: 'string' },
      'title-id': { type: 'string' },
      'sandbox-id': { type: 'string' },
      ttl: { type: 'string', default: '1h' },
      form: { type: 'string', default: 'xbl3' },
      db: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return void console.log(tokenHelp);
  const { xuid, scid } = identityOptions(values, 'caller');
  let ttlSeconds: number;
  try {
    ttlSeconds = parseDuration(values.ttl!);
  } catch (error) {
    throw new UsageError(`--ttl: ${(error as Error).message}`);
  }
  if (ttlSeconds > MAX_TOKEN_LIFETIME_SECONDS) throw new UsageError(`--ttl must be at most 24h: the server refuses tokens that live longer`);
  const titleId = integerOption('title-id', values['title-id'], 0, 0xffffffff);
  const key = signingKey(values.db, env);
  const header = await mintToken(key, {
    xuid,
    scid,
    ttlSeconds,
    form: choiceOption('form', values.form, ['xbl3', 'xauth', 'bare'] as const)!,
    ...(titleId === undefined ? {} : { titleId }),
    ...(values['sandbox-id'] ? { sandboxId: values['sandbox-id'] } : {}),
  });
  process.stdout.write(header + '\n');
}
