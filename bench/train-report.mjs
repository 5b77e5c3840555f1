// The training benchmark of issue 5 (`npm run bench`): runs bench/train-page in Chromium (train-browser.mjs),
// the PyTorch CPU baseline when torch is installed, prints the tables and writes bench/results/train-<stamp>.json.
// MFU convention: training FLOPs = 3 × forward FLOPs per sample (summarizeModel: 2 per multiply-add of the
// dense/conv/recurrent/attention products), divided by the same backend's large-matmul FLOP/s from the same run.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { benchTrainBrowser } from './train-browser.mjs';

const PYTHON = '/usr/bin/python3';
const fixed = (v, digits = 2) => (Number.isFinite(v) ? v.toFixed(digits) : '—');
const percent = (v) => (Number.isFinite(v) ? `${(100 * v).toFixed(2)}%` : '—');

/** PyTorch CPU steps/s of the MLP and CNN with the CPU backend's step counts, or { note } when torch is missing. */
function runPytorch(workloads) {
  const plan = Object.fromEntries(workloads.filter((w) => w.id === 'mlp' || w.id === 'cnn')
    .map((w) => [w.id, { batchSize: w.batchSize, ...w.counts.cpu }]));
  try {
    execFileSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore' });
  } catch {
    return { note: 'PyTorch is not installed (python3 -c "import torch" failed; Debian package python3-torch): column skipped.' };
  }
  try {
    return JSON.parse(execFileSync(PYTHON, ['bench/pytorch-baseline.py', JSON.stringify(plan)], { encoding: 'utf8' }));
  } catch (error) {
    return { note: `The PyTorch baseline failed: ${error.message.split('\n')[0]}` };
  }
}

/** Rows of the WebTrain-vs-model.fit table (with MFU and, on the CPU, the PyTorch ratio). */
function loopTable(result, pytorch) {
  const flops = new Map(result.workloads.map((w) => [w.id, w.trainingFlopsPerSample]));
  const peak = new Map(result.backends.map((b) => [b.backend, b.matmulFlopsPerSecond]));
  return result.rows.map((r) => {
    const mfu = (t) => (t ? (t.samplesPerSecond * flops.get(r.workload)) / peak.get(r.backend) : NaN);
    const ratio = r.webtrain && r.fit ? r.webtrain.stepsPerSecond / r.fit.stepsPerSecond : NaN;
    const torch = r.backend === 'cpu' ? pytorch.rows?.[r.workload] : undefined;
    return {
      workload: r.workload, backend: r.backend,
      'WebTrain steps/s': fixed(r.webtrain?.stepsPerSecond), 'model.fit steps/s': fixed(r.fit?.stepsPerSecond),
      'WebTrain samples/s': fixed(r.webtrain?.samplesPerSecond, 0), 'model.fit samples/s': fixed(r.fit?.samplesPerSecond, 0),
      'ratio (≥1.0, goal 1.3)': fixed(ratio), 'MFU WebTrain': percent(mfu(r.webtrain)), 'MFU fit': percent(mfu(r.fit)),
      'PyTorch CPU steps/s': torch ? fixed(torch.stepsPerSecond) : '', 'WebTrain/PyTorch': torch && r.webtrain ? fixed(r.webtrain.stepsPerSecond / torch.stepsPerSecond, 3) : '',
      problem: r.problem ?? '',
    };
  });
}

/** Rows of the data-parallel table: speed-up over 1 worker, and the worker count a default-length calibration chose. */
function scalingTable(result) {
  return result.scaling.map((s) => {
    const one = result.scaling.find((o) => o.workload === s.workload && o.backend === s.backend && o.workers === 1);
    const chosen = result.calibration.find((c) => c.workload === s.workload && c.backend === s.backend);
    return {
      workload: s.workload, backend: s.backend, workers: s.workers,
      'steps/s': fixed(s.stepsPerSecond), 'samples/s': fixed(s.samplesPerSecond, 0), 'speed-up': one?.stepsPerSecond ? `${fixed(s.stepsPerSecond / one.stepsPerSecond)}×` : '—',
      'max |Δθ| vs 1': s.maxDifference === null ? '—' : s.maxDifference.toExponential(1),
      'calibration chose': chosen?.chosenWorkers === s.workers ? '◀' : '', problem: s.problem ?? '',
    };
  });
}

/**
 * Whether a calibration of the app's default length chose a configuration that the longer measurement found
 * slower than 1 worker on the same backend (the "must never choose a slower configuration").
 */
function calibrationVerdicts(result) {
  return result.calibration.map((c) => {
    const speed = (workers) => result.scaling.find((s) => s.workload === c.workload && s.backend === c.backend && s.workers === workers)?.stepsPerSecond;
    const chosen = speed(c.chosenWorkers);
    const best = Math.max(...result.scaling.filter((s) => s.workload === c.workload && s.backend === c.backend).map((s) => s.stepsPerSecond));
    return {
      workload: c.workload, backend: c.backend, 'chosen workers': c.chosenWorkers ?? '—',
      'its steps/s (long run)': fixed(chosen), '1 worker steps/s': fixed(speed(1)), 'fastest steps/s': fixed(best),
      'slower than 1 worker?': chosen === undefined ? c.problem : chosen < speed(1) ? 'YES' : 'no',
    };
  });
}

/** Runs the training benchmark; prints its tables and writes bench/results/train-<stamp>.json. Returns the record. */
export async function benchTraining(stamp, options = { calibration: true }) {
  const loadBefore = loadavg();
  const result = await benchTrainBrowser(options);
  const pytorch = runPytorch(result.workloads);
  const machine = { cpu: cpus()[0]?.model, cores: cpus().length, node: process.version, chromium: result.chromium, loadAverageBefore: loadBefore, loadAverageAfter: loadavg() };

  console.log(`\nTraining benchmark (issue 5): ${machine.cores} cores (${machine.cpu}), Chromium ${result.chromium}, cross-origin isolated: ${result.crossOriginIsolated}, load average ${loadBefore.map((l) => l.toFixed(1)).join(' ')}`);
  console.table(result.workloads.map((w) => ({ workload: w.id, model: w.label, parameters: w.parameters, 'training MFLOP/sample (3×fwd)': fixed(w.trainingFlopsPerSample / 1e6, 3) })));
  console.table(result.backends.map((b) => ({ backend: b.backend, device: b.device ?? b.problem, 'matmul side': b.matmulSide ?? '', 'matmul GFLOP/s': fixed((b.matmulFlopsPerSecond ?? NaN) / 1e9) })));
  console.log('WebTrain training loop against a plain tfjs model.fit (same model, data, batch, Adam, backend); ratio = WebTrain / model.fit steps/s');
  console.table(loopTable(result, pytorch));
  if (pytorch.note) console.log(pytorch.note);
  else console.log(`PyTorch ${pytorch.torch} on the CPU with ${pytorch.threads} thread(s), random data of the same shapes.`);
  console.log('Data parallelism (1, 2, 4 workers; ◀ = what a calibration of the default 2 + 8 steps chose)');
  console.table(scalingTable(result));
  if (result.calibration.length) console.table(calibrationVerdicts(result));
  const c = result.checkpoint;
  console.log(c ? `Checkpoint (${fixed(c.megabytes, 1)} MB, IndexedDB): write ${fixed(c.writeMBps, 1)} MB/s, verified load ${fixed(c.loadMBps, 1)} MB/s (median of 3)` : `Checkpoint: failed: ${result.checkpointProblem}`);
  const m = result.mainThread;
  console.log(`Main thread while training (${fixed(m.observedSeconds, 0)} s): ${m.longTasks} long tasks over 50 ms, longest ${fixed(m.longestTaskMs, 0)} ms (target: none)`);

  const record = { machine, pytorch, ...result };
  writeFileSync(`bench/results/train-${stamp}.json`, JSON.stringify(record, null, 2));
  return record;
}
