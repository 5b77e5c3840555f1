// The training benchmark's fixed workloads (issue 5): their sizes, step counts and seeded synthetic data.
// Every constant that decides how long the bench runs is here, so a slower or faster machine edits one file.
import type { ModelSpec } from '../../src/engine/model/model-spec';
import { createPresetSpec } from '../../src/engine/model/model-presets';
import { defaultGptSpec, type GptSpec } from '../../src/engine/model/transformer-spec';
import type { TrainerData } from '../../src/engine/train/training-loop';
import { createRandom } from '../../src/engine/random';

export type WorkloadId = 'mlp' | 'cnn' | 'lstm' | 'gpt';

/**
 * How long one measurement runs: untimed warm-up steps (kernel compilation), then timed steps. Chosen so the whole
 * bench takes about 7 minutes on 2 shared cores (measured 2026-11: CPU CNN ~1 step/s, CPU LSTM ~17 s a step,
 * WebGPU on SwiftShader ~5 MLP steps/s).
 */
export interface StepCounts {
  warmup: number;
  steps: number;
}

export interface RowWorkload {
  id: Exclude<WorkloadId, 'gpt'>;
  label: string;
  spec: ModelSpec;
  batchSize: number;
  /** Per backend; the software WebGL/WebGPU adapters here are far slower than the CPU on convolutions and LSTMs. */
  counts: Record<string, StepCounts>;
  /** Worker counts of the data-parallel table (1 only: no scaling measured for this workload). */
  workerCounts: number[];
  makeData: () => TrainerData;
}

export interface LmWorkload {
  id: 'gpt';
  label: string;
  spec: GptSpec;
  batchSize: number;
  counts: Record<string, StepCounts>;
  makeIds: () => Int32Array;
}

export type Workload = RowWorkload | LmWorkload;

/** Backends measured, in this order (each is skipped with a note when it cannot start). */
export const BACKENDS = ['cpu', 'webgl', 'webgpu'];
/** Data-parallel worker counts (issue 5: 1, 2, 4 workers on the CPU and on WebGPU). */
export const SCALING_WORKERS = [1, 2, 4];
export const SCALING_BACKENDS = new Set(['cpu', 'webgpu']);
/** Adam at this rate for every workload (WebTrain's loop and the model.fit baseline alike). */
export const LEARNING_RATE = 1e-3;
export const SEED = 42;

const MLP_ROWS = 50_000; // issue 5: a 50k × 30 tabular set
const MLP_FEATURES = 30;
const MLP_CLASSES = 3;
const IMAGE_ROWS = 2048; // 28 × 28 grayscale, 10 classes
const IMAGE_SIDE = 28;
const TEXT_ROWS = 2048; // token rows of 48 ids (vocabulary 2000), 2 classes
const TEXT_LENGTH = 48;
const TEXT_VOCAB = 2000;
const CORPUS_TOKENS = 100_000; // GPT: character-like ids (vocabulary 64), context 64
const CORPUS_VOCAB = 64;

const counts = (cpu: StepCounts, webgl: StepCounts, webgpu: StepCounts) => ({ cpu, webgl, webgpu });

/** Normal draws (Box–Muller) from a seeded source. */
function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** Empty validation split of `featureCount` features (the bench times training steps only). */
const noValidation = (featureCount: number) => ({ x: new Float32Array(0), y: new Float32Array(0), n: 0, featureCount });

/** 50k rows of 30 standard-normal features; the class is the arg-max of a fixed random linear map plus noise. */
function tabularData(): TrainerData {
  const random = createRandom(SEED);
  const weights = Float32Array.from({ length: MLP_FEATURES * MLP_CLASSES }, () => gaussian(random));
  const x = new Float32Array(MLP_ROWS * MLP_FEATURES);
  const y = new Float32Array(MLP_ROWS);
  for (let r = 0; r < MLP_ROWS; r += 1) {
    const scores = new Float32Array(MLP_CLASSES);
    for (let f = 0; f < MLP_FEATURES; f += 1) {
      const v = gaussian(random);
      x[r * MLP_FEATURES + f] = v;
      for (let c = 0; c < MLP_CLASSES; c += 1) scores[c] += v * weights[f * MLP_CLASSES + c];
    }
    scores.forEach((s, c) => { scores[c] = s + gaussian(random); });
    y[r] = scores.indexOf(Math.max(...scores));
  }
  return { train: { x, y, n: MLP_ROWS, featureCount: MLP_FEATURES }, validation: noValidation(MLP_FEATURES) };
}

/** Images of one bright horizontal bar (its row band is the class) on noise, pixels roughly standardized. */
function imageData(): TrainerData {
  const random = createRandom(SEED + 1);
  const size = IMAGE_SIDE * IMAGE_SIDE;
  const x = new Float32Array(IMAGE_ROWS * size);
  const y = new Float32Array(IMAGE_ROWS);
  for (let r = 0; r < IMAGE_ROWS; r += 1) {
    const label = Math.floor(random() * 10);
    y[r] = label;
    const bar = 2 + Math.floor((label * (IMAGE_SIDE - 4)) / 10);
    for (let p = 0; p < size; p += 1) {
      const row = Math.floor(p / IMAGE_SIDE);
      x[r * size + p] = (Math.abs(row - bar) <= 1 ? 2 : 0) + 0.5 * gaussian(random) - 0.3;
    }
  }
  return { train: { x, y, n: IMAGE_ROWS, featureCount: size }, validation: noValidation(size) };
}

/** Token rows (ids 1..vocab-1, padded with 0 after a random length ≥ 8); class 1 rows contain more low ids. */
function textData(): TrainerData {
  const random = createRandom(SEED + 2);
  const x = new Float32Array(TEXT_ROWS * TEXT_LENGTH);
  const y = new Float32Array(TEXT_ROWS);
  for (let r = 0; r < TEXT_ROWS; r += 1) {
    const label = random() < 0.5 ? 1 : 0;
    y[r] = label;
    const length = 8 + Math.floor(random() * (TEXT_LENGTH - 7));
    for (let t = 0; t < length; t += 1) {
      const low = label === 1 && random() < 0.3;
      x[r * TEXT_LENGTH + t] = 1 + Math.floor(random() * (low ? 50 : TEXT_VOCAB - 1));
    }
  }
  return { train: { x, y, n: TEXT_ROWS, featureCount: TEXT_LENGTH }, validation: noValidation(TEXT_LENGTH) };
}

/** A token stream with some structure (a noisy repeating walk over the vocabulary), for the GPT. */
function corpusIds(): Int32Array {
  const random = createRandom(SEED + 3);
  let id = 1;
  return Int32Array.from({ length: CORPUS_TOKENS }, () => {
    id = random() < 0.8 ? (id % (CORPUS_VOCAB - 1)) + 1 : 1 + Math.floor(random() * (CORPUS_VOCAB - 1));
    return id;
  });
}

/** The four workloads of issue 5, in the order they are measured. */
export function createWorkloads(): Workload[] {
  return [
    {
      id: 'mlp', label: 'MLP 30→64→32→3, 50k×30 table, batch 256',
      spec: createPresetSpec('tabular-mlp', { kind: 'table', inputSize: MLP_FEATURES }, { task: 'classification', outputSize: MLP_CLASSES }),
      batchSize: 256, workerCounts: SCALING_WORKERS, makeData: tabularData,
      counts: counts({ warmup: 3, steps: 30 }, { warmup: 3, steps: 30 }, { warmup: 3, steps: 15 }),
    },
    {
      id: 'cnn', label: 'LeNet CNN, 28×28×1 images, batch 32',
      spec: createPresetSpec('lenet-cnn', { kind: 'images', inputShape: [IMAGE_SIDE, IMAGE_SIDE, 1] }, { task: 'classification', outputSize: 10 }),
      batchSize: 32, workerCounts: SCALING_WORKERS, makeData: imageData,
      counts: counts({ warmup: 1, steps: 6 }, { warmup: 1, steps: 6 }, { warmup: 1, steps: 4 }),
    },
    {
      id: 'lstm', label: `LSTM 64 units, ${TEXT_LENGTH} tokens (vocab ${TEXT_VOCAB}), batch 32`,
      spec: createPresetSpec('lstm-text', { kind: 'text', vocabSize: TEXT_VOCAB, sequenceLength: TEXT_LENGTH }, { task: 'classification', outputSize: 2 }),
      batchSize: 32, workerCounts: [1], makeData: textData,
      // tfjs's LSTM on the CPU backend takes ~17 s a step here (0.06 steps/s), so one timed step is already long.
      counts: counts({ warmup: 1, steps: 1 }, { warmup: 1, steps: 3 }, { warmup: 1, steps: 3 }),
    },
    {
      id: 'gpt', label: `GPT 2×64 (4 heads), context 64, vocab ${CORPUS_VOCAB}, batch 16`,
      spec: defaultGptSpec(CORPUS_VOCAB), batchSize: 16, makeIds: corpusIds,
      counts: counts({ warmup: 1, steps: 2 }, { warmup: 1, steps: 3 }, { warmup: 1, steps: 3 }),
    },
  ];
}
