import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definitionFromHtml, operationsOf, type PageOperation } from '@gameclips/docs/definition';
import { startServer, type RunningServer } from '@gameclips/server';

// The docs' code samples, exactly as the page shows them (only the base URL is the test
// server's): the TypeScript ones compile against @gameclips/client under the repository's
// strict settings and run, and the curl ones run against a reference server with demo data.
const run = promisify(execFile);
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const definition = definitionFromHtml(readFileSync(fileURLToPath(import.meta.resolve('@gameclips/docs/index.html')), 'utf8'));
const operations = operationsOf(definition);
const documentedBaseUrl: string = definition.servers[0].url;
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
});
afterAll(async () => {
  await server?.close();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

const readClip = async () => {
  const { demo } = server;
  const response = await fetch(`${server.url}/users/me/scids/${demo.scid}/clips/${demo.clips.public}`, {
    headers: { Authorization: env.GAMECLIPS_TOKEN!, 'X-RequestedServiceVersion': '1' },
  });
  return ((await response.json()) as { gameClip: Record<string, unknown> }).gameClip;
};

describe('the TypeScript samples', () => {
  it('compile against @gameclips/client with the repository settings', () => {
    const files = operations.map((op) => {
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
    const code = source(op, 'TypeScript').replaceAll(documentedBaseUrl, server.url);
    const { outputText } = ts.transpileModule(code, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
    const file = join(workDir, `${op.operationId}.mjs`);
    writeFileSync(file, outputText);
    const { stdout } = await run(process.execPath, [file], { env });
    expect(stdout).toMatch(/"[^"\s]+"\n$/); // the clip's ETag, printed last
  });
});

describe('the curl samples', () => {
  it.each(operations)('$operationId answers 200 from the reference server', async (op) => {
    const command = source(op, 'curl').replaceAll(documentedBaseUrl, server.url);
    const { stdout } = await run('bash', ['-c', `set -euo pipefail\n${command}`], { env });
    expect(stdout.split('\r\n')[0]).toMatch(/^HTTP\/1\.1 200\b/);
    expect(stdout).toMatch(/^etag: "[^"]+"/im);
    if (op.operationId === 'getClip') expect(stdout).toContain(`"gameClipId":"${server.demo.clips.public}"`);
  });

  it('had their effect on the demo clip', async () => {
    const updated = operations.find((op) => op.operationId === 'updateClipMetadata')!;
    const clip = await readClip();
    expect(clip).toMatchObject(updated.requestExamples[0]!.value as object);
    expect(clip.ratingCount).toBeGreaterThanOrEqual(1);
  });
});
