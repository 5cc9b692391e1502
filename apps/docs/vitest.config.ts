import { defineConfig } from 'vitest/config';

// `npm test` runs the tests that need only the built page; test/browser.mjs needs Chromium
// (.ci/system-checks). The samples are run against the server in packages/contract-tests.
export default defineConfig({ test: { include: ['test/*.test.ts'] } });
