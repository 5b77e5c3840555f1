// The training benchmark alone: `node bench/train-run.mjs` (npm run bench runs it with the others).
// Optional subsets for a quick look: TRAIN_BENCH_BACKENDS=cpu,webgpu TRAIN_BENCH_WORKLOADS=mlp,cnn, and
// TRAIN_BENCH_CALIBRATION=0 to skip the default-length calibration pass.
import { mkdirSync } from 'node:fs';
import { benchTraining } from './train-report.mjs';

const list = (name) => process.env[name]?.split(',').map((s) => s.trim()).filter(Boolean);
mkdirSync('bench/results', { recursive: true });
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
await benchTraining(stamp, {
  backends: list('TRAIN_BENCH_BACKENDS'), workloads: list('TRAIN_BENCH_WORKLOADS'), calibration: process.env.TRAIN_BENCH_CALIBRATION !== '0',
});
console.log(`\nResults written to bench/results/train-${stamp}.json`);
