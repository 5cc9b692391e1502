import { defineConfig } from 'vitest/config';

// Type-level tests (expectTypeOf, @ts-expect-error) are checked by `tsc` in the typecheck task.
// Integration tests start a reference server each; 20 s covers its start and one retry wait.
export default defineConfig({ test: { include: ['src/**/*.test.ts'], testTimeout: 20_000, hookTimeout: 30_000 } });
