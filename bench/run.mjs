// `npm run bench`: Node benchmarks (Vitest bench: CSV import against a naive split baseline; model quality
// against logistic baselines, bench/model-quality.mjs) and
// the browser benchmarks (training samples/s per backend; ingest rates, bench/ingest.mjs; the training
// benchmark of issue 5: WebTrain's loop against model.fit, scaling, MFU, checkpoints, bench/train-report.mjs; the search
// benchmark of issue 7, bench/search-bench.mjs). Prints tables,
// writes bench/results/*.json.
import { execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { benchIngest } from './ingest.mjs';
import { benchModelQuality } from './model-quality.mjs';
import { benchTrainBackends } from './train-backends.mjs';
import { benchTraining } from './train-report.mjs';
import { benchSearch } from './search-bench.mjs';

mkdirSync('bench/results', { recursive: true });
const stamp = new Date().toISOString().replace(/[:.]/g, '-');

execSync(`npx vitest bench --run --config bench/vitest.bench.config.ts --outputJson bench/results/node-${stamp}.json`, { stdio: 'inherit' });

// Node, tfjs cpu backend: test accuracy of the presets against logistic baselines (issue 4).
await benchModelQuality(stamp);

execSync('npx vite build', { stdio: 'inherit' });
const browserRows = await benchTrainBackends();
const machine = { cpu: cpus()[0]?.model, cores: cpus().length, node: process.version };
writeFileSync(`bench/results/browser-${stamp}.json`, JSON.stringify({ machine, rows: browserRows }, null, 2));
await benchIngest(stamp);
await benchTraining(stamp);
// Issue 7: a 16-trial random search on 1 worker against the pool chosen by calibration (bench/search-bench.mjs).
await benchSearch(stamp);
console.log(`\nResults written to bench/results/*-${stamp}.json`);
