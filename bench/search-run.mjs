// The search benchmark alone: `node bench/search-run.mjs` (npm run bench runs it with the others).
// SEARCH_BENCH_BACKEND=cpu|webgpu|webgl (default cpu: WebGPU here is a software adapter); for a quick look,
// SEARCH_BENCH_ROWS, SEARCH_BENCH_EPOCHS and SEARCH_BENCH_TRIALS shrink the workload.
import { mkdirSync } from 'node:fs';
import { benchSearch } from './search-bench.mjs';

const number = (name) => (process.env[name] ? Number(process.env[name]) : undefined);
mkdirSync('bench/results', { recursive: true });
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
await benchSearch(stamp, {
  backend: process.env.SEARCH_BENCH_BACKEND || 'cpu', rows: number('SEARCH_BENCH_ROWS'), epochs: number('SEARCH_BENCH_EPOCHS'), trials: number('SEARCH_BENCH_TRIALS'),
});
console.log(`\nResults written to bench/results/search-${stamp}.json`);
