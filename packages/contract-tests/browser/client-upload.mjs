#!/usr/bin/env node
// @gameclips/client in a real browser: Debian's Chromium, driven by playwright-core, loads a page
// from one origin whose module script imports the built client (through an import map, no
// bundler) and uploads a clip to the reference server on another origin (CORS), in blocks, in
// parallel, with progress; then downloads a range and the whole clip and compares the bytes.
//
//   node browser/client-upload.mjs        # after a build; CHROMIUM_PATH (default /usr/bin/chromium)
//
// Exit status: 0 when the checks passed, 1 when one failed, 2 when it could not run.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, extname, join, normalize } from 'node:path';
import { startServer } from '@gameclips/server';
import { chromium } from 'playwright-core';

const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!existsSync(executablePath)) {
  console.error(`client browser check cannot run: no Chromium at ${executablePath} (set CHROMIUM_PATH)`);
  process.exit(2);
}

const require = createRequire(import.meta.url);
const packageDir = (name) => dirname(require.resolve(`${name}/package.json`));
/** URL prefixes of the page's origin and the folders they serve. */
const folders = {
  '/client/': join(packageDir('@gameclips/client'), 'dist'),
  '/types/': join(packageDir('@gameclips/types'), 'dist'),
  '/openapi-fetch/': join(packageDir('openapi-fetch'), 'dist'),
};
const page = `<!doctype html>
<meta charset="utf-8">
<title>@gameclips/client in a browser</title>
<script type="importmap">
{ "imports": { "@gameclips/client": "/client/index.js", "@gameclips/types": "/types/index.js", "openapi-fetch": "/openapi-fetch/index.mjs" } }
</script>
<script type="module">
import { createGameClipsClient } from '@gameclips/client';
window.run = async ({ baseUrl, token, scid, size }) => {
  const client = createGameClipsClient({ baseUrl, token });
  const data = new Uint8Array(size).map((_, i) => (i * 7) % 251);
  const progress = [];
  const clip = await client.uploadClip(new Blob([data], { type: 'video/mp4' }), {
    scid,
    metadata: { userCaption: 'from a browser' },
    blockSize: 512 * 1024,
    parallel: 3,
    onProgress: ({ loaded }) => progress.push(loaded),
  });
  const same = (a, b) => a.length === b.length && a.every((byte, i) => byte === b[i]);
  const part = await client.downloadClip(clip, { range: { start: 1000, end: 1999 } });
  const whole = await client.downloadClip(clip);
  return {
    state: clip.state,
    caption: clip.userCaption,
    progress,
    range: { start: part.start, end: part.end, size: part.size, same: same(await part.bytes(), data.subarray(1000, 2000)) },
    whole: { size: whole.size, etag: typeof whole.etag, same: same(await whole.bytes(), data) },
  };
};
window.ready = true;
</script>`;

const TYPES = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.html': 'text/html' };
const site = createServer(async (req, res) => {
  const path = new URL(req.url, 'http://page').pathname;
  if (path === '/') return res.writeHead(200, { 'Content-Type': 'text/html' }).end(page);
  const prefix = Object.keys(folders).find((p) => path.startsWith(p));
  const file = prefix && normalize(join(folders[prefix], path.slice(prefix.length)));
  if (!file || !file.startsWith(folders[prefix])) return res.writeHead(404).end();
  try {
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(await readFile(file));
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((resolve) => site.listen(0, '127.0.0.1', resolve));
const pageUrl = `http://127.0.0.1:${site.address().port}/`;

const server = await startServer({ seed: 'demo' });
const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const size = 3 * 1024 * 1024 + 5;
let failed = false;
try {
  const tab = await browser.newPage();
  const errors = [];
  tab.on('pageerror', (error) => errors.push(error.message));
  await tab.goto(pageUrl);
  await tab.waitForFunction(() => window.ready === true, null, { timeout: 10_000 });
  const { scid, ownerXuid, titleId } = server.demo;
  const token = await server.mintToken({ xuid: ownerXuid, scid, titleId });
  const result = await tab.evaluate((args) => window.run(args), { baseUrl: server.url, token, scid, size });
  const checks = [
    ['the clip is published with its caption', result.state === 'Published' && result.caption === 'from a browser'],
    ['progress grows block by block to the size', result.progress.length === 7 && result.progress.every((n, i, all) => i === 0 || n > all[i - 1]) && result.progress.at(-1) === size],
    ['a range comes with its place in the file (Content-Range read across origins)', result.range.start === 1000 && result.range.end === 1999 && result.range.size === size && result.range.same],
    ['the whole clip downloads byte-exact, with its ETag', result.whole.size === size && result.whole.etag === 'string' && result.whole.same],
    ['no error on the page', errors.length === 0],
  ];
  for (const [name, ok] of checks) {
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}`);
    failed ||= !ok;
  }
  if (failed) console.log(JSON.stringify({ ...result, errors }, null, 2));
} catch (error) {
  console.log(`FAIL ${error.message}`);
  failed = true;
} finally {
  await browser.close();
  await server.close();
  site.close();
}
process.exit(failed ? 1 : 0);
