#!/usr/bin/env node
// `npm start`: builds what is missing, then runs the reference server on its SQLite default
// with demo data. Extra arguments go to `gameclips-server serve`.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = new URL('../apps/server/dist/cli.js', import.meta.url);
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', REDOCLY_TELEMETRY: 'off' };

console.log('Building what is missing (turbo caches the rest)...');
const build = spawnSync('npx', ['--no-install', 'turbo', 'run', 'build', '--output-logs=errors-only'], {
  cwd: root,
  env,
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(build.status ?? 1);

if (!existsSync(cli)) {
  console.log('The reference server is not built yet (apps/server has no CLI); nothing to start.');
  process.exit(0);
}
const args = ['serve', '--db', 'data/gameclips.sqlite', '--seed', 'demo', '--banner', ...process.argv.slice(2)];
const server = spawn(process.execPath, [fileURLToPath(cli), ...args], { cwd: root, env, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
