// Browser side of the training benchmark: opens bench/train-page/ (see bench-page.mjs) and returns what the
// page's runTrainBench resolves with.
import { runBenchPage } from './bench-page.mjs';

/**
 * Runs the benchmark plan in Chromium. `options`: { backends?, workloads?, calibration? } (see bench-run.ts).
 * Returns the page's result plus { chromium: version string }.
 */
export function benchTrainBrowser(options = {}) {
  return runBenchPage({
    port: 4185, dir: 'bench/train-page', entries: ['bench/train-page/*.ts', 'workers/replica.worker.ts'],
    entry: 'runTrainBench', label: 'train bench', options,
  });
}
