import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { publishableWorkspaces, repositoryRoot } from './publishable-workspaces.js';

/** A tarball `npm pack` made, with the files it holds. */
export interface PackedTarball {
  name: string;
  file: string;
  files: string[];
}

/**
 * The environment of a command run as a user would in their own project: without the
 * `npm_*` variables of the `npm test` this runs under (its workspace, its lifecycle).
 */
export function userEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^npm_|^INIT_CWD$|^GAMECLIPS_|^DATABASE_URL$/.test(name)) env[name] = value;
  }
  return { ...env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
}

/** Runs a command to its end; throws with its output when it fails. */
export function run(command: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, { cwd, env: userEnv(), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited with ${result.status}\n${result.stdout}\n${result.stderr}`);
  }
  return result;
}

/** Packs every publishable workspace into `dir` with `npm pack`, as `npm publish` would. */
export function packWorkspaces(dir: string): PackedTarball[] {
  mkdirSync(dir, { recursive: true });
  return publishableWorkspaces().map((workspace) => {
    const { stdout } = run('npm', ['pack', '--json', '--pack-destination', dir], workspace.dir);
    const [packed] = JSON.parse(stdout) as Array<{ name: string; filename: string; files: Array<{ path: string }> }>;
    return { name: packed!.name, file: join(dir, packed!.filename), files: packed!.files.map((f) => f.path) };
  });
}

/**
 * An empty project in `dir` with the tarballs installed, as a user would install the
 * published packages: only the npm registry (or its cache) for their dependencies.
 */
export function installTarballs(dir: string, tarballs: PackedTarball[]): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module', allowScripts: { 'better-sqlite3': true } }, null, 2),
  );
  run('npm', ['install', '--prefer-offline', '--no-package-lock', ...tarballs.map((t) => t.file), '@types/node@^20.19.0'], dir);
}

/** Starts a long-running command; its stdout and stderr are collected as they come. */
export function start(command: string, args: string[], cwd: string) {
  const child = spawn(command, args, { cwd, env: userEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  const output = { stdout: '', stderr: '' };
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output.stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output.stderr += chunk));
  return { child, output };
}

/** The TypeScript compiler of this repository, to type-check a consumer's code. */
export const tsc = join(repositoryRoot, 'node_modules', 'typescript', 'bin', 'tsc');
