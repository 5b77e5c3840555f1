// WebTrain's side of the training benchmark: steps/s of the engine's own loop (Trainer through the
// calibration's measureConfigurations, which also gives the 1/2/4-worker data-parallel table; LmTrainer for
// the GPT), what a calibration of the usual length would choose, and the same backend's large-matmul FLOP/s.
import * as tf from '@tensorflow/tfjs';
import { measureConfigurations, withoutDropout } from '../../workers/calibrate';
import { switchBackend } from '../../workers/placement';
import { fastestRow, type CalibrationRow } from '../../src/engine/storage/calibrations-repo';
import { LmTrainer } from '../../src/engine/train/lm-trainer';
import type { TrainerData } from '../../src/engine/train/training-loop';
import type { TrainConfig } from '../../src/engine/train/train-types';
import { settleWeights, type StepTiming } from './measure-fit';
import { LEARNING_RATE, SEED, type LmWorkload, type RowWorkload, type StepCounts } from './workloads';

/** Adam at the bench's rate, one worker (the pool sets its own), long enough for any step count. */
export function benchConfig(batchSize: number): TrainConfig {
  return { epochs: 10_000, batchSize, learningRate: LEARNING_RATE, optimizer: 'adam', seed: SEED };
}

/**
 * One row per worker count of `workload` on `backend` (WebTrain's Trainer; replicas for > 1 worker): steps/s,
 * samples/s and the largest parameter difference from 1 worker. Warm-up and timed steps from `counts`.
 */
export function measureLoopRows(workload: RowWorkload, data: TrainerData, backend: string, counts: StepCounts, workerCounts = workload.workerCounts): Promise<CalibrationRow[]> {
  return measureConfigurations(
    { spec: workload.spec, config: benchConfig(workload.batchSize), data, backends: [backend], workerCounts, steps: counts.steps, warmupSteps: counts.warmup },
    { setBackend: switchBackend },
  );
}

/**
 * What the app's calibration would choose on this backend: measureConfigurations with its default length
 * (2 warm-up + 8 timed steps) over the same worker counts, then fastestRow. Undefined when nothing ran.
 */
export async function calibrationChoice(workload: RowWorkload, data: TrainerData, backend: string): Promise<CalibrationRow | undefined> {
  const rows = await measureConfigurations(
    { spec: workload.spec, config: benchConfig(workload.batchSize), data, backends: [backend], workerCounts: workload.workerCounts },
    { setBackend: switchBackend },
  );
  return fastestRow(rows);
}

/** Steps/s of WebTrain's LmTrainer on the GPT workload (dropout off, as for the other workloads). */
export async function measureLoopLm(workload: LmWorkload, ids: Int32Array, counts: StepCounts): Promise<StepTiming> {
  const config = { ...benchConfig(workload.batchSize), epochs: 1, stepsPerEpoch: 1_000_000 };
  // A one-token validation stream has no window: the trainer builds no validation set (none is timed).
  const trainer = await LmTrainer.create(withoutDropout(workload.spec), config, { trainIds: ids, validationIds: new Int32Array(1) });
  const stepsThenStop = (steps: number) => {
    let done = 0;
    return () => (done >= steps ? true : ((done += 1), false));
  };
  try {
    await trainer.run({ shouldStop: stepsThenStop(counts.warmup) });
    await settleWeights(trainer.model);
    const t0 = performance.now();
    await trainer.run({ shouldStop: stepsThenStop(counts.steps) });
    await settleWeights(trainer.model);
    const seconds = (performance.now() - t0) / 1000;
    return { stepsPerSecond: counts.steps / seconds, samplesPerSecond: (counts.steps * workload.batchSize) / seconds, seconds };
  } finally {
    trainer.dispose();
  }
}

/** Matmul side per backend: large enough to be compute-bound, small enough to take about a second on 2 cores. */
export const MATMUL_SIDE: Record<string, number> = { cpu: 512, webgl: 1024, webgpu: 1024 };
const MATMUL_REPEATS = 4;

/** FLOP/s (2·n³ per product) of an n×n float32 matMul on the active backend, after one untimed product. */
export async function measureMatmul(backend: string): Promise<{ side: number; flopsPerSecond: number }> {
  const side = MATMUL_SIDE[backend] ?? 512;
  const a = tf.randomNormal([side, side], 0, 1, 'float32', SEED);
  const b = tf.randomNormal([side, side], 0, 1, 'float32', SEED + 1);
  try {
    const product = async (n: number) => {
      let last: tf.Tensor | undefined;
      for (let i = 0; i < n; i += 1) {
        last?.dispose();
        last = tf.matMul(a, b);
      }
      await last?.data();
      last?.dispose();
    };
    await product(1);
    const t0 = performance.now();
    await product(MATMUL_REPEATS);
    const seconds = (performance.now() - t0) / 1000;
    return { side, flopsPerSecond: (MATMUL_REPEATS * 2 * side ** 3) / seconds };
  } finally {
    tf.dispose([a, b]);
  }
}
