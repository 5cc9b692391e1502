#!/usr/bin/env node
// The docs page in a real browser with the network cut: Debian's Chromium, driven by
// playwright-core, loads the built page (or a running server's /docs), and the check asserts
// that every operation renders with its code samples and examples, that the error-code table
// and the search work, and that no request left this machine. It saves a screenshot.
//
//   node test/browser.mjs                          # serves dist/index.html on 127.0.0.1
//   node test/browser.mjs --server                 # starts the reference server, loads its /docs
//   node test/browser.mjs --url http://127.0.0.1:8080/docs --screenshot screenshot.png
//
// Environment: CHROMIUM_PATH (default /usr/bin/chromium), DOCS_URL (as --url).
// --server needs @gameclips/server built; it is not a dependency of this package (the server
// depends on this one for /docs), so run it after a build, as .ci/system-checks does.
// Exit status: 0 when every check passed, 1 when one failed, 2 when it could not run.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { checkErrorCode, checkOperation, checkPageRenders, checkSearch, showOperation } from './browser/docs-checks.mjs';
import { launchChromium } from './browser/launch-chromium.mjs';
import { guardNetwork, isLocalUrl } from './browser/network-guard.mjs';
import { definitionFromHtml, operationsOf } from '../src/redoc-definition.mjs';
import { serveFile } from './browser/serve-file.mjs';
import { contractOperations } from '@gameclips/contract';

/** Every operation of the contract, in its order: the page must show each, and no other. */
const EXPECTED_OPERATIONS = contractOperations.map((operation) => operation.operationId);
/** Texts of updateClipMetadata's two request-body examples, as the payload panel shows them. */
const EXPECTED_EXAMPLE_TEXTS = ["I've changed this 100 Times!", String.raw`C:\\videos\\123456.mp4`];
const ERROR_CODE = 8377;
const SEARCH = { query: 'rateClip', operationId: 'rateClip' };
const SCREENSHOT_OF = { operationId: 'updateClipMetadata', sample: 'TypeScript' };
const VIEWPORT = { width: 1440, height: 900 };

const appDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: { url: { type: 'string' }, server: { type: 'boolean' }, screenshot: { type: 'string' } },
});
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const screenshotPath = resolve(args.screenshot ?? join(appDir, 'dist', 'screenshot.png'));
const pageFile = join(appDir, 'dist', 'index.html');

function cannotRun(message) {
  console.error(`docs browser check cannot run: ${message}`);
  process.exit(2);
}

const started = performance.now();
const results = [];
const since = (t) => Math.round(performance.now() - t);
async function check(name, run) {
  const t = performance.now();
  try {
    const detail = await run();
    results.push({ name, ok: true, ms: since(t), detail: typeof detail === 'string' ? detail : detail?.detail });
    return detail;
  } catch (error) {
    results.push({ name, ok: false, ms: since(t), detail: String(error?.message ?? error).split('\n')[0] });
    return undefined;
  }
}

if (!existsSync(executablePath)) cannotRun(`no Chromium at ${executablePath} (apt-get install chromium, or set CHROMIUM_PATH)`);
const givenUrl = args.url ?? process.env.DOCS_URL;
if (!givenUrl && !args.server && !existsSync(pageFile)) cannotRun(`${relative(process.cwd(), pageFile)} is missing (npm run build -w @gameclips/docs)`);
if (givenUrl && !isLocalUrl(givenUrl)) cannotRun(`${givenUrl} is not on this machine; the check cuts every other host`);
/** The reference server with demo data on an ephemeral port, serving the built page at /docs. */
async function startReferenceServer() {
  const { startServer } = await import('@gameclips/server').catch((error) =>
    cannotRun(`@gameclips/server cannot be loaded (npm run build): ${error.message}`),
  );
  const running = await startServer({ port: 0, db: ':memory:', seed: 'demo' });
  return { url: `${running.url}/docs`, close: () => running.close(), what: 'the reference server' };
}
async function servePage() {
  return { ...(await serveFile(pageFile)), what: relative(process.cwd(), pageFile) };
}
const server = givenUrl ? undefined : args.server ? await startReferenceServer() : await servePage();
const url = givenUrl ?? server.url;

const response = await fetch(url).catch((error) => cannotRun(`${url}: ${error.message}`));
if (!response.ok) cannotRun(`${url} answered ${response.status}`);
const definition = definitionFromHtml(await response.text());
const operations = operationsOf(definition);
const byId = new Map(operations.map((op) => [op.operationId, op]));

const browser = await launchChromium({ executablePath, viewport: VIEWPORT });
const network = await guardNetwork(browser.context);
const pageErrors = [];
browser.context.on('page', (p) => p.on('pageerror', (e) => pageErrors.push(e.message)));
const page = browser.context.pages()[0] ?? (await browser.context.newPage());
page.on('pageerror', (e) => pageErrors.push(e.message));
page.on('console', (m) => m.type() === 'error' && pageErrors.push(`console: ${m.text()}`));

try {
  await check('page loads and renders', async () => {
    await page.goto(url, { waitUntil: 'load' });
    return checkPageRenders(page, definition);
  });
  await check(`the page has the ${EXPECTED_OPERATIONS.length} operations`, () => {
    const found = operations.map((op) => op.operationId);
    const missing = EXPECTED_OPERATIONS.filter((id) => !found.includes(id));
    const extra = found.filter((id) => !EXPECTED_OPERATIONS.includes(id));
    if (missing.length || extra.length) throw new Error(`missing [${missing}], unexpected [${extra}]`);
    return found.join(', ');
  });
  const sectionIds = new Map();
  let examplesText = '';
  for (const id of EXPECTED_OPERATIONS) {
    const op = byId.get(id);
    if (!op) continue;
    const seen = await check(`${id}: heading, samples, examples`, () => checkOperation(page, op));
    if (seen) sectionIds.set(id, seen.id);
    examplesText += seen?.examplesText ?? '';
  }
  await check('updateClipMetadata shows both request-body examples', () => {
    const missing = EXPECTED_EXAMPLE_TEXTS.filter((text) => !examplesText.includes(text));
    if (missing.length) throw new Error(`not shown: ${missing.join(' | ')}`);
    return EXPECTED_EXAMPLE_TEXTS.join(' | ');
  });
  await check(`error-code table has ${ERROR_CODE}`, () => {
    const entry = definition['x-error-codes']?.find((e) => e.code === ERROR_CODE);
    if (!entry) throw new Error(`the definition has no error code ${ERROR_CODE}`);
    return checkErrorCode(page, entry);
  });
  await check(`search finds ${SEARCH.query}`, () => {
    const id = sectionIds.get(SEARCH.operationId);
    if (!id) throw new Error(`${SEARCH.operationId} did not render`);
    return checkSearch(page, SEARCH.query, byId.get(SEARCH.operationId), id);
  });
  await check('screenshot', async () => {
    await page.keyboard.press('Escape');
    const shown = await showOperation(page, byId.get(SCREENSHOT_OF.operationId), SCREENSHOT_OF.sample);
    await mkdir(dirname(screenshotPath), { recursive: true });
    await page.screenshot({ path: screenshotPath });
    return `${relative(process.cwd(), screenshotPath)} (${SCREENSHOT_OF.operationId}, ${shown})`;
  });
} finally {
  await browser.close();
  await server?.close();
}
await check('no request left this machine', () => {
  if (network.offHost.length) throw new Error(`aborted: ${[...new Set(network.offHost)].join(', ')}`);
  return network.describe();
});
await check('no errors in the page', () => {
  if (pageErrors.length) throw new Error(pageErrors.join(' | '));
  return 'none';
});

const failed = results.filter((r) => !r.ok);
console.log(`docs browser check: ${url}${server ? ` (${server.what})` : ''}, Chromium ${browser.version}, network cut`);
for (const r of results) console.log(`  ${r.ok ? 'ok  ' : 'FAIL'} ${r.name} (${r.ms} ms): ${r.detail}`);
console.log(`requests: ${network.describe()}`);
console.log(`${failed.length ? `${failed.length} of ${results.length} checks failed` : `all ${results.length} checks passed`} in ${(since(started) / 1000).toFixed(1)} s`);
process.exit(failed.length ? 1 : 0);
