import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

// The Redocly plugins are CommonJS and load the built package with require(), which
// Node.js 20.19+ allows for an ES module without top-level await.
describe('the built package, required from CommonJS', () => {
  it('loads, with its operation table and validators, and warns about nothing', () => {
    const script = [
      "const c = require('@gameclips/contract');",
      'const ids = c.operationTable(c.loadContract()).map((op) => op.operationId);',
      "console.log(JSON.stringify({ ids, valid: c.schemaValidator('GameClipVisibility')('Owner') }));",
    ].join('\n');
    const result = spawnSync(process.execPath, ['--input-type=commonjs', '-e', script], { cwd: packageDir, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      ids: [
        'getClip',
        'updateClipMetadata',
        'deleteClip',
        'rateClip',
        'flagClip',
        'recordClipView',
        'listUserClips',
        'listUserSavedClips',
        'listUserScidClips',
        'reserveUpload',
        'listUserScidSavedClips',
        'listUserTitleClips',
        'listUserTitleSavedClips',
        'listPublicScidClips',
        'listPublicScidSavedClips',
        'listPublicTitleClips',
        'listPublicTitleSavedClips',
        'uploadClipBlock',
        'uploadThumbnail',
        'downloadClip',
        'downloadThumbnail',
      ],
      valid: true,
    });
  });
});
