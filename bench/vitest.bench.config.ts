// Vitest bench configuration for the Node benchmarks in bench/*.bench.ts.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { include: [], benchmark: { include: ['bench/**/*.bench.ts'] } },
});
