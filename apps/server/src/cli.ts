#!/usr/bin/env node
/**
 * `gameclips-server`: the reference server's command line. It parses flags and calls
 * startServer, the token minter or the fixture loader; the work is done elsewhere.
 */
import { InvalidFixturesError } from './store/load-clips.js';
import { seedCommand, seedHelp } from './cli/seed-command.js';
import { serveCommand, serveHelp } from './cli/serve-command.js';
import { tokenCommand, tokenHelp } from './cli/token-command.js';
import { uploadCommand, uploadHelp } from './cli/upload-command.js';
import { UsageError } from './cli/usage-error.js';

const help = `Usage: gameclips-server <command> [options]

The Game Clips metadata reference server.

Commands:
  serve    run the server (port, store, seed, fault injection)
  token    mint a development token and print the Authorization value
  seed     load a JSON array of GameClip objects into a store
  upload   upload a video file to a running server as a new clip

Run 'gameclips-server <command> --help' for a command's options.`;

const commands: Record<string, { run: (args: string[], env: NodeJS.ProcessEnv) => Promise<void>; help: string }> = {
  serve: { run: serveCommand, help: serveHelp },
  token: { run: tokenCommand, help: tokenHelp },
  seed: { run: seedCommand, help: seedHelp },
  upload: { run: uploadCommand, help: uploadHelp },
};

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '-h' || name === '--help' || name === 'help') {
    console.log(help);
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    console.error(`Unknown command: ${name}\n\n${help}`);
    return 2;
  }
  try {
    await command.run(args, process.env);
    return 0;
  } catch (error) {
    const usage = error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    if (usage) {
      console.error(`gameclips-server ${name}: ${(error as Error).message}\nRun 'gameclips-server ${name} --help' for its options.`);
      return 2;
    }
    if (error instanceof InvalidFixturesError) {
      console.error(`gameclips-server ${name}: ${error.message}`);
      return 1;
    }
    console.error(`gameclips-server ${name}: ${(error as Error).message}`);
    return (error as { exitCode?: number }).exitCode ?? 1;
  }
}

const code = await main(process.argv.slice(2));
if (code !== 0) process.exit(code);
