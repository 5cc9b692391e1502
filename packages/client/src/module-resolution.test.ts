import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// What the README says about module systems, checked on a consumer project in a temporary
// directory whose node_modules links the built package: which TypeScript `moduleResolution`
// settings find its types, and how Node loads it.

const packageDir = fileURLToPath(new URL('..', import.meta.url));

// Types resolved (a call with a wrong rating must fail) and used (the clip is a GameClip).
const consumer = `
import { createGameClipsClient, GameClipsApiError, type GameClip } from '@gameclips/client';
const client = createGameClipsClient({ baseUrl: 'http://localhost:8080', token: 't' });
export async function views(scid: string, gameClipId: string): Promise<number> {
  const { clip, etag }: { clip: GameClip; etag: string } = await client.getClip({ scid, gameClipId });
  // @ts-expect-error a rating of 6 does not compile
  void client.rateClip({ scid, gameClipId, rating: 6, ifMatch: etag });
  return clip.views;
}
export const isApiError = (e: unknown) => e instanceof GameClipsApiError;
`;

let dir: string;
beforeAll(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'gameclips-consumer-')));
  mkdirSync(join(dir, 'node_modules/@gameclips'), { recursive: true });
  symlinkSync(packageDir, join(dir, 'node_modules/@gameclips/client'), 'dir');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  writeFileSync(join(dir, 'consumer.ts'), consumer);
  writeFileSync(join(dir, 'consumer.cts'), consumer);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const packageFiles = realpathSync(packageDir);

/**
 * Type errors of the consumer file under the given options, and of the client's own .d.ts files
 * it loads (those of TypeScript's libs and other packages are not this package's to check).
 */
function typeErrors(file: string, overrides: ts.CompilerOptions): string[] {
  const program = ts.createProgram([join(dir, file)], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    types: [],
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
    ...overrides,
  });
  const ours = program.getSourceFiles().filter((f) => f.fileName.startsWith(dir) || f.fileName.startsWith(packageFiles));
  const diagnostics = [
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...ours.flatMap((f) => [...program.getSyntacticDiagnostics(f), ...program.getSemanticDiagnostics(f)]),
  ];
  return diagnostics.map((d) => `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
}

const { ModuleKind: M, ModuleResolutionKind: R } = ts;

describe('a TypeScript consumer', () => {
  it.each([
    ['NodeNext', { module: M.NodeNext, moduleResolution: R.NodeNext }],
    ['Node16', { module: M.Node16, moduleResolution: R.Node16 }],
    ['Bundler (module ESNext)', { module: M.ESNext, moduleResolution: R.Bundler }],
    ['Bundler (module Preserve)', { module: M.Preserve, moduleResolution: R.Bundler }],
  ])('compiles with moduleResolution %s', (_, options) => {
    expect(typeErrors('consumer.ts', options)).toEqual([]);
  });

  it('compiles in Node without the DOM lib, with @types/node', () => {
    const options = { module: M.NodeNext, moduleResolution: R.NodeNext, lib: ['lib.es2023.d.ts'], types: ['node'] };
    expect(typeErrors('consumer.ts', { ...options, typeRoots: [join(packageDir, '../../node_modules/@types')] })).toEqual([]);
  });

  it.each([
    ['node10', { module: M.CommonJS, moduleResolution: R.Node10 }],
    ['classic', { module: M.ESNext, moduleResolution: R.Classic }],
  ])('does not find the package with moduleResolution %s (it reads only `exports`)', (_, options) => {
    const errors = typeErrors('consumer.ts', options);
    expect(errors.some((e) => /^TS(2307|2792): Cannot find module '@gameclips\/client'/.test(e))).toBe(true);
  });

  it('imports it into a CommonJS file under NodeNext (require of ES modules), not under Node16', () => {
    expect(typeErrors('consumer.cts', { module: M.NodeNext, moduleResolution: R.NodeNext })).toEqual([]);
    const errors = typeErrors('consumer.cts', { module: M.Node16, moduleResolution: R.Node16 });
    expect(errors.some((e) => e.startsWith('TS1479:'))).toBe(true);
  });
});

describe('Node', () => {
  const node = (args: string[]) => promisify(execFile)(process.execPath, args, { cwd: dir, timeout: 15_000 });

  it('imports it from an ES module', async () => {
    const { stdout } = await node(['--input-type=module', '--eval', "import { createGameClipsClient } from '@gameclips/client'; console.log(typeof createGameClipsClient);"]);
    expect(stdout.trim()).toBe('function');
  });

  it('loads it from CommonJS with import(), and with require() since Node 20.19 (require of ES modules)', async () => {
    const { stdout } = await node(['--input-type=commonjs', '--eval', "import('@gameclips/client').then((m) => console.log(typeof m.createGameClipsClient));"]);
    expect(stdout.trim()).toBe('function');
    const required = await node(['--input-type=commonjs', '--eval', "console.log(typeof require('@gameclips/client').createGameClipsClient);"]);
    expect(required.stdout.trim()).toBe('function');
  });
});
