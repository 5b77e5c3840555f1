// The search benchmark (`npm run bench`): wall time of a 16-trial random search on the tabular workload with
// 1 trial worker against as many as the calibration chose (bench/search-page/ in Chromium, served by Vite's
// dev server, see bench-page.mjs). Prints the tables and writes
// bench/results/search-<stamp>.json.
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { runBenchPage } from './bench-page.mjs';

const fixed = (v, digits = 2) => (Number.isFinite(v) ? v.toFixed(digits) : '—');

/** Runs the page's plan in Chromium (see bench-page.mjs); returns its result plus { chromium: version string }. */
function runPage(options) {
  return runBenchPage({
    port: 4186, dir: 'bench/search-page', entries: ['bench/search-page/*.ts', 'workers/trial.worker.ts', 'workers/replica.worker.ts'],
    entry: 'runSearchBench', label: 'search bench', options,
  });
}

/** The comparison table: one row per search, speed-up = 1-worker wall time / this wall time. */
function searchTable(result) {
  const one = result.searches.find((s) => s.parallel === 1);
  return result.searches.map((s) => ({
    mode: s.mode, workers: s.parallel, 'wall s': fixed(s.wallSeconds, 1), trials: `${s.trialsCompleted}/${result.workload.trials}${s.trialsFailed ? ` (${s.trialsFailed} failed)` : ''}`,
    'best val loss': fixed(s.best?.valLoss, 4), 'best val acc': fixed(s.best?.valAccuracy, 4), 'best trial': s.best ? s.best.trial + 1 : '—',
    'speedup vs 1 worker': one && s.status !== 'error' ? `${fixed(one.wallSeconds / s.wallSeconds)}×` : '—',
    'Σ trial train s': fixed(s.trialTrainSeconds, 1), problem: s.problem ?? '',
  }));
}

/**
 * Runs the search benchmark; prints its tables and writes bench/results/search-<stamp>.json. `options`:
 * { backend?: 'cpu' | 'webgpu' | 'webgl', rows?, features?, epochs?, trials?, seed? } (see search-bench.worker.ts).
 */
export async function benchSearch(stamp, options = {}) {
  const loadBefore = loadavg();
  const result = await runPage(options);
  const machine = { cpu: cpus()[0]?.model, cores: cpus().length, node: process.version, chromium: result.chromium, loadAverageBefore: loadBefore, loadAverageAfter: loadavg() };
  const w = result.workload;
  console.log(`\nSearch benchmark: ${machine.cores} cores (${machine.cpu}), Node ${machine.node}, Chromium ${result.chromium}, cross-origin isolated: ${result.crossOriginIsolated}, load average ${loadBefore.map((l) => l.toFixed(1)).join(' ')}`);
  console.log(`Backend: ${result.backend.name} (asked for ${result.backend.requested}). Calibration of the MLP ${JSON.stringify(w.model.hiddenLayers)} at batch ${w.request.base.config.batchSize} (${fixed(result.calibration.seconds, 1)} s); chose ${result.calibration.chosen.backend} × ${result.calibration.chosen.workers}`);
  console.table(result.calibration.rows.map((r) => ({
    backend: r.backend, workers: r.workers, 'steps/s': fixed(r.stepsPerSecond), 'samples/s': fixed(r.samplesPerSecond, 0),
    'max |Δθ| vs 1': r.maxDifference === null ? '—' : r.maxDifference.toExponential(1),
    chosen: r.backend === result.calibration.chosen.backend && r.workers === result.calibration.chosen.workers ? '◀' : '', problem: r.problem ?? '',
  })));
  const space = w.request.space.params.map((p) => (p.kind === 'choice' ? `${p.name} ∈ {${p.options.join(', ')}}` : `${p.name} ${p.kind} ${p.min}..${p.max} ${p.scale}`)).join('; ');
  console.log(`${w.trials}-trial random search (seed ${w.seed}; ${space}), ${w.epochs} epochs per trial, objective val loss, on a synthetic table of ${w.rows} rows × ${w.features} numeric features, ${w.classes} classes (split ${w.split})`);
  console.table(searchTable(result));
  console.log(`Both searches tried the same configurations: ${result.sameConfigurations ? 'yes' : 'NO'}. Whole page run: ${fixed(result.seconds, 1)} s.`);
  for (const note of result.notes) console.log(`Note: ${note}`);

  const record = { machine, ...result };
  writeFileSync(`bench/results/search-${stamp}.json`, JSON.stringify(record, null, 2));
  return record;
}
