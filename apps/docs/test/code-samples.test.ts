import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { definitionFromHtml, operationsOf, type PageOperation } from '../src/redoc-definition.mjs';

// The page's x-codeSamples come from the generator in openapi/plugins (via the Redocly
// decorator), and they say what the contract says. test/samples/ runs them for real.
const { codeSamplesFor } = createRequire(import.meta.url)('../../../openapi/plugins/code-samples.cjs');
const definition = definitionFromHtml(readFileSync(new URL('../dist/index.html', import.meta.url), 'utf8'));
const operations = operationsOf(definition);
function sample(op: PageOperation, label: string): string {
  const found = op.samples.find((s) => s.label === label);
  if (!found) throw new Error(`${op.operationId} has no ${label} sample in dist/index.html (is gameclips/code-samples on in redocly.yaml?)`);
  return found.source;
}

describe('code samples in dist/index.html', () => {
  it('are the generator output for every operation (the decorator ran, nothing hand-written)', () => {
    const generated = codeSamplesFor(definition);
    expect(operations.map((op) => op.operationId)).toEqual(generated.map((g: { operationId: string }) => g.operationId));
    for (const op of operations) {
      expect(op.samples, op.operationId).toEqual(generated.find((g: { operationId: string }) => g.operationId === op.operationId).samples);
    }
  });

  it.each(operations)('$operationId: curl sends the required headers, and a body only when there is one', (op) => {
    const curl = sample(op, 'curl');
    expect(curl).toContain('-H "Authorization: $GAMECLIPS_TOKEN"');
    expect(curl).toContain("-H 'X-RequestedServiceVersion: 1'");
    expect(curl).toMatch(op.method === 'get' ? /^curl -i '?http/m : new RegExp(`^curl -i -X ${op.method.toUpperCase()} '?http`, 'm'));
    expect(curl.includes("Content-Type: application/json")).toBe(op.requestExamples.length > 0);
    expect(curl.includes('--data-binary @-')).toBe(op.requestExamples.length > 0);
    expect(curl).not.toMatch(/\{(ownerId|scid|gameClipId|ratingValue|titleId)\}/);
  });

  it.each(operations)('$operationId: curl is valid shell', (op) => {
    const result = spawnSync('bash', ['-n'], { input: sample(op, 'curl'), encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it.each(operations)('$operationId: TypeScript calls the client method of the operation (x-client-method, else its operationId)', (op) => {
    const ts = sample(op, 'TypeScript');
    const clientMethod = definition.paths[op.path][op.method]['x-client-method'] ?? op.operationId;
    expect(ts).toContain("import { createGameClipsClient } from '@gameclips/client';");
    // A call takes its options object, after the data for an upload, or after the file's URI for a download.
    expect(ts).toMatch(new RegExp(`await client\\.${clientMethod}\\((data, )?(\\{|\\n  \\{ uri: )`));
    expect(ts).not.toContain('ownerId'); // `me`, the client's default
  });

  it('show the docs example body and the rating', () => {
    const byId = new Map(operations.map((op) => [op.operationId, op]));
    expect(sample(byId.get('updateClipMetadata')!, 'curl')).toContain('"userCaption": "I\'ve changed this 100 Times!"');
    expect(sample(byId.get('updateClipMetadata')!, 'TypeScript')).toContain('userCaption: "I\'ve changed this 100 Times!"');
    expect(sample(byId.get('rateClip')!, 'curl')).toMatch(/\/ratings\/4 \\$/m);
    expect(sample(byId.get('rateClip')!, 'TypeScript')).toContain('rating: 4,');
  });

  it('page lists with maxItems, and public lists with the qualifier they require', () => {
    const byId = new Map(operations.map((op) => [op.operationId, op]));
    expect(sample(byId.get('listUserClips')!, 'curl')).toMatch(/\/users\/me\/clips\?maxItems=25' \\$/m);
    expect(sample(byId.get('listPublicScidClips')!, 'curl')).toMatch(/\/public\/scids\/[^/]+\/clips\?maxItems=25&qualifier=created' \\$/m);
    expect(sample(byId.get('listUserSavedClips')!, 'TypeScript')).toContain('saved: true,');
    expect(sample(byId.get('listPublicTitleClips')!, 'TypeScript')).toContain('await client.listPublicClips({\n  titleId: 2058984733,\n  maxItems: 25,\n});');
    expect(sample(byId.get('deleteClip')!, 'curl')).toMatch(/^curl -i -X DELETE http/m);
  });
});
