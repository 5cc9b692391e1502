import { defineConfig } from 'vitest/config';

// The tests read the contract the build ships in dist/: turbo runs `build` before `test`.
export default defineConfig({ test: { include: ['src/**/*.test.ts'] } });
