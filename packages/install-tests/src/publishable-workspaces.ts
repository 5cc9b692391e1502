import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root folder. */
export const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** A workspace that is published: not `private`. */
export interface PublishableWorkspace {
  name: string;
  dir: string;
  manifest: Record<string, any>;
}

function readJson(file: string): Record<string, any> {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** Every workspace of the root `package.json` (`dir/*` patterns) that is not private. */
export function publishableWorkspaces(): PublishableWorkspace[] {
  const patterns = readJson(join(repositoryRoot, 'package.json')).workspaces as string[];
  return patterns
    .flatMap((pattern) => {
      const parent = join(repositoryRoot, pattern.replace(/\/\*$/, ''));
      return readdirSync(parent).map((name) => join(parent, name));
    })
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .map((dir) => ({ dir, manifest: readJson(join(dir, 'package.json')) }))
    .filter(({ manifest }) => !manifest.private)
    .map(({ dir, manifest }) => ({ name: manifest.name as string, dir, manifest }));
}
