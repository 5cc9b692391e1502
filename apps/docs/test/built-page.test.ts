import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// Checks the built page as text; test/browser.mjs renders it in Chromium (run by .ci/run).
const html = readFileSync(new URL('../dist/index.html', import.meta.url), 'utf8');
const operations = [
  'getClip', 'updateClipMetadata', 'deleteClip', 'rateClip', 'flagClip', 'recordClipView',
  'listUserClips', 'listUserSavedClips', 'listUserScidClips', 'listUserScidSavedClips', 'listUserTitleClips', 'listUserTitleSavedClips',
  'listPublicScidClips', 'listPublicScidSavedClips', 'listPublicTitleClips', 'listPublicTitleSavedClips',
];

describe('dist/index.html', () => {
  it('embeds the Redoc script instead of loading it from a CDN', () => {
    expect(html).not.toMatch(/<script[^>]+src=["']https?:/);
    expect(html).not.toMatch(/cdn\.redoc(ly)?\.(ly|com)/);
    expect(html.length).toBeGreaterThan(1_000_000);
  });

  it('loads nothing from another host', () => {
    expect(html.match(/(?:src=|<link[^>]*href=|url\()["']?https?:\/\/[^"')]+/g)).toBeNull();
  });

  it('holds every operation and the docs examples', () => {
    for (const id of operations) expect(html).toContain(`"operationId":"${id}"`);
    expect(html).toContain("I've changed this 100 Times!");
    expect(html).toContain('C:\\\\videos\\\\123456.mp4');
  });

  it('has Redoc list the code samples: curl, TypeScript and the payload examples', () => {
    // Redoc 3 hides an x-codeSamples language its `codeSamples.languages` option does not list.
    const options = JSON.parse(/const __redoc_options = (.*);\s*$/m.exec(html)?.[1] ?? '{}');
    const languages = (options.codeSamples?.languages ?? []).map((l: { lang: string }) => l.lang);
    expect(languages).toEqual(['curl', 'TypeScript', 'Payload']);
  });

  it('renders the error-code table from x-error-codes', () => {
    expect(html).toContain('<td><code>8377</code></td>');
    expect(html).not.toContain('<!-- error-codes -->');
  });
});
