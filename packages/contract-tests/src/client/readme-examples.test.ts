import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type RunningServer, startServer } from '@gameclips/server';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The client's README examples, compiled with the client's tsconfig against the built package
// (`@gameclips/client` resolves to dist/, as for a user) and run by Node, from this package
// (which depends on the client and the server), against the reference server. Each example is
// a ```ts block after a `<!-- readme-example: name -->` marker.

const clientDir = `${dirname(createRequire(import.meta.url).resolve('@gameclips/client/package.json'))}/`;
const runDir = fileURLToPath(new URL('../..', import.meta.url));
const readme = readFileSync(`${clientDir}README.md`, 'utf8');
const examples = new Map(
  [...readme.matchAll(/<!-- readme-example: ([\w-]+) -->\n```ts\n([\s\S]*?)\n```/g)].map((m) => [m[1]!, m[2]!]),
);

/** Type errors of the examples, compiled as if they were files of the client's src/. */
function typeErrors(sources: Map<string, string>, overrides: ts.CompilerOptions = {}): string[] {
  const configPath = `${clientDir}tsconfig.json`;
  const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic() {} });
  if (!config) throw new Error('cannot read tsconfig.json');
  const files = new Map([...sources].map(([name, code]) => [`${clientDir}src/readme-${name}.ts`, code]));
  const host = ts.createCompilerHost(config.options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (file) => files.has(file) || fileExists(file);
  host.readFile = (file) => files.get(file) ?? readFile(file);
  host.getSourceFile = (file, language, ...rest) => {
    const code = files.get(file);
    return code === undefined ? getSourceFile(file, language, ...rest) : ts.createSourceFile(file, code, language);
  };
  const program = ts.createProgram([...files.keys()], { ...config.options, ...overrides, noEmit: true }, host);
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

/** Runs an example as an ES module in a new Node process, from this package's directory. */
async function run(code: string, env: Record<string, string> = {}): Promise<string> {
  const js = ts.transpileModule(code, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2023 },
  }).outputText;
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '--eval', js], {
    cwd: runDir,
    env: { ...process.env, ...env },
    timeout: 15_000,
  });
  return stdout;
}

describe('README examples', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ seed: 'demo' });
  });
  afterAll(() => server.close());

  it('are all found', () => {
    expect([...examples.keys()]).toEqual(['quick-start', 'reference-server', 'headers-middleware', 'lists', 'upload']);
  });

  it('compile without a type error, with exactOptionalPropertyTypes too', () => {
    expect(typeErrors(examples)).toEqual([]);
    expect(typeErrors(examples, { exactOptionalPropertyTypes: true })).toEqual([]);
  }, 60_000);

  it('quick start runs against a server', async () => {
    const { scid, ownerXuid } = server.demo;
    const token = await server.mintToken({ xuid: ownerXuid, scid, form: 'bare' });
    const stdout = await run(examples.get('quick-start')!, { GAMECLIPS_URL: server.url, GAMECLIPS_TOKEN: token });
    expect(stdout.trim().split('\n')).toEqual([
      'Triple takedown: 118 views, rated 4.5 by 2',
      '"Three in one jump!": 119 views, 3 ratings',
      'denied: 403 XUID specified in the claim does not match URI XUID',
    ]);
  });

  it('headers-middleware example runs, its middleware logging the response', async () => {
    const { scid, ownerXuid } = server.demo;
    const token = await server.mintToken({ xuid: ownerXuid, scid });
    const stdout = await run(examples.get('headers-middleware')!, { GAMECLIPS_URL: server.url, GAMECLIPS_TOKEN: token });
    expect(stdout.trim()).toBe('POST .../views -> 200');
  });

  it('lists example runs: a page, a walk over pages, and a delete', async () => {
    const { scid, ownerXuid } = server.demo;
    const token = await server.mintToken({ xuid: ownerXuid, scid });
    const stdout = await run(examples.get('lists')!, { GAMECLIPS_URL: server.url, GAMECLIPS_TOKEN: token });
    expect(stdout.trim().split('\n')).toEqual([
      '5 clips; most viewed: Triple takedown, Cliff jump; more: true',
      'saved: Cliff jump, Secret level, Triple takedown, Photo finish',
      'left: 4',
    ]);
  });

  it('upload example runs: an upload in three blocks, then two ranges downloaded', async () => {
    const { scid, ownerXuid, titleId } = server.demo;
    const token = await server.mintToken({ xuid: ownerXuid, scid, titleId });
    const stdout = await run(examples.get('upload')!, { GAMECLIPS_URL: server.url, GAMECLIPS_TOKEN: token });
    expect(stdout.trim().split('\n')).toEqual([
      'Published: "Uploaded from the README", 5242880 bytes; 3 blocks, 100%',
      'bytes 0-1023 of 5242880: 1024 read',
      'last bytes: 252,253,254,255',
    ]);
  });

  it('reference-server example runs, retrying through injected faults', async () => {
    const stdout = await run(examples.get('reference-server')!);
    expect(stdout.trim().split('\n')).toEqual(['views: 3', 'timed out after 100 ms']);
  });
});
