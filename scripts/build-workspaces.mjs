// Builds workspaces of this repository with turbo (cached, so a second run takes about a
// second). Used by `npm start` and by the server's `gameclips-server` launcher when a
// checkout has not been built yet.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository's root folder. */
export const repositoryRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * Runs `turbo run build` for the given filters (every workspace when none), with its
 * progress on stderr so that a command's own stdout stays clean. Returns the exit status.
 */
export function buildWorkspaces(filters = []) {
  const args = ['--no-install', 'turbo', 'run', 'build', '--output-logs=errors-only', ...filters.map((f) => `--filter=${f}`)];
  const result = spawnSync('npx', args, {
    cwd: repositoryRoot,
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', REDOCLY_TELEMETRY: 'off' },
    stdio: ['ignore', process.stderr, process.stderr],
  });
  return result.status ?? 1;
}
