import { describe, expect, inject, it } from 'vitest';
import { publishableWorkspaces } from './publishable-workspaces.js';

const tarballs = inject('tarballs');

/** The files an `exports` map points to (its values, not its keys), without `./`. */
function exportTargets(exports: unknown): string[] {
  if (typeof exports === 'string') return [exports.replace(/^\.\//, '')];
  if (exports && typeof exports === 'object') return Object.values(exports).flatMap(exportTargets);
  return [];
}

describe('every publishable workspace packs into a complete tarball', () => {
  it('packs each publishable workspace', () => {
    expect(tarballs.map((t) => t.name).sort()).toEqual(publishableWorkspaces().map((w) => w.name).sort());
    expect(tarballs.length).toBeGreaterThanOrEqual(4);
  });

  for (const workspace of publishableWorkspaces()) {
    describe(workspace.name, () => {
      const files = () => tarballs.find((t) => t.name === workspace.name)!.files;

      it('carries its README, LICENSE and package.json', () => {
        expect(files()).toEqual(expect.arrayContaining(['README.md', 'LICENSE', 'package.json']));
      });

      it('ships no tests', () => {
        expect(files().filter((file) => /(\.test\.[cm]?[jt]s|\.test\.d\.ts)(\.map)?$|(^|\/)test\//.test(file))).toEqual([]);
      });

      it('names its repository and folder, its license and the Node versions it runs on', () => {
        expect(workspace.manifest.repository).toMatchObject({ type: 'git', directory: expect.any(String) });
        expect(workspace.manifest.license).toBe('MIT');
        expect(workspace.manifest.engines?.node).toBe('>=20.19');
      });

      it('ships every file its exports and bin point to', () => {
        const targets = exportTargets(workspace.manifest.exports).filter((target) => !target.includes('*'));
        const bins = Object.values(workspace.manifest.bin ?? {}).map((b) => String(b).replace(/^\.\//, ''));
        for (const target of [...targets, ...bins]) expect(files(), target).toContain(target);
      });
    });
  }
});
