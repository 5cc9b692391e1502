import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { createGameClipsClient, GameClipsApiError, GameClipsNetworkError, type GameClipVisibility } from '@gameclips/client';
import { defaultRunningServerFile, findRunningServer } from '../auth/running-server-file.js';
import { mintToken } from '../auth/token-minter.js';
import { demo } from '../store/demo-clips.js';
import { progressBar } from './progress-bar.js';
import { signingKey } from './token-command.js';
import { choiceOption, identityOptions, integerOption, UsageError } from './usage-error.js';

export const uploadHelp = `Usage: gameclips-server upload FILE --xuid N --scid GUID [options]

Uploads a video file to a running reference server as a new clip of the user --xuid,
in blocks of 2 MiB sent in parallel, with a progress bar on stderr. Once the clip is
published, prints its id alone on stdout.

Options:
  --xuid N           the uploader's XUID (digits)                    (required)
  --scid GUID        the clip's service configuration id             (required)
  --title-id N       the title the clip is recorded in               (default ${demo.titleId}, the demo title)
  --caption TEXT     the clip's caption
  --visibility V     Default, Owner, Title or Public                 (default Default)
  --url URL          the server; without it, the one 'serve' started last on a
                     database in ./data/, else http://127.0.0.1:8080
  --db PATH          the server's SQLite file, whose key signs the upload's token,
                     as for 'token' (GAMECLIPS_DB; GAMECLIPS_TOKEN_SECRET wins)
  --parallel N       blocks sent at the same time, 1 to 32           (default 4)
  -h, --help         this help

Exit status: 0 uploaded and published, 1 the server refused or could not be reached
(the message says why), 2 a bad command line, 130 interrupted (the partial upload is
deleted).

Example:
  gameclips-server upload match.mp4 --xuid 2533274790395904 --scid ${demo.scid} --caption 'Triple takedown'`;

const VISIBILITIES = ['Default', 'Owner', 'Title', 'Public'] as const satisfies readonly GameClipVisibility[];
const DEFAULT_URL = 'http://127.0.0.1:8080';

/** `gameclips-server upload`: uploads FILE and prints the published clip's id. */
export async function uploadCommand(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      xuid: { type: 'string' },
      scid: { type: 'string' },
      'title-id': { type: 'string' },
      caption: { type: 'string' },
      visibility: { type: 'string' },
      url: { type: 'string' },
      db: { type: 'string' },
      parallel: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) return void console.log(uploadHelp);
  if (positionals.length !== 1) throw new UsageError('Name one FILE to upload');
  const { xuid, scid } = identityOptions(values, 'uploader');
  const titleId = integerOption('title-id', values['title-id'], 0, 0xffffffff) ?? demo.titleId;
  const visibility = choiceOption('visibility', values.visibility, VISIBILITIES);
  const parallel = integerOption('parallel', values.parallel, 1, 32) ?? 4;
  const file = positionals[0]!;
  const size = await fileSize(file);
  const baseUrl = serverUrl(values.url, values.db, env);
  const token = await mintToken(signingKey(values.db, env), { xuid, scid, titleId, ttlSeconds: 3600 });

  const controller = new AbortController();
  const interrupt = () => controller.abort(new Interrupted());
  process.once('SIGINT', interrupt);
  const bar = progressBar(process.stderr, size, 'upload');
  bar.update(0);
  try {
    const client = createGameClipsClient({ baseUrl, token });
    const clip = await client.uploadClip(Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>, {
      scid,
      size,
      parallel,
      metadata: { ...(values.caption === undefined ? {} : { userCaption: values.caption }), ...(visibility ? { visibility } : {}) },
      onProgress: ({ loaded }) => bar.update(loaded),
      signal: controller.signal,
    });
    bar.done(clip.state);
    process.stdout.write(`${clip.gameClipId}\n`);
  } catch (error) {
    bar.done('failed');
    throw explain(error, baseUrl);
  } finally {
    process.off('SIGINT', interrupt);
  }
}

/** Ctrl-C during an upload: exit status 130. */
class Interrupted extends Error {
  override readonly name = 'Interrupted';
  readonly exitCode = 130;

  constructor() {
    super('interrupted (an upload that was not complete is deleted)');
  }
}

async function fileSize(file: string): Promise<number> {
  const stats = await stat(file).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
  });
  if (!stats.isFile()) throw new UsageError(`${file} is not a file`);
  if (stats.size === 0) throw new UsageError(`${file} is empty: a clip needs at least one byte`);
  return stats.size;
}

/** --url, else the running server's, else the default address. */
function serverUrl(url: string | undefined, db: string | undefined, env: NodeJS.ProcessEnv): string {
  if (url) {
    if (!URL.canParse(url)) throw new UsageError(`--url must be a URL such as ${DEFAULT_URL}, not ${JSON.stringify(url)}`);
    return url;
  }
  if (db || env.GAMECLIPS_DB) return DEFAULT_URL;
  return findRunningServer(defaultRunningServerFile())?.url ?? DEFAULT_URL;
}

/** The error as the user should read it. */
function explain(error: unknown, baseUrl: string): unknown {
  if (error instanceof GameClipsNetworkError) {
    return new Error(`no server answers on ${baseUrl}: start one with 'gameclips-server serve', or name it with --url`);
  }
  if (error instanceof GameClipsApiError) return new Error(`the server refused the upload: ${error.message}`);
  return error;
}
