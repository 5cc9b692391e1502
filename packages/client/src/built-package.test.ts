import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import * as built from '@gameclips/client';
import * as source from './index.js';

// The package as a user gets it: `@gameclips/client` resolves through `exports` to dist/
// (built by the `build` task this one depends on). `npm run size` prints the full figures.

const dist = new URL('../dist/', import.meta.url);
const files = readdirSync(dist, { recursive: true })
  .map(String)
  .filter((file) => file.endsWith('.js'));
const code = files.map((file) => readFileSync(new URL(file, dist), 'utf8'));

describe('the built package', () => {
  it('exports what the sources export', () => {
    expect(Object.keys(built).sort()).toEqual(Object.keys(source).sort());
    expect(Object.keys(built).sort()).toEqual([
      'GameClipsApiError',
      'GameClipsError',
      'GameClipsNetworkError',
      'GameClipsResponseError',
      'GameClipsTimeoutError',
      'GameClipsTokenError',
      'GameClipsUploadError',
      'createGameClipsClient',
      'errorCodes',
    ]);
  });

  it('holds no test file and no Node-only import, so it runs in browsers', () => {
    expect(files.filter((file) => file.includes('.test.'))).toEqual([]);
    for (const text of code) {
      expect(text).not.toMatch(/from ["']node:|require\(|\bprocess\.|\bBuffer\b/);
    }
    const imports = new Set(code.flatMap((text) => [...text.matchAll(/^(?:import|export)\b[^;]*?from ["']([^."'][^"']*)["']/gm)].map((m) => m[1])));
    expect([...imports].sort()).toEqual(['@gameclips/types', 'openapi-fetch']);
  });

  // Each file's last line, `//# sourceMappingURL=…`, is for tools (bundlers drop it), not
  // code: counting it would make the same code larger for being split into smaller files.
  it('stays small: under 12 KiB of gzipped JavaScript of its own, comments included (uploads and downloads are half of it)', () => {
    const gzipped = gzipSync(code.map((text) => text.replace(/^\/\/# sourceMappingURL=.*$/m, '')).join('\n')).length;
    expect(gzipped).toBeLessThan(12 * 1024);
  });
});
