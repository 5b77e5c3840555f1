// Calibration: a short measurement of optimizer steps per second for each candidate configuration
// (backend × worker count) on the run's actual model and data, which also checks that every worker count
// trains the same parameters as one worker. The fastest working configuration is then chosen.
import type { AnyModelSpec } from '../src/engine/model/model-types';
import { Trainer, type TrainerData } from '../src/engine/train/training-loop';
import type { TrainConfig } from '../src/engine/train/train-types';
import type { CalibrationRow } from '../src/engine/storage/calibrations-repo';
import { problemFrom } from './api-types';
import { ReplicaPool } from './replica-pool';

export interface CalibrationRequest {
  spec: AnyModelSpec;
  config: TrainConfig;
  data: TrainerData;
  backends: readonly string[];
  workerCounts: readonly number[];
  /** Timed steps per configuration (after `warmupSteps` untimed ones that compile kernels). */
  steps?: number;
  warmupSteps?: number;
}

export interface CalibrationDeps {
  /** Initialises a backend by name in this worker; false when it cannot start. */
  setBackend: (name: string) => Promise<boolean>;
  /** Called after each measured row (progress in the UI). */
  onRow?: (row: CalibrationRow) => void;
  spawn?: () => Worker;
}

/**
 * `spec` with every dropout rate set to 0. Dropout draws its own random masks in each worker, so with it on
 * no two runs (even of one worker) end with the same parameters; calibration compares worker counts without
 * it. Every spec kind names its rates `dropout` or `recurrentDropout` (model-spec.ts), at any depth.
 */
export function withoutDropout<T>(spec: T): T {
  if (Array.isArray(spec)) return spec.map(withoutDropout) as T;
  if (spec && typeof spec === 'object') {
    return Object.fromEntries(Object.entries(spec).map(([key, value]) => [key,
      (key === 'dropout' || key === 'recurrentDropout') && typeof value === 'number' ? 0 : withoutDropout(value)])) as T;
  }
  return spec;
}

/** One configuration's trainer, with its replicas when it has more than one worker. */
async function startConfiguration(request: CalibrationRequest, backend: string, workers: number, spawn?: () => Worker) {
  const { config, data } = request;
  const spec = withoutDropout(request.spec);
  // Calibration never augments: it measures the model's step, and augmentation is the same for every configuration.
  const plain: TrainConfig = { ...config, augmentation: undefined, earlyStopping: undefined };
  if (workers === 1) return { trainer: await Trainer.create(spec, plain, data), pool: undefined };
  const pool = new ReplicaPool({ workers, backend, spec, config: plain, data, spawn });
  try {
    const trainer = await Trainer.create(spec, plain, data, undefined, pool.role);
    await pool.start();
    return { trainer, pool };
  } catch (error) {
    pool.dispose();
    throw error;
  }
}

/** Runs `steps` optimizer steps (over as many epochs as needed) and waits until they are done on the device. */
async function runSteps(trainer: Trainer, pool: ReplicaPool | undefined, steps: number, firstEpoch: number): Promise<number> {
  let epoch = firstEpoch;
  let done = 0;
  // Asked before each step: counts the steps let through and stops the epoch once there were enough.
  const enough = () => {
    if (done >= steps) return true;
    done += 1;
    return false;
  };
  while (done < steps) {
    pool?.startEpoch(epoch);
    await trainer.runEpoch(epoch, { shouldStop: enough });
    // Reading the parameters waits for every queued kernel, so the clock sees finished work.
    const hash = await trainer.parameterHash();
    // Calibration keeps equal shards: it measures each configuration as it starts.
    await pool?.finishEpoch(epoch, hash);
    epoch += 1;
  }
  return epoch;
}

async function flatWeights(trainer: Trainer): Promise<Float32Array> {
  const snapshot = await trainer.snapshot();
  return Float32Array.from(snapshot.weights.flatMap((w) => Array.from(w.data)));
}

function maxDifference(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let worst = 0;
  for (let i = 0; i < a.length; i += 1) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

/**
 * Measures every backend × worker count of `request` and returns one row each, in order. A configuration
 * that cannot run (backend missing, batch too small to share) gets a row with its problem and speed 0.
 * Leaves the backend last measured active; the caller sets the one it trains on.
 */
export async function measureConfigurations(request: CalibrationRequest, deps: CalibrationDeps): Promise<CalibrationRow[]> {
  const steps = request.steps ?? 8;
  const warmup = request.warmupSteps ?? 2;
  const batchRows = Math.min(request.config.batchSize, request.data.train.n);
  const rows: CalibrationRow[] = [];
  const add = (row: CalibrationRow) => {
    rows.push(row);
    deps.onRow?.(row);
  };
  for (const backend of request.backends) {
    const started = await deps.setBackend(backend);
    let reference: Float32Array | undefined;
    for (const workers of request.workerCounts) {
      const failed = (problem: string) => add({ backend, workers, stepsPerSecond: 0, samplesPerSecond: 0, maxDifference: null, problem });
      if (!started) { failed(`the ${backend} backend is not available here`); continue; }
      if (workers > 1 && batchRows < workers) { failed(`a batch of ${batchRows} rows cannot be shared by ${workers} workers`); continue; }
      let configuration: Awaited<ReturnType<typeof startConfiguration>> | undefined;
      try {
        configuration = await startConfiguration(request, backend, workers, deps.spawn);
        const { trainer, pool } = configuration;
        const next = await runSteps(trainer, pool, warmup, 1);
        const t0 = performance.now();
        await runSteps(trainer, pool, steps, next);
        const seconds = (performance.now() - t0) / 1000;
        const weights = await flatWeights(trainer);
        if (workers === 1) reference = weights;
        const stepsPerSecond = steps / seconds;
        add({ backend, workers, stepsPerSecond, samplesPerSecond: stepsPerSecond * batchRows, maxDifference: reference ? maxDifference(weights, reference) : null });
      } catch (error) {
        failed(problemFrom(error).message);
      } finally {
        configuration?.pool?.dispose();
        configuration?.trainer.dispose();
      }
    }
  }
  return rows;
}
