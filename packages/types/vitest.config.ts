import { defineConfig } from 'vitest/config';

// Type-level tests (expectTypeOf) are checked by `tsc` in the typecheck task.
export default defineConfig({ test: { include: ['src/**/*.test.ts'] } });
