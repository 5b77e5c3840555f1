// The training loop (not model.fit): seeded epoch order, fixed batch shapes, one optimizer step
// per batch, cooperative stop, per-epoch metrics, and exact snapshot/resume of the whole state.
import * as tf from '@tensorflow/tfjs';
import type { EncodedSplit } from '../data/prepare-types';
import { createModelRunner, type AnyModelSpec, type ModelRunner } from './model-runner';
import { disposeModel } from '../model/dispose-model';
import { batchIndices, batchesPerEpoch, epochOrder } from './epoch-order';
import { correctCount, evaluateSplit, perSampleLoss, EVAL_CHUNK } from './split-evaluation';
import { augmentTrainingBatch, isAugmenting, validateAugmentation, type AugmentContext, type ImageFeatures } from './batch-augment';
import { deriveSeed } from '../random';
import { validateTrainConfig } from './train-config';
import type { BatchProgress, EpochMetrics, TrainConfig, TrainerSnapshot } from './train-types';
import { readModelWeights, readOptimizerWeights, restoreSnapshot } from './trainer-snapshot';
import { yieldToEventLoop } from './yield';

export interface TrainerData {
  train: EncodedSplit;
  validation: EncodedSplit;
  /** When the features are standardized image pixels (enables image augmentation). */
  image?: ImageFeatures;
  /** Indices of features that are token counts (enables token deletion). */
  tokenCountColumns?: readonly number[];
}

export interface TrainerCallbacks {
  /** After each batch; the loss is read back at most every `progressIntervalMs` (else the last value read). */
  onBatch?: (p: BatchProgress) => void;
  /** After each epoch's metrics; awaited before the next epoch (the caller writes a checkpoint here). */
  onEpochEnd?: (m: EpochMetrics) => Promise<void> | void;
  /** Checked before every batch: true stops within one batch. */
  shouldStop?: () => boolean;
}

/** The loss became NaN or Infinity: training cannot continue with these settings. */
export class NonFiniteLossError extends Error {
  constructor(readonly epoch: number, readonly step: number) {
    super(`The loss became NaN or infinite in epoch ${epoch} (by optimizer step ${step}). Lower the learning rate and resume or start again; the last checkpoint before this epoch is kept.`);
    this.name = 'NonFiniteLossError';
  }
}

const PROGRESS_INTERVAL_MS = 200;

function splitTensors(split: EncodedSplit): { x: tf.Tensor2D; y: tf.Tensor1D } {
  return { x: tf.tensor2d(split.x, [split.n, split.featureCount]), y: tf.tensor1d(split.y) };
}

export class Trainer {
  readonly history: EpochMetrics[];
  private stepCount: number;
  private readonly variables: tf.Variable[];
  private readonly train: { x: tf.Tensor2D; y: tf.Tensor1D };
  private readonly validation: { x: tf.Tensor2D; y: tf.Tensor1D };

  private readonly model: tf.LayersModel;

  private constructor(
    private readonly runner: ModelRunner,
    private readonly optimizer: tf.Optimizer,
    private readonly config: TrainConfig,
    private readonly data: TrainerData,
    snapshot: TrainerSnapshot | undefined,
  ) {
    this.model = runner.model;
    this.history = snapshot ? snapshot.history.slice() : [];
    this.stepCount = snapshot?.optimizerStep ?? 0;
    // Explicit, ordered variable list: optimizer slots are matched to variables by position.
    this.variables = this.model.trainableWeights.map((w) => w.read() as tf.Variable);
    this.train = splitTensors(data.train);
    this.validation = splitTensors(data.validation);
  }

  /** Build the model (and restore `snapshot` when resuming). Validates spec, config and data shapes first. */
  static async create(spec: AnyModelSpec, config: TrainConfig, data: TrainerData, snapshot?: TrainerSnapshot): Promise<Trainer> {
    validateTrainConfig(config);
    if (data.train.n === 0) throw new Error('The training split is empty: the dataset needs more rows with a target value.');
    const runner = createModelRunner(spec, config.seed);
    try {
      for (const split of [data.train, data.validation]) {
        if (split.n > 0 && split.featureCount !== runner.featureCount) {
          throw new Error(`The data has ${split.featureCount} features but the model expects ${runner.featureCount}.`);
        }
      }
      if (isAugmenting(config.augmentation)) validateAugmentation(config.augmentation, augmentContext(runner, data));
    } catch (error) {
      disposeModel(runner.model);
      throw error;
    }
    const model = runner.model;
    const optimizer = config.optimizer === 'adam' ? tf.train.adam(config.learningRate) : tf.train.sgd(config.learningRate);
    const trainer = new Trainer(runner, optimizer, config, data, snapshot);
    if (snapshot) {
      try {
        await restoreSnapshot(model, optimizer, snapshot);
      } catch (error) {
        trainer.dispose();
        throw error;
      }
    }
    return trainer;
  }

  get completedEpochs(): number {
    return this.history.length;
  }

  get optimizerStep(): number {
    return this.stepCount;
  }

  /** Train epochs completedEpochs+1 .. config.epochs. Resolves 'stopped' when shouldStop() became true. */
  async run(callbacks: TrainerCallbacks = {}): Promise<'completed' | 'stopped'> {
    const n = this.data.train.n;
    const batches = batchesPerEpoch(n, this.config.batchSize);
    for (let epoch = this.completedEpochs + 1; epoch <= this.config.epochs; epoch += 1) {
      const started = Date.now();
      const order = epochOrder(n, this.config.seed, epoch);
      let sums = tf.zeros([2]); // [loss summed over rows, correct rows]
      let lastLoss = NaN;
      let lastRead = 0;
      for (let b = 0; b < batches; b += 1) {
        if (callbacks.shouldStop?.()) {
          sums.dispose();
          return 'stopped';
        }
        const batchLoss = this.step(batchIndices(order, this.config.batchSize, b));
        const next = tf.tidy(() => tf.add(sums, batchLoss.sums));
        tf.dispose([sums, batchLoss.sums]);
        sums = next;
        if (callbacks.onBatch && Date.now() - lastRead >= PROGRESS_INTERVAL_MS) {
          lastLoss = (await batchLoss.mean.data())[0];
          lastRead = Date.now();
          if (!Number.isFinite(lastLoss)) {
            tf.dispose([sums, batchLoss.mean]);
            throw new NonFiniteLossError(epoch, this.stepCount);
          }
        }
        batchLoss.mean.dispose();
        callbacks.onBatch?.({ epoch, batch: b + 1, batchesPerEpoch: batches, optimizerStep: this.stepCount, loss: lastLoss });
        await yieldToEventLoop();
      }
      const [lossSum, correct] = await sums.data();
      sums.dispose();
      const rowsSeen = batches * Math.min(this.config.batchSize, n);
      if (!Number.isFinite(lossSum)) throw new NonFiniteLossError(epoch, this.stepCount);
      const metrics = await this.epochMetrics(epoch, lossSum / rowsSeen, correct / rowsSeen, Date.now() - started);
      this.history.push(metrics);
      await callbacks.onEpochEnd?.(metrics);
    }
    return 'completed';
  }

  /**
   * The batch of rows `indices` as tensors: gathered on the device, or, when augmenting, copied out on
   * the CPU, augmented with this step's seed and uploaded (soft targets when mixup mixes classes).
   */
  private batchTensors(indices: Int32Array): { xb: tf.Tensor2D; yb: tf.Tensor1D; soft?: tf.Tensor2D } {
    const augmentation = this.config.augmentation;
    if (!isAugmenting(augmentation)) {
      const idx = tf.tensor1d(indices, 'int32');
      return { xb: tf.gather(this.train.x, idx), yb: tf.gather(this.train.y, idx) as tf.Tensor1D };
    }
    const { x, y, featureCount } = this.data.train;
    const n = indices.length;
    const xs = new Float32Array(n * featureCount);
    const ys = new Float32Array(n);
    indices.forEach((row, i) => {
      xs.set(x.subarray(row * featureCount, (row + 1) * featureCount), i * featureCount);
      ys[i] = y[row];
    });
    const context = augmentContext(this.runner, this.data);
    const batch = augmentTrainingBatch(augmentation, context, xs, ys, n, deriveSeed(this.config.seed, this.stepCount + 1));
    return {
      xb: tf.tensor2d(batch.x, [n, featureCount]),
      yb: tf.tensor1d(batch.y),
      soft: batch.softTargets ? tf.tensor2d(batch.softTargets, [n, context.classCount]) : undefined,
    };
  }

  /** One optimizer step on the rows `indices`; returns the batch's mean loss and [lossSum, correct]. */
  private step(indices: Int32Array): { mean: tf.Scalar; sums: tf.Tensor1D } {
    const classCount = this.runner.outputSize;
    const result = tf.tidy(() => {
      const { xb, yb, soft } = this.batchTensors(indices);
      let outputs: tf.Tensor | undefined;
      let dataLoss: tf.Scalar | undefined;
      // The step minimizes data loss + L1/L2 penalty; the reported loss is the data loss alone.
      this.optimizer.minimize(() => {
        outputs = tf.keep(this.model.apply(this.runner.toInput(xb), { training: true }) as tf.Tensor);
        const losses = soft
          ? tf.losses.softmaxCrossEntropy(soft, outputs, undefined, undefined, tf.Reduction.NONE)
          : perSampleLoss(this.runner.task, outputs, yb, classCount);
        dataLoss = tf.keep(tf.mean(losses) as tf.Scalar);
        return tf.add(dataLoss, this.runner.penalty()) as tf.Scalar;
      }, false, this.variables);
      const mean = dataLoss as tf.Scalar;
      const kept = outputs as tf.Tensor;
      const correct = this.runner.task === 'classification' ? correctCount(kept, yb) : tf.scalar(0);
      kept.dispose();
      return { mean, sums: tf.stack([tf.mul(mean, indices.length), correct]) as tf.Tensor1D };
    });
    this.stepCount += 1;
    return result;
  }

  private async epochMetrics(epoch: number, trainLoss: number, trainAccuracy: number, durationMs: number): Promise<EpochMetrics> {
    const task = this.runner.task;
    const forward = (x: tf.Tensor2D) => this.model.apply(this.runner.toInput(x), { training: false }) as tf.Tensor;
    const val = this.data.validation.n > 0
      ? await evaluateSplit(forward, task, this.runner.outputSize, this.validation.x, this.validation.y, this.data.validation.n)
      : { loss: trainLoss, accuracy: task === 'classification' ? trainAccuracy : undefined };
    return {
      epoch, trainLoss, valLoss: val.loss, optimizerStep: this.stepCount, durationMs,
      ...(task === 'classification' ? { trainAccuracy, valAccuracy: val.accuracy } : {}),
    };
  }

  /** Weights, optimizer slots and counters copied to the CPU. */
  async snapshot(): Promise<TrainerSnapshot> {
    return {
      weights: await readModelWeights(this.model),
      optimizerWeights: await readOptimizerWeights(this.optimizer),
      completedEpochs: this.completedEpochs,
      optimizerStep: this.stepCount,
      history: this.history.slice(),
    };
  }

  /** Outputs for n rows of x ([n, inputSize] row-major): class probabilities [n, k] or standardized values [n]. */
  async predict(x: Float32Array, n: number): Promise<Float32Array> {
    const width = this.runner.task === 'classification' ? this.runner.outputSize : 1;
    const inputSize = this.runner.featureCount;
    const out = new Float32Array(n * width);
    for (let start = 0; start < n; start += EVAL_CHUNK) {
      const rows = Math.min(EVAL_CHUNK, n - start);
      const result = tf.tidy(() => {
        const xb = tf.tensor2d(x.subarray(start * inputSize, (start + rows) * inputSize), [rows, inputSize]);
        const outputs = this.model.apply(this.runner.toInput(xb), { training: false }) as tf.Tensor;
        return this.runner.task === 'classification' ? tf.softmax(outputs) : outputs.reshape([-1]);
      });
      out.set(await result.data(), start * width);
      result.dispose();
    }
    return out;
  }

  /** Free the model, the optimizer and the data tensors. */
  dispose(): void {
    tf.dispose([this.train.x, this.train.y, this.validation.x, this.validation.y]);
    this.optimizer.dispose();
    disposeModel(this.model);
  }
}

/** What batch augmentation needs to know about the model's data. */
function augmentContext(runner: ModelRunner, data: TrainerData): AugmentContext {
  return { task: runner.task, classCount: runner.outputSize, featureCount: runner.featureCount, image: data.image, tokenCountColumns: data.tokenCountColumns, tokenIds: runner.readsTokens };
}
