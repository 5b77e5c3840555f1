// Node tests: engine units and worker protocols, on the tfjs cpu backend with fake-indexeddb.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/engine/**/*.test.ts', 'test/workers/**/*.test.ts', 'test/tooling/**/*.test.ts', 'test/lib/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['test/setup-node.ts'],
    testTimeout: 60_000,
    pool: 'forks',
  },
});
