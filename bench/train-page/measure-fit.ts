// The baseline a developer would write: the same tfjs model (buildModel / buildGpt, same seed), compiled with
// Adam at the same rate and a softmax cross-entropy on the logits, trained with model.fit on the same rows,
// batch size and backend. Timed like WebTrain's loop: untimed warm-up steps, then timed steps until the
// weights are read back.
import * as tf from '@tensorflow/tfjs';
import { buildModel } from '../../src/engine/model/build-model';
import { buildGpt } from '../../src/engine/model/gpt-model';
import { disposeModel } from '../../src/engine/model/dispose-model';
import { withoutDropout } from '../../workers/calibrate';
import { gatherLmWindows } from '../../src/engine/text/sequences';
import { LEARNING_RATE, SEED, type LmWorkload, type RowWorkload, type StepCounts } from './workloads';

export interface StepTiming {
  stepsPerSecond: number;
  samplesPerSecond: number;
  seconds: number;
}

/** Reads every trainable weight: returns once all queued kernels (the last update included) have run. */
export async function settleWeights(model: tf.LayersModel): Promise<void> {
  await Promise.all(model.trainableWeights.map((w) => w.read().data()));
}

/** Input tensor of `rows` encoded rows as the model reads them (images reshaped, token ids as int32). */
function inputRows(workload: RowWorkload, x: Float32Array, rows: number): tf.Tensor {
  const spec = workload.spec;
  if (spec.kind === 'cnn') return tf.tensor4d(x, [rows, ...spec.inputShape]);
  if (spec.kind === 'rnn' && spec.input.type === 'tokens') return tf.tensor2d(Int32Array.from(x), [rows, spec.input.sequenceLength], 'int32');
  return tf.tensor2d(x, [rows, x.length / rows]);
}

/** Softmax cross-entropy of logits against one-hot targets (the models output logits). */
const logitLoss = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.losses.softmaxCrossEntropy(yTrue, yPred) as tf.Scalar;

/** Runs model.fit for `warmup` then `steps` batches on fresh rows each time; times the second call. */
async function timeFit(model: tf.LayersModel, batchRows: (first: number, count: number) => { x: tf.Tensor; y: tf.Tensor }, batchSize: number, counts: StepCounts): Promise<StepTiming> {
  model.compile({ optimizer: tf.train.adam(LEARNING_RATE), loss: logitLoss });
  const fit = async (first: number, steps: number) => {
    const { x, y } = batchRows(first, steps * batchSize);
    try {
      await model.fit(x, y, { batchSize, epochs: 1, shuffle: true, verbose: 0 });
    } finally {
      tf.dispose([x, y]);
    }
  };
  await fit(0, counts.warmup);
  await settleWeights(model);
  const t0 = performance.now();
  await fit(counts.warmup * batchSize, counts.steps);
  await settleWeights(model);
  const seconds = (performance.now() - t0) / 1000;
  return { stepsPerSecond: counts.steps / seconds, samplesPerSecond: (counts.steps * batchSize) / seconds, seconds };
}

/** model.fit steps/s of a row workload on the active backend (dropout off, as in WebTrain's measurement). */
export async function measureFitRows(workload: RowWorkload, train: { x: Float32Array; y: Float32Array; n: number; featureCount: number }, counts: StepCounts): Promise<StepTiming> {
  const spec = withoutDropout(workload.spec);
  const model = buildModel(spec, SEED);
  if (spec.kind === 'gpt') throw new RangeError('The GPT trains on windows of a token stream (measureFitLm).');
  const classes = spec.outputSize;
  const f = train.featureCount;
  try {
    return await timeFit(model, (first, count) => {
      const start = first % Math.max(1, train.n - count);
      const x = inputRows(workload, train.x.subarray(start * f, (start + count) * f), count);
      const y = tf.tidy(() => tf.oneHot(tf.tensor1d(train.y.subarray(start, start + count), 'int32'), classes).toFloat());
      return { x, y };
    }, workload.batchSize, counts);
  } finally {
    disposeModel(model);
  }
}

/** model.fit steps/s of the GPT on consecutive context windows of `ids` (one-hot next-token targets). */
export async function measureFitLm(workload: LmWorkload, ids: Int32Array, counts: StepCounts): Promise<StepTiming> {
  const spec = withoutDropout(workload.spec);
  const model = buildGpt(spec, SEED);
  const t = spec.contextLength;
  try {
    return await timeFit(model, (first, count) => {
      const starts = Int32Array.from({ length: count }, (_, i) => ((first + i) * t) % (ids.length - t - 1));
      const w = gatherLmWindows(ids, t, 1, starts);
      const x = tf.tensor2d(w.inputs, [count, t], 'int32');
      const y = tf.tidy(() => tf.oneHot(tf.tensor2d(w.targets, [count, t], 'int32'), spec.vocabSize).toFloat());
      return { x, y };
    }, workload.batchSize, counts);
  } finally {
    disposeModel(model);
  }
}
