import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { installTarballs, packWorkspaces, type PackedTarball } from './consumer-project.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The consumer project, with every tarball installed. */
    consumerDir: string;
    tarballs: PackedTarball[];
  }
}

/** Packs and installs once for every test file; removes it all afterwards. */
export default function setup(project: TestProject) {
  const root = mkdtempSync(join(tmpdir(), 'gameclips-install-'));
  const tarballs = packWorkspaces(join(root, 'tarballs'));
  const consumerDir = join(root, 'consumer');
  installTarballs(consumerDir, tarballs);
  project.provide('consumerDir', consumerDir);
  project.provide('tarballs', tarballs);
  return () => rmSync(root, { recursive: true, force: true });
}
