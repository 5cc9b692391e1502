import { defineConfig } from 'vitest/config';

// The global setup packs every publishable workspace and installs the tarballs into an empty
// project once; installing builds better-sqlite3 from source (about a minute on 2 cores).
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    globalSetup: ['src/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
