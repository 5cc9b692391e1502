#!/usr/bin/env node
// `npm start`: builds what is missing, then runs the reference server on its SQLite default
// with demo data. Extra arguments go to `gameclips-server serve`.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildWorkspaces, repositoryRoot } from './build-workspaces.mjs';

console.error('Building what is missing (turbo caches the rest)...');
const status = buildWorkspaces();
if (status !== 0) process.exit(status);

const launcher = fileURLToPath(new URL('../apps/server/bin/gameclips-server.js', import.meta.url));
const args = ['serve', '--db', 'data/gameclips.sqlite', '--seed', 'demo', '--banner', ...process.argv.slice(2)];
const server = spawn(process.execPath, [launcher, ...args], { cwd: repositoryRoot, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
