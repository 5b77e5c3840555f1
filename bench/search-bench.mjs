// The search benchmark (`npm run bench`): wall time of a 16-trial random search on the tabular workload with
// 1 trial worker against as many as the calibration chose (bench/search-page/ in Chromium, served by Vite's
// dev server with the project's vite.config.ts, as bench/train-browser.mjs does). Prints the tables and writes
// bench/results/search-<stamp>.json.
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { createServer } from 'vite';
import { chromium } from '@playwright/test';

const PORT = 4186; // the training bench uses 4185
// As in test/browser/chromium.ts (bench files do not import test code).
const CHROMIUM_ARGS = ['--enable-unsafe-webgpu', '--no-sandbox', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--disable-quic', '--no-first-run', '--disable-default-apps'];
/** The whole plan takes a few minutes on 2 cores; this only catches a hung page. */
const BENCH_TIMEOUT_MS = 20 * 60_000;

const fixed = (v, digits = 2) => (Number.isFinite(v) ? v.toFixed(digits) : '—');

function startDevServer() {
  return createServer({
    configFile: 'vite.config.ts',
    logLevel: 'warn',
    clearScreen: false,
    server: { port: PORT, strictPort: true, hmr: false },
    // Pre-bundle every dependency the page and its workers import, so no mid-run re-optimization reloads the page.
    optimizeDeps: { entries: ['bench/search-page/*.ts', 'workers/trial.worker.ts', 'workers/replica.worker.ts'] },
  }).then((server) => server.listen());
}

/** Runs the page's plan in Chromium; returns its result plus { chromium: version string }. */
async function runPage(options) {
  const server = await startDevServer();
  const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS });
  let timer;
  try {
    const page = await browser.newPage();
    page.on('console', (m) => console.log(`  [search bench] ${m.text()}`));
    page.on('pageerror', (e) => console.log(`  [search bench] page error: ${e.message}`));
    await page.goto(`http://localhost:${PORT}/bench/search-page/index.html`);
    await page.locator('#status', { hasText: 'ready' }).waitFor({ timeout: 120_000 });
    const result = await Promise.race([
      page.evaluate((o) => window.runSearchBench(o), options),
      // Cleared below: a pending timer would keep Node running after the benchmark.
      new Promise((_, reject) => { timer = setTimeout(() => reject(new Error('The search benchmark did not finish in time.')), BENCH_TIMEOUT_MS); }),
    ]);
    return { chromium: browser.version(), ...result };
  } finally {
    clearTimeout(timer);
    await browser.close();
    await server.close();
  }
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
