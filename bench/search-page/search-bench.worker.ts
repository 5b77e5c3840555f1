// The search benchmark's plan, run inside a dedicated worker: import and prepare a synthetic table, choose
// the backend, calibrate the MLP (backend × 1–4 data-parallel workers, the Train panel's calibration), then run
// the same seeded 16-trial random search twice, with 1 trial worker and with as many as the calibration chose,
// timing each. Trials train in real trial workers (workers/trial.worker.ts) spawned from here, exactly as the
// search worker spawns them, and adopt this worker's backend. Returns plain data; the Node driver prints it.
import * as Comlink from 'comlink';
import { createDataApi } from '../../workers/data-api';
import { createDbOpener } from '../../workers/open-db';
import { createSearchApi, type SearchEvent, type SearchRequest, type TrialWorker } from '../../workers/search-api';
import { selectBackend } from '../../workers/select-backend';
import { createTrainApi, type BackendChoice, type CalibrationRecord, type ModelChoice, type TrainApi } from '../../workers/train-api';
import { withTrainingLock } from '../../workers/training-lock';
import { getRun } from '../../src/engine/storage/runs-repo';
import type { SearchRecord } from '../../src/engine/storage/search-records';
import type { TrialParams } from '../../src/engine/search/search-space';
import type { TrainConfig } from '../../src/engine/train/train-types';
import { CLASS_NAMES, syntheticTableCsv } from './search-data';

export interface SearchBenchOptions {
  /** 'cpu' (default: WebGPU here is a software adapter), 'webgpu' or 'webgl'; falls back to the CPU when it cannot start. */
  backend?: string;
  rows?: number;
  features?: number;
  epochs?: number;
  trials?: number;
  seed?: number;
}

export interface TrialSummary { index: number; params: TrialParams; status: string; valLoss?: number; valAccuracy?: number; trainSeconds?: number; failure?: string }

export interface SearchTiming {
  mode: 'sequential' | 'calibrated pool' | 'comparison';
  parallel: number;
  wallSeconds: number;
  status: string;
  problem?: string;
  trialsCompleted: number;
  trialsFailed: number;
  best?: { trial: number; params: TrialParams; valLoss: number; valAccuracy?: number };
  /** Sum of the trials' epoch times (each trial's own training time, contention included). */
  trialTrainSeconds: number;
  trials: TrialSummary[];
}

export interface SearchBenchResult {
  userAgent: string;
  hardwareConcurrency: number;
  crossOriginIsolated: boolean;
  workload: { rows: number; features: number; classes: number; split: string; model: ModelChoice; epochs: number; trials: number; seed: number; request: Omit<SearchRequest, 'datasetId' | 'parallel' | 'backend'> };
  backend: { requested: string; name: string; reason: string; adapter?: string };
  calibration: CalibrationRecord & { seconds: number };
  poolSize: number;
  notes: string[];
  searches: SearchTiming[];
  /** Whether both searches tried the same configurations (same seed: they should). */
  sameConfigurations: boolean;
  seconds: number;
}

const DEFAULTS = { backend: 'cpu', rows: 4000, features: 20, epochs: 3, trials: 16, seed: 7 };
const MODEL: ModelChoice = { hiddenLayers: [64, 32], activation: 'relu' };
/** Calibration and the search's base options: Adam, batch 64 (the middle of the searched choices). */
const baseConfig = (epochs: number, seed: number): TrainConfig => ({ epochs, batchSize: 64, learningRate: 1e-3, optimizer: 'adam', seed });

const log = (text: string) => self.postMessage({ type: 'log', text });
const fixed = (v: number | undefined, digits = 4) => (v !== undefined && Number.isFinite(v) ? v.toFixed(digits) : '—');

/** One trial worker, as workers/search.worker.ts starts it (this file sits two folders below the root). */
function spawnTrial(): TrialWorker {
  const worker = new Worker(new URL('../../workers/trial.worker.ts', import.meta.url), { type: 'module', name: 'webtrain-trial' });
  return { api: Comlink.wrap<TrainApi>(worker), dispose: () => worker.terminate() };
}

/** Load the trial worker's modules once (Vite transforms them on first request), so neither timed search pays it. */
async function warmTrialWorker(backend: BackendChoice): Promise<void> {
  const trial = spawnTrial();
  try {
    await trial.api.adoptBackend(backend);
  } finally {
    trial.dispose();
  }
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
    request.onblocked = () => resolve();
  });
}

export async function runSearchBench(options: SearchBenchOptions): Promise<SearchBenchResult> {
  const started = performance.now();
  const o = { ...DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) } as typeof DEFAULTS;
  const notes: string[] = [];
  // The trial workers open the app's default database (workers/trial.worker.ts: createDbOpener()), so the bench
  // must use it too; Playwright's browser profile is a fresh temporary one, and it is emptied here anyway.
  await deleteDatabase('webtrain');
  const db = createDbOpener();

  const csv = syntheticTableCsv(o.rows, o.features, o.seed);
  const data = createDataApi({ db });
  const imported = await data.importCsvFile(new Blob([csv], { type: 'text/csv' }), 'search-bench.csv');
  if (!imported.ok) throw new Error(`Import failed: ${imported.problem.message}`);
  const datasetId = imported.value.id;
  const spec = await data.suggestPrepareSpec(datasetId);
  if (!spec || spec.targetColumn !== 'label' || spec.task !== 'classification') throw new Error(`Unexpected suggested preparation: ${JSON.stringify(spec)}`);
  const prepared = await data.prepareDataset(datasetId, spec);
  if (!prepared.ok) throw new Error(`Preparation failed: ${prepared.problem.message}`);
  log(`Prepared ${o.rows} rows × ${o.features} features, ${prepared.value.classes?.length} classes, split ${spec.split.train}/${spec.split.validation}/${spec.split.test}`);

  const train = createTrainApi({ db, selectBackend, estimate: () => navigator.storage.estimate() });
  const backend = await train.backendInfo(o.backend);
  log(`Backend: ${backend.name} (${backend.reason})`);
  if (backend.name !== o.backend) notes.push(`Asked for the ${o.backend} backend, got ${backend.name}: ${backend.reason}`);

  const config = baseConfig(o.epochs, o.seed);
  const c0 = performance.now();
  const calibrated = await train.calibrateModel(datasetId, MODEL, config, (row) => {
    log(`  calibration ${row.backend} × ${row.workers}: ${fixed(row.stepsPerSecond, 1)} steps/s${row.problem ? ` (${row.problem})` : ''}`);
  });
  if (!calibrated.ok) throw new Error(`Calibration failed: ${calibrated.problem.message}`);
  const calibration = { ...calibrated.value, seconds: (performance.now() - c0) / 1000 };
  const poolSize = Math.max(1, Math.min(4, calibration.chosen.workers));
  log(`Calibration chose ${calibration.chosen.backend} × ${calibration.chosen.workers} in ${fixed(calibration.seconds, 1)} s`);
  if (calibration.chosen.backend !== backend.name) {
    notes.push(`Calibration's fastest configuration is on ${calibration.chosen.backend}; the searches keep the bench backend (${backend.name}) and take only its worker count (${calibration.chosen.workers}).`);
  }

  const plan: { mode: SearchTiming['mode']; parallel: number }[] = [{ mode: 'sequential', parallel: 1 }];
  if (poolSize > 1) plan.push({ mode: 'calibrated pool', parallel: poolSize });
  else {
    plan.push({ mode: 'comparison', parallel: 2 });
    notes.push('Calibration chose 1 worker, so the pool equals the sequential run; a 2-worker search is run as well for a comparison.');
  }

  const request: Omit<SearchRequest, 'parallel'> = {
    datasetId, name: 'search bench', objective: 'val-loss', maxTrials: o.trials, seed: o.seed,
    strategy: { kind: 'random' },
    space: { version: 1, params: [
      { kind: 'float', name: 'learningRate', min: 1e-4, max: 0.1, scale: 'log' },
      { kind: 'choice', name: 'batchSize', options: [32, 64, 128] },
      { kind: 'int', name: 'units', min: 8, max: 128, scale: 'log' },
    ] },
    base: { model: MODEL, config },
    backend,
  };

  await warmTrialWorker(backend);
  const searchApi = createSearchApi({ db, spawnTrial, listenerFor: (listener) => Comlink.proxy(listener), withTrainingLock });
  const searches: SearchTiming[] = [];
  for (const { mode, parallel } of plan) {
    log(`Search: ${o.trials} random trials, ${parallel} at once …`);
    const reported = new Set<number>();
    const listener = (event: SearchEvent) => {
      if (event.type !== 'search') return;
      for (const t of event.search.trials) {
        if ((t.status === 'completed' || t.status === 'failed') && !reported.has(t.index)) {
          reported.add(t.index);
          log(`  [${parallel} at once] trial ${t.index + 1}: ${t.status}${t.failure ? ` (${t.failure})` : ''} val loss ${fixed(t.rungValues.at(-1))} ${JSON.stringify(t.params)}`);
        }
      }
    };
    const t0 = performance.now();
    const outcome = await searchApi.startSearch({ ...request, parallel }, listener);
    const wallSeconds = (performance.now() - t0) / 1000;
    if (!outcome.ok) {
      searches.push({ mode, parallel, wallSeconds, status: 'error', problem: outcome.problem.message, trialsCompleted: 0, trialsFailed: 0, trialTrainSeconds: 0, trials: [] });
      log(`  search failed: ${outcome.problem.message}`);
      continue;
    }
    searches.push(await summarize(mode, parallel, wallSeconds, outcome.value, db));
    log(`  ${parallel} at once: ${fixed(wallSeconds, 1)} s, best val loss ${fixed(searches.at(-1)!.best?.valLoss)}`);
  }

  const configs = searches.map((s) => JSON.stringify(s.trials.map((t) => t.params)));
  return {
    userAgent: navigator.userAgent, hardwareConcurrency: navigator.hardwareConcurrency, crossOriginIsolated: self.crossOriginIsolated,
    workload: {
      rows: o.rows, features: o.features, classes: CLASS_NAMES.length, split: `${spec.split.train}/${spec.split.validation}/${spec.split.test}`,
      model: MODEL, epochs: o.epochs, trials: o.trials, seed: o.seed,
      request: { name: request.name, objective: request.objective, maxTrials: request.maxTrials, seed: request.seed, strategy: request.strategy, space: request.space, base: request.base },
    },
    backend: { requested: o.backend, name: backend.name, reason: backend.reason, ...(backend.adapter ? { adapter: backend.adapter } : {}) },
    calibration, poolSize, notes, searches,
    sameConfigurations: configs.length > 1 && configs.every((c) => c === configs[0]),
    seconds: (performance.now() - started) / 1000,
  };
}

/** A finished search's timing row: trials done, the best trial's val loss and (from its run) val accuracy. */
async function summarize(mode: SearchTiming['mode'], parallel: number, wallSeconds: number, search: SearchRecord, db: ReturnType<typeof createDbOpener>): Promise<SearchTiming> {
  const connection = await db();
  const trials: TrialSummary[] = [];
  for (const t of search.trials) {
    const run = t.runId ? await getRun(connection, t.runId) : undefined;
    const last = run?.history.at(-1);
    trials.push({
      index: t.index, params: t.params, status: t.status, valLoss: last?.valLoss, valAccuracy: last?.valAccuracy,
      trainSeconds: run ? run.history.reduce((s, e) => s + e.durationMs, 0) / 1000 : undefined, ...(t.failure ? { failure: t.failure } : {}),
    });
  }
  const scored = trials.filter((t) => t.status === 'completed' && Number.isFinite(t.valLoss));
  const best = scored.reduce<TrialSummary | undefined>((b, t) => (!b || t.valLoss! < b.valLoss! ? t : b), undefined);
  return {
    mode, parallel, wallSeconds, status: search.status, ...(search.failure ? { problem: search.failure } : {}),
    trialsCompleted: trials.filter((t) => t.status === 'completed').length, trialsFailed: trials.filter((t) => t.status === 'failed').length,
    ...(best ? { best: { trial: best.index, params: best.params, valLoss: best.valLoss!, valAccuracy: best.valAccuracy } } : {}),
    trialTrainSeconds: trials.reduce((s, t) => s + (t.trainSeconds ?? 0), 0), trials,
  };
}

self.onmessage = (event: MessageEvent<{ type: 'run'; options: SearchBenchOptions }>) => {
  if (event.data?.type !== 'run') return;
  runSearchBench(event.data.options ?? {}).then(
    (result) => self.postMessage({ type: 'result', result }),
    (error: unknown) => self.postMessage({ type: 'error', message: error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error) }),
  );
};
