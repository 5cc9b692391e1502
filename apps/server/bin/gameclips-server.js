#!/usr/bin/env node
// The `gameclips-server` command. This file is committed (not built) so that npm links the
// command when it installs the package, before `dist/` exists in a fresh checkout; it runs the
// built CLI. In a checkout of the repository whose server is not built yet, it builds it first.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
const checkoutBuild = new URL('../../../scripts/build-workspaces.mjs', import.meta.url);

if (!existsSync(cli)) {
  if (!existsSync(new URL('../src/cli.ts', import.meta.url)) || !existsSync(checkoutBuild)) {
    console.error(`gameclips-server: ${cli.pathname} is missing; reinstall @gameclips/server.`);
    process.exit(1);
  }
  console.error('gameclips-server: building the server first (once per checkout)...');
  const { buildWorkspaces } = await import(checkoutBuild.href);
  const status = buildWorkspaces(['@gameclips/server...']);
  if (status !== 0 || !existsSync(cli)) process.exit(status || 1);
}
await import(cli.href);
