#!/usr/bin/env node
// Builds dist/index.html: the contract @gameclips/contract ships, rendered by Redoc (with the
// root redocly.yaml's decorators and theme) as one self-contained page.
// The Redoc script is inlined (no CDN), and the few remote assets Redoc still points to
// (its badge logo and icon sets) are replaced, so the page makes no request off the host.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contractPath } from '@gameclips/contract';

const appDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const rootDir = join(appDir, '..', '..');
const output = join(appDir, 'dist', 'index.html');
const started = performance.now();

mkdirSync(dirname(output), { recursive: true });
const redocly = spawnSync(
  'npx',
  [
    '--no-install',
    'redocly',
    'build-docs',
    contractPath,
    '--config',
    join(rootDir, 'redocly.yaml'),
    '--inlineBundle',
    '--output',
    output,
    '--title',
    'Game Clips Metadata API',
  ],
  { cwd: rootDir, encoding: 'utf8', env: { ...process.env, REDOCLY_TELEMETRY: 'off' } },
);
if (redocly.status !== 0) {
  process.stderr.write(redocly.stdout + redocly.stderr);
  process.exit(redocly.status ?? 1);
}

/** Remote hosts the inlined Redoc bundle refers to, and what each reference becomes. */
const REMOTE_ASSETS = [/https:\/\/cdn\.redoc\.ly\/[^`"'\s)]*/g, /https:\/\/cdn\.redocly\.com\/[^`"'\s)]*/g];
let html = readFileSync(output, 'utf8');
for (const pattern of REMOTE_ASSETS) html = html.replace(pattern, 'data:,');
// Links a reader may follow are fine; anything the page itself would load is not.
const leftover = html.match(/(?:src=|<link[^>]*href=|url\()["']?https?:\/\/[^"')]+/g);
if (leftover) {
  console.error(`dist/index.html still loads remote assets: ${leftover.join(', ')}`);
  process.exit(1);
}
writeFileSync(output, html);
const kib = Math.round(Buffer.byteLength(html) / 1024);
console.log(`docs: ${output} (${kib} KiB) in ${Math.round(performance.now() - started)} ms`);
