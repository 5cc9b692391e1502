import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definitionFromHtml, operationsOf, type PageOperation } from '@gameclips/docs/definition';
import { demoClips, startServer, type RunningServer } from '@gameclips/server';

// The docs' code samples, exactly as the page shows them (only the base URL is the test
// server's): the TypeScript ones compile against @gameclips/client under the repository's
// strict settings and run, and the curl ones run against a reference server with demo data.
const run = promisify(execFile);
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const definition = definitionFromHtml(readFileSync(fileURLToPath(import.meta.resolve('@gameclips/docs/index.html')), 'utf8'));
const all = operationsOf(definition);
/** The delete runs last, on its own (it removes the demo clip the other samples act on). */
const isDelete = (op: PageOperation) => op.method === 'delete';
const isList = (op: PageOperation) => op.method === 'get' && /\/clips(\/saved)?$/.test(op.path);
const operations = all.filter((op) => !isDelete(op));
const deletes = all.filter(isDelete);
const documentedBaseUrl: string = definition.servers[0].url;
/** The clip id the samples show (the contract's example): the upload and download samples act on a clip made for them instead. */
const exampleClipId: string = definition.components.parameters.GameClipId.example;
/** The upload and download operations: each sample runs on a clip prepared for it (see `preparedClip`), and answers its own way. */
const TRANSFERS: Record<string, { curlStatus: number; curlShows: RegExp; typescriptPrints: RegExp }> = {
  reserveUpload: { curlStatus: 200, curlShows: /"uploadUri":"http:/, typescriptPrints: /^[0-9a-f-]{36} http:\/\/\S+\/uploads\/\S+\n$/ },
  uploadClipBlock: { curlStatus: 201, curlShows: /^x-requestedserviceversion: 1/im, typescriptPrints: /^[0-9a-f-]{36} Published\n$/m },
  uploadThumbnail: { curlStatus: 201, curlShows: /^x-requestedserviceversion: 1/im, typescriptPrints: /^sent\n$/ },
  downloadClip: { curlStatus: 206, curlShows: /^etag: "[^"]+"/im, typescriptPrints: /"[^"\s]+"\n$/ },
  downloadThumbnail: { curlStatus: 206, curlShows: /^etag: "[^"]+"/im, typescriptPrints: /"[^"\s]+"\n$/ },
};
/** The bytes the curl samples send as `@clip.mp4` and `@small.png`. */
const SAMPLE_VIDEO = new Uint8Array(3000).map((_, i) => i % 251);
const SAMPLE_PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
function source(op: PageOperation, label: string): string {
  const found = op.samples.find((s) => s.label === label);
  if (!found) throw new Error(`${op.operationId} has no ${label} sample in dist/index.html (is gameclips/code-samples on in redocly.yaml?)`);
  return found.source;
}

let server: RunningServer;
let env: NodeJS.ProcessEnv;
// Inside this package's node_modules, so `@gameclips/client` and `@types/node` resolve from there.
let workDir: string;

beforeAll(async () => {
  server = await startServer({ port: 0, db: ':memory:', seed: 'demo' });
  const { demo } = server;
  env = { ...process.env, GAMECLIPS_TOKEN: await server.mintToken({ xuid: demo.ownerXuid, scid: demo.scid, titleId: demo.titleId }) };
  mkdirSync(join(packageDir, 'node_modules', '.cache'), { recursive: true });
  workDir = mkdtempSync(join(packageDir, 'node_modules', '.cache', 'code-samples-'));
  writeFileSync(join(workDir, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(join(workDir, 'clip.mp4'), SAMPLE_VIDEO);
  writeFileSync(join(workDir, 'small.png'), SAMPLE_PNG);
});

/** A request of the demo owner to the server. */
async function ownerCall(method: string, url: string, body?: { type: string; data: BodyInit }): Promise<Response> {
  const headers: Record<string, string> = { Authorization: env.GAMECLIPS_TOKEN!, 'X-RequestedServiceVersion': '1', ...(body && { 'Content-Type': body.type }) };
  const response = await fetch(url, { method, headers, ...(body && { body: body.data }) });
  if (response.status >= 300) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
  return response;
}

/**
 * The clip an upload or download sample acts on in place of the example id: a reservation of
 * `@clip.mp4` in one block for the block upload, one taking uploaded thumbnails for the
 * thumbnail upload, a published clip with a thumbnail for the downloads.
 */
async function preparedClip(op: PageOperation): Promise<string> {
  const { scid } = server.demo;
  const reserve = async (body: object) =>
    (await (await ownerCall('POST', `${server.url}/users/me/scids/${scid}/clips`, { type: 'application/json', data: JSON.stringify(body) })).json()) as {
      gameClipId: string;
      uploadUri: string;
      smallThumbnailUri: string;
    };
  if (op.operationId === 'uploadClipBlock') return (await reserve({ fileSize: SAMPLE_VIDEO.length })).gameClipId;
  const reservation = await reserve({ fileSize: SAMPLE_VIDEO.length, thumbnailSource: 'Upload', visibility: 'Public' });
  if (op.operationId === 'uploadThumbnail') return reservation.gameClipId;
  await ownerCall('PUT', reservation.smallThumbnailUri, { type: 'image/png', data: SAMPLE_PNG });
  await ownerCall('PUT', reservation.uploadUri, { type: 'application/octet-stream', data: SAMPLE_VIDEO });
  const clipUrl = `${server.url}/users/me/scids/${scid}/clips/${reservation.gameClipId}`;
  for (let i = 0; i < 400; i++) {
    if (((await (await ownerCall('GET', clipUrl)).json()) as { gameClip: { state: string } }).gameClip.state === 'Published') return reservation.gameClipId;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the prepared clip was not published');
}

/** A sample as the page shows it, run against the test server: its base URL, and for uploads and downloads the prepared clip's id. */
async function runnable(op: PageOperation, label: string): Promise<string> {
  const code = source(op, label).replaceAll(documentedBaseUrl, server.url);
  return op.operationId in TRANSFERS && op.operationId !== 'reserveUpload' ? code.replaceAll(exampleClipId, await preparedClip(op)) : code;
}
afterAll(async () => {
  await server?.close();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

/** Runs an operation's TypeScript sample, as the page shows it, against the server; its output. */
async function runTypeScript(op: PageOperation): Promise<string> {
  const code = await runnable(op, 'TypeScript');
  const { outputText } = ts.transpileModule(code, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
  const file = join(workDir, `${op.operationId}.mjs`);
  writeFileSync(file, outputText);
  return (await run(process.execPath, [file], { env })).stdout;
}

/** Runs an operation's curl sample, as the page shows it, against the server; its output (headers and body). */
async function runCurl(op: PageOperation): Promise<string> {
  const command = await runnable(op, 'curl');
  // In the folder of clip.mp4 and small.png, which the upload samples send; binary output as text.
  return (await run('bash', ['-c', `set -euo pipefail\n${command}`], { env, cwd: workDir, encoding: 'latin1', maxBuffer: 64 * 1024 * 1024 })).stdout;
}

const readClip = async () => {
  const { demo } = server;
  const response = await fetch(`${server.url}/users/me/scids/${demo.scid}/clips/${demo.clips.public}`, {
    headers: { Authorization: env.GAMECLIPS_TOKEN!, 'X-RequestedServiceVersion': '1' },
  });
  return ((await response.json()) as { gameClip: Record<string, unknown> }).gameClip;
};

describe('the TypeScript samples', () => {
  it('compile against @gameclips/client with the repository settings', () => {
    const files = all.map((op) => {
      const file = join(workDir, `${op.operationId}.ts`);
      writeFileSync(file, source(op, 'TypeScript'));
      return file;
    });
    const base = ts.readConfigFile(join(packageDir, '..', '..', 'tsconfig.base.json'), ts.sys.readFile);
    const { options } = ts.parseJsonConfigFileContent(base.config, ts.sys, workDir);
    const program = ts.createProgram(files, { ...options, noEmit: true, declaration: false, declarationMap: false });
    const problems = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(problems).toEqual([]);
  });

  it.each(operations)('$operationId runs against the reference server', async (op) => {
    const stdout = await runTypeScript(op);
    if (isList(op)) expect(stdout).toMatch(/(?:^|\n)(null|[A-Za-z0-9_-]{1,36})\n$/); // the continuation token, printed last
    else if (op.operationId in TRANSFERS) expect(stdout).toMatch(TRANSFERS[op.operationId]!.typescriptPrints);
    else expect(stdout).toMatch(/"[^"\s]+"\n$/); // the clip's ETag, printed last
  });
});

describe('the curl samples', () => {
  it.each(operations.filter((op) => op.operationId in TRANSFERS))('$operationId answers its success from the reference server', async (op) => {
    const stdout = await runCurl(op);
    const { curlStatus, curlShows } = TRANSFERS[op.operationId]!;
    expect(stdout.split('\r\n')[0]).toMatch(new RegExp(`^HTTP/1\\.1 ${curlStatus}\\b`));
    expect(stdout).toMatch(curlShows);
  });

  it.each(operations.filter((op) => !(op.operationId in TRANSFERS)))('$operationId answers 200 from the reference server', async (op) => {
    const stdout = await runCurl(op);
    expect(stdout.split('\r\n')[0]).toMatch(/^HTTP\/1\.1 200\b/);
    if (isList(op)) expect(stdout).toMatch(/"pagingInfo":\{"continuationToken":/);
    else expect(stdout).toMatch(/^etag: "[^"]+"/im);
    if (op.operationId === 'getClip') expect(stdout).toContain(`"gameClipId":"${server.demo.clips.public}"`);
    if (op.operationId === 'listUserClips') expect(stdout).toContain(`"gameClipId":"${server.demo.clips.public}"`);
  });

  it('had their effect on the demo clip', async () => {
    const updated = operations.find((op) => op.operationId === 'updateClipMetadata')!;
    const clip = await readClip();
    expect(clip).toMatchObject(updated.requestExamples[0]!.value as object);
    expect(clip.ratingCount).toBeGreaterThanOrEqual(1);
  });
});

describe.each(deletes)('the $operationId samples', (op) => {
  // Each sample deletes the clip its example names, so the clip is put back before each one.
  const restore = async () => {
    const example = demoClips.find((c) => source(op, 'curl').includes(`/clips/${c.gameClipId}`));
    if (!example) throw new Error(`the ${op.operationId} sample names no demo clip`);
    if (!(await server.store.getClip({ scid: example.scid, gameClipId: example.gameClipId }))) await server.store.insertClips([example]);
    return example;
  };

  it('TypeScript deletes the clip', async () => {
    const clip = await restore();
    await runTypeScript(op);
    expect(await server.store.getClip({ scid: clip.scid, gameClipId: clip.gameClipId })).toBeUndefined();
  });

  it('curl answers 204 and deletes the clip', async () => {
    const clip = await restore();
    expect((await runCurl(op)).split('\r\n')[0]).toMatch(/^HTTP\/1\.1 204\b/);
    expect(await server.store.getClip({ scid: clip.scid, gameClipId: clip.gameClipId })).toBeUndefined();
  });
});
