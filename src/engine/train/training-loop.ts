// The training loop (not model.fit): seeded epoch order, fixed batch shapes, one optimizer step
// per batch, cooperative stop, per-epoch metrics, and exact snapshot/resume of the whole state.
import * as tf from '@tensorflow/tfjs';
import type { EncodedSplit } from '../data/prepare-types';
import { createModelRunner, type AnyModelSpec, type ModelRunner } from './model-runner';
import { disposeModel } from '../model/dispose-model';
import { batchIndices, batchesPerEpoch, epochOrder } from './epoch-order';
import { correctCount, evaluateSplit, perSampleLoss, EVAL_CHUNK } from './split-evaluation';
import { isAugmenting, validateAugmentation, type ImageFeatures } from './batch-augment';
import { optimizerSpecOf, rethrowAsConfigError, validateTrainConfig } from './train-config';
import type { BatchProgress, EpochCursor, EpochMetrics, TrainConfig, TrainerSnapshot } from './train-types';
import { readModelWeights, writeModelWeights } from './trainer-snapshot';
import { augmentContext, gatherBatch, splitTensors } from './batch-rows';
import { batchGradients, globalNorm, type BatchRows, type RowLossFn } from './batch-gradients';
import { EpochControl } from './epoch-control';
import { upgradeOptimizerState } from './optimizer-state-compat';
import { createEngineOptimizer, type EngineOptimizer } from '../optim/engine-optimizer';
import { clipByGlobalNorm } from '../optim/clip-gradients';
import type { Shard } from '../parallel/shard-plan';
import type { GradientAllReduce } from '../parallel/all-reduce';
import { PARALLEL_TRAILING, validateParallelRole, type ParallelRole } from './parallel-role';

export { PARALLEL_TRAILING, type ParallelRole } from './parallel-role';
import { packGradients, unpackGradients } from '../parallel/replica-gradients';
import { readParameters } from '../parallel/replica-update';
import { hashParameters } from '../parallel/params-hash';
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
  /** Before each epoch's first step, or its `fromBatch`-th when resuming inside it (data-parallel pools start their replicas here). */
  onEpochStart?: (epoch: number, fromBatch: number) => void;
  /** Asked after every step: true writes a mid-epoch checkpoint now (e.g. the tab was hidden). */
  checkpointRequested?: () => boolean;
  /** Writes a checkpoint of `snapshot(cursor)`; awaited before the next step. */
  onMidEpochCheckpoint?: (cursor: EpochCursor) => Promise<void>;
  /** Early stopping ended the run after `epoch`; `restoredEpoch` is the epoch whose weights were put back. */
  onEarlyStop?: (epoch: number, restoredEpoch: number | undefined) => void;
}

/** The loss became NaN or Infinity: training cannot continue with these settings. */
export class NonFiniteLossError extends Error {
  constructor(readonly epoch: number, readonly step: number) {
    super(`The loss became NaN or infinite in epoch ${epoch} (by optimizer step ${step}). Lower the learning rate and resume or start again; the last checkpoint before this epoch is kept.`);
    this.name = 'NonFiniteLossError';
  }
}

const PROGRESS_INTERVAL_MS = 200;

/** What one step leaves for the epoch's sums: [loss sum, correct rows] on the device, or read back (parallel). */
interface StepResult {
  sums: tf.Tensor1D;
  /** Batch mean loss and gradient norm, when read back (parallel steps always, local steps at progress reads). */
  loss?: number;
  gradNorm?: number;
  stop: boolean;
}


export class Trainer {
  readonly history: EpochMetrics[];
  private readonly variables: tf.Variable[];
  private readonly train: { x: tf.Tensor2D; y: tf.Tensor1D };
  private readonly validation: { x: tf.Tensor2D; y: tf.Tensor1D };
  private readonly model: tf.LayersModel;
  private readonly optimizer: EngineOptimizer;
  private readonly control: EpochControl;
  private readonly batches: number;
  private learningRateNow: number;
  private readonly allReduce?: GradientAllReduce;
  /** Where a snapshot taken inside an epoch left off; the next run() continues there. */
  private resumeCursor?: EpochCursor;
  /** Data-parallel only: ms this replica spent computing and reading back gradients in its latest epoch. */
  private computeMs = 0;

  private constructor(
    private readonly runner: ModelRunner,
    private readonly config: TrainConfig,
    private readonly data: TrainerData,
    snapshot: TrainerSnapshot | undefined,
    private readonly parallel: ParallelRole | undefined,
  ) {
    this.model = runner.model;
    this.history = snapshot ? snapshot.history.slice() : [];
    this.resumeCursor = snapshot?.cursor?.epoch === this.history.length + 1 ? snapshot.cursor : undefined;
    // Explicit, ordered variable list: optimizer slots and all-reduce vectors follow this order.
    this.variables = this.model.trainableWeights.map((w) => w.read() as tf.Variable);
    this.optimizer = createEngineOptimizer(optimizerSpecOf(config), this.variables);
    this.batches = batchesPerEpoch(data.train.n, config.batchSize);
    this.control = rethrowAsConfigError(() => new EpochControl(config, this.batches, this.batches * config.epochs, snapshot));
    this.learningRateNow = config.learningRate;
    const gradientValues = this.variables.reduce((total, v) => total + v.size, 0);
    this.allReduce = parallel?.connect(gradientValues + PARALLEL_TRAILING);
    this.train = splitTensors(data.train);
    this.validation = splitTensors(data.validation);
  }

  /**
   * Build the model (and restore `snapshot` when resuming). Validates spec, config and data shapes first.
   * `parallel` makes this trainer one replica of a data-parallel group (see ParallelRole).
   */
  static async create(spec: AnyModelSpec, config: TrainConfig, data: TrainerData, snapshot?: TrainerSnapshot, parallel?: ParallelRole): Promise<Trainer> {
    validateTrainConfig(config);
    if (data.train.n === 0) throw new Error('The training split is empty: the dataset needs more rows with a target value.');
    const runner = createModelRunner(spec, config.seed);
    let trainer: Trainer | undefined;
    try {
      for (const split of [data.train, data.validation]) {
        if (split.n > 0 && split.featureCount !== runner.featureCount) {
          throw new Error(`The data has ${split.featureCount} features but the model expects ${runner.featureCount}.`);
        }
      }
      if (isAugmenting(config.augmentation)) validateAugmentation(config.augmentation, augmentContext(runner, data));
      if (parallel) validateParallelRole(parallel, Math.min(config.batchSize, data.train.n));
      trainer = new Trainer(runner, config, data, snapshot, parallel);
      if (snapshot) {
        writeModelWeights(runner.model, snapshot.weights);
        trainer.optimizer.writeState(upgradeOptimizerState(config.optimizer, snapshot.optimizerWeights, trainer.variables.length));
      }
      return trainer;
    } catch (error) {
      if (trainer) trainer.dispose();
      else disposeModel(runner.model);
      throw error;
    }
  }

  get completedEpochs(): number {
    return this.history.length;
  }

  get optimizerStep(): number {
    return this.optimizer.step;
  }

  /** Train epochs completedEpochs+1 .. config.epochs (or until early stopping). 'stopped' when shouldStop() became true. */
  async run(callbacks: TrainerCallbacks = {}): Promise<'completed' | 'stopped' | 'early-stopped'> {
    if (this.control.stopped) return 'early-stopped';
    for (let epoch = this.completedEpochs + 1; epoch <= this.config.epochs; epoch += 1) {
      const started = Date.now();
      const from = this.resumeCursor?.epoch === epoch ? this.resumeCursor : undefined;
      this.resumeCursor = undefined;
      callbacks.onEpochStart?.(epoch, from?.batch ?? 0);
      const result = await this.runEpoch(epoch, callbacks, from);
      if (result === 'stopped') return 'stopped';
      const rowsSeen = this.batches * Math.min(this.config.batchSize, this.data.train.n);
      const metrics = await this.epochMetrics(epoch, result.lossSum / rowsSeen, result.correct / rowsSeen, Date.now() - started);
      this.history.push(metrics);
      const decision = this.control.afterEpoch(metrics, this.model);
      await callbacks.onEpochEnd?.(metrics);
      if (decision.stop) {
        callbacks.onEarlyStop?.(epoch, this.control.restoreBest(this.model, epoch));
        return 'early-stopped';
      }
    }
    this.control.restoreBest(this.model, this.completedEpochs);
    return 'completed';
  }

  /**
   * The training steps of one epoch (no validation, no metrics history): what data-parallel replicas run in
   * lockstep. Resolves with the epoch's summed loss and correct rows over all replicas, or 'stopped'.
   */
  async runEpoch(epoch: number, callbacks: Pick<TrainerCallbacks, 'onBatch' | 'shouldStop' | 'checkpointRequested' | 'onMidEpochCheckpoint'> = {},
    from?: Pick<EpochCursor, 'batch'> & Partial<EpochCursor>): Promise<{ lossSum: number; correct: number } | 'stopped'> {
    const n = this.data.train.n;
    const order = epochOrder(n, this.config.seed, epoch);
    let sums = tf.tensor1d([from?.lossSum ?? 0, from?.correct ?? 0]);
    let lastLoss = NaN;
    let lastNorm: number | undefined;
    let lastRead = 0;
    this.computeMs = 0;
    for (let b = from?.batch ?? 0; b < this.batches; b += 1) {
      const stopRequested = callbacks.shouldStop?.() ?? false;
      if (stopRequested && !this.parallel) {
        sums.dispose();
        return 'stopped';
      }
      const wantsReadback = callbacks.onBatch !== undefined && Date.now() - lastRead >= PROGRESS_INTERVAL_MS;
      const step = this.parallel
        ? await this.parallelStep(batchIndices(order, this.config.batchSize, b), stopRequested)
        : await this.localStep(batchIndices(order, this.config.batchSize, b), wantsReadback);
      const next = tf.add(sums, step.sums) as tf.Tensor1D;
      tf.dispose([sums, step.sums]);
      sums = next;
      if (step.loss !== undefined) {
        lastLoss = step.loss;
        lastNorm = step.gradNorm;
        lastRead = Date.now();
        if (!Number.isFinite(lastLoss)) {
          sums.dispose();
          throw new NonFiniteLossError(epoch, this.optimizer.step);
        }
      }
      callbacks.onBatch?.({ epoch, batch: b + 1, batchesPerEpoch: this.batches, optimizerStep: this.optimizer.step, loss: lastLoss, learningRate: this.learningRateNow, gradNorm: lastNorm });
      if (step.stop) {
        sums.dispose();
        return 'stopped';
      }
      if (b + 1 < this.batches && callbacks.checkpointRequested?.() && callbacks.onMidEpochCheckpoint) {
        const [lossSum, correct] = await sums.data();
        await callbacks.onMidEpochCheckpoint({ epoch, batch: b + 1, lossSum, correct });
      }
      await yieldToEventLoop();
    }
    const [lossSum, correct] = await sums.data();
    sums.dispose();
    if (!Number.isFinite(lossSum)) throw new NonFiniteLossError(epoch, this.optimizer.step);
    return { lossSum, correct };
  }

  /** The batch of rows `indices` as tensors (augmented with this step's seed when configured; see batch-rows.ts). */
  private batchTensors(indices: Int32Array): BatchRows {
    return gatherBatch(indices, this.train, this.data, this.config, augmentContext(this.runner, this.data), this.optimizer.step);
  }

  /** Per-sample loss and correct count of a batch's rows, in training mode (the model's forward pass). */
  private readonly rowLoss: RowLossFn = (rows) => {
    const outputs = this.model.apply(this.runner.toInput(rows.x as tf.Tensor2D), { training: true }) as tf.Tensor;
    const losses = rows.soft
      ? tf.losses.softmaxCrossEntropy(rows.soft, outputs, undefined, undefined, tf.Reduction.NONE) as tf.Tensor1D
      : perSampleLoss(this.runner.task, outputs, rows.y as tf.Tensor1D, this.runner.outputSize);
    const correct = this.runner.task === 'classification' ? correctCount(outputs, rows.y as tf.Tensor1D) : tf.scalar(0);
    return { losses, correct };
  };

  /** Clip (when configured) and apply `grads` at this step's learning rate; disposes `grads`. */
  private update(grads: tf.Tensor[], learningRate: number): void {
    this.learningRateNow = learningRate;
    const clipped = this.config.clipNorm ? clipByGlobalNorm(grads, this.config.clipNorm) : undefined;
    try {
      this.optimizer.applyGradients(clipped?.grads ?? grads, learningRate);
    } finally {
      tf.dispose(grads);
      if (clipped) tf.dispose([...clipped.grads, clipped.norm]);
    }
  }

  /**
   * One optimizer step on the rows `indices`, on this device only. Nothing is read back unless `readback`
   * (then the batch's mean loss and gradient norm are), so the GPU queue is never drained for progress alone.
   */
  private async localStep(indices: Int32Array, readback: boolean): Promise<StepResult> {
    const rows = this.batchTensors(indices);
    const { grads, lossSum, correct } = batchGradients(this.rowLoss, this.variables, rows, {
      divisor: indices.length, microBatches: this.config.accumulationSteps ?? 1, penalty: () => this.runner.penalty(),
    });
    tf.dispose([rows.x, rows.y, rows.soft ?? []].flat());
    const norm = readback ? globalNorm(grads) : undefined;
    this.update(grads, this.control.learningRate(this.optimizer.step));
    const sums = tf.stack([lossSum, correct]) as tf.Tensor1D;
    tf.dispose([lossSum, correct]);
    if (!norm) return { sums, stop: false };
    const [loss, gradNorm] = await Promise.all([sums.data(), norm.data()]);
    norm.dispose();
    return { sums, loss: loss[0] / indices.length, gradNorm: gradNorm[0], stop: false };
  }

  /**
   * One data-parallel step: this replica's shard of the batch, then the all-reduce of
   * [gradients…, loss sum, correct, learning rate (party 0), stop flag (party 0)], then the same update everywhere.
   */
  private async parallelStep(indices: Int32Array, stopRequested: boolean): Promise<StepResult> {
    const { party, shards } = this.parallel as ParallelRole;
    const allReduce = this.allReduce as GradientAllReduce;
    const started = performance.now();
    const shard = shards[party];
    const all = this.batchTensors(indices);
    const rows: BatchRows = tf.tidy(() => ({
      x: tf.slice(all.x, [shard.start], [shard.count]), y: tf.slice(all.y, [shard.start], [shard.count]),
      soft: all.soft ? tf.slice(all.soft, [shard.start], [shard.count]) : undefined,
    }));
    tf.dispose([all.x, all.y, all.soft ?? []].flat());
    const { grads, lossSum, correct } = batchGradients(this.rowLoss, this.variables, rows, {
      divisor: indices.length, microBatches: this.config.accumulationSteps ?? 1, penalty: party === 0 ? () => this.runner.penalty() : undefined,
    });
    tf.dispose([rows.x, rows.y, rows.soft ?? []].flat());
    const leads = party === 0;
    const control = [leads ? this.control.learningRate(this.optimizer.step) : 0, leads && stopRequested ? 1 : 0].map((v) => tf.scalar(v));
    const packed = await packGradients(grads, [lossSum, correct, ...control]);
    tf.dispose([...grads, lossSum, correct, ...control]);
    // The read-back waited for this replica's kernels: the time so far is its own work, not waiting for others.
    this.computeMs += performance.now() - started;
    const summed = await allReduce.allReduce(packed);
    const size = packed.length - PARALLEL_TRAILING;
    const [loss, right, learningRate, stop] = summed.subarray(size, size + PARALLEL_TRAILING);
    // A stop asked before this step ends it without an update, as a local step stops before computing one.
    if (stop > 0) return { sums: tf.zeros([2]) as tf.Tensor1D, stop: true };
    const reduced = unpackGradients(summed, this.variables.map((v) => v.shape));
    const norm = globalNorm(reduced);
    this.update(reduced, learningRate);
    const gradNorm = (await norm.data())[0];
    norm.dispose();
    return { sums: tf.tensor1d([loss, right]), loss: loss / indices.length, gradNorm, stop: stop > 0 };
  }

  private async epochMetrics(epoch: number, trainLoss: number, trainAccuracy: number, durationMs: number): Promise<EpochMetrics> {
    const task = this.runner.task;
    const forward = (x: tf.Tensor2D) => this.model.apply(this.runner.toInput(x), { training: false }) as tf.Tensor;
    const val = this.data.validation.n > 0
      ? await evaluateSplit(forward, task, this.runner.outputSize, this.validation.x, this.validation.y, this.data.validation.n)
      : { loss: trainLoss, accuracy: task === 'classification' ? trainAccuracy : undefined };
    return {
      epoch, trainLoss, valLoss: val.loss, optimizerStep: this.optimizer.step, durationMs, learningRate: this.learningRateNow,
      ...(task === 'classification' ? { trainAccuracy, valAccuracy: val.accuracy } : {}),
    };
  }

  /** Weights, optimizer slots and counters copied to the CPU. */
  async snapshot(cursor?: EpochCursor): Promise<TrainerSnapshot> {
    return {
      ...(cursor ? { cursor } : {}),
      weights: await readModelWeights(this.model),
      optimizerWeights: await this.optimizer.readState(),
      completedEpochs: this.completedEpochs,
      optimizerStep: this.optimizer.step,
      history: this.history.slice(),
      ...(await this.control.snapshotParts()),
    };
  }

  /** Data-parallel only: ms spent on this replica's own gradients in the latest (or current) epoch. */
  get epochComputeMs(): number {
    return this.computeMs;
  }

  /**
   * Data-parallel only: use `shards` (planShards of one batch) from the next step on, e.g. rebalanced by measured
   * speed. Every replica must switch at the same step; the sum of the shards' gradients is unchanged.
   */
  setShards(shards: Shard[]): void {
    if (!this.parallel) throw new Error('Only a data-parallel replica has shards.');
    validateParallelRole({ ...this.parallel, shards }, Math.min(this.config.batchSize, this.data.train.n));
    this.parallel.shards = shards;
  }

  /** Fingerprint of the trainable parameters (replicas compare it at every epoch end). */
  async parameterHash(): Promise<string> {
    return hashParameters(await readParameters(this.variables));
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
    this.control.dispose();
    disposeModel(this.model);
  }
}
