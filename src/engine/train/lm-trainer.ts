// The language-model training loop for the GPT: seeded random windows of a token stream, Adam on the mean
// next-token cross-entropy, validation on fixed windows, bits per character, and exact snapshot/resume.
import * as tf from '@tensorflow/tfjs';
import { buildGpt, nextTokenLoss } from '../model/gpt-model';
import { disposeModel } from '../model/dispose-model';
import type { GptSpec } from '../model/transformer-spec';
import { createRandom, deriveSeed } from '../random';
import { countLmWindows, gatherLmWindows, makeLmWindows } from '../text/sequences';
import { TrainConfigError, validateTrainConfig } from './train-config';
import type { BatchProgress, EpochMetrics, TrainConfig, TrainerSnapshot } from './train-types';
import { readModelWeights, readOptimizerWeights, restoreSnapshot } from './trainer-snapshot';
import { NonFiniteLossError, type TrainerCallbacks } from './training-loop';
import { yieldToEventLoop } from './yield';

/** A TrainConfig plus the epoch length: an epoch is `stepsPerEpoch` batches of random windows. Adam always. */
export interface LmTrainConfig extends TrainConfig {
  stepsPerEpoch: number;
  /** Validation windows (non-overlapping, from the start of the validation ids); default 64. */
  validationWindows?: number;
}

/** Token streams to train on, and how many characters each token stands for on average (1 for chars). */
export interface LmTrainerData {
  trainIds: Int32Array;
  validationIds: Int32Array;
  /** Training tokens / training characters, to turn nats per token into bits per character. Default 1. */
  tokensPerCharacter?: number;
}

/** EpochMetrics (losses in nats per token) plus the same losses in bits per character. */
export interface LmEpochMetrics extends EpochMetrics {
  trainBitsPerCharacter: number;
  valBitsPerCharacter: number;
}

export type LmTrainerCallbacks = Omit<TrainerCallbacks, 'onEpochEnd'> & { onEpochEnd?: (m: LmEpochMetrics) => Promise<void> | void };

const PROGRESS_INTERVAL_MS = 200;
const VALIDATION_BATCH = 16;

/** Training windows start anywhere (stride 1); validation windows do not overlap. */
export class LmTrainer {
  readonly history: LmEpochMetrics[];
  private stepCount: number;
  private readonly variables: tf.Variable[];
  private readonly windowCount: number;
  private readonly validation: { inputs: tf.Tensor2D; targets: tf.Tensor2D } | undefined;

  private constructor(
    readonly model: tf.LayersModel,
    private readonly optimizer: tf.Optimizer,
    readonly spec: GptSpec,
    private readonly config: LmTrainConfig,
    private readonly data: LmTrainerData,
    snapshot: TrainerSnapshot | undefined,
  ) {
    this.history = snapshot ? (snapshot.history.slice() as LmEpochMetrics[]) : [];
    this.stepCount = snapshot?.optimizerStep ?? 0;
    // Ordered variable list: optimizer slots are matched to variables by position (as in the row trainer).
    this.variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
    this.windowCount = countLmWindows(data.trainIds.length, spec.contextLength, 1);
    const length = Math.min(spec.contextLength, data.validationIds.length - 1);
    const count = length >= 1 ? Math.min(config.validationWindows ?? 64, countLmWindows(data.validationIds.length, length, length)) : 0;
    if (count > 0) {
      const w = makeLmWindows(data.validationIds, length, length, { count });
      this.validation = { inputs: tf.tensor2d(w.inputs, [count, length], 'int32'), targets: tf.tensor2d(w.targets, [count, length], 'int32') };
    }
  }

  /**
   * Builds the GPT (seeded by config.seed) and, when resuming, restores weights, Adam slots and counters from
   * `snapshot`. Throws TrainConfigError for bad options or a training stream shorter than contextLength + 1.
   */
  static async create(spec: GptSpec, config: LmTrainConfig, data: LmTrainerData, snapshot?: TrainerSnapshot): Promise<LmTrainer> {
    validateTrainConfig(config);
    if (!Number.isInteger(config.stepsPerEpoch) || config.stepsPerEpoch < 1 || config.stepsPerEpoch > 1_000_000) {
      throw new TrainConfigError(`Steps per epoch must be a whole number from 1 to 1000000, not ${config.stepsPerEpoch}.`);
    }
    if (data.trainIds.length < spec.contextLength + 1) {
      throw new TrainConfigError(`The training text has ${data.trainIds.length} tokens but one window needs ${spec.contextLength + 1}: lower the context length or use a longer corpus.`);
    }
    const model = buildGpt(spec, config.seed);
    const trainer = new LmTrainer(model, tf.train.adam(config.learningRate), spec, config, data, snapshot);
    if (snapshot) {
      try {
        await restoreSnapshot(model, trainer.optimizer, snapshot);
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

  /** Window start indices of step `step` (1-based, counted over the run) of `epoch`: seeded by both, so resume repeats them. */
  batchWindows(epoch: number, step: number): Int32Array {
    const random = createRandom(deriveSeed(this.config.seed, epoch, step));
    return Int32Array.from({ length: this.config.batchSize }, () => Math.floor(random() * this.windowCount));
  }

  /** Train epochs completedEpochs+1 .. config.epochs. Resolves 'stopped' when shouldStop() turned true (checked before every step). */
  async run(callbacks: LmTrainerCallbacks = {}): Promise<'completed' | 'stopped'> {
    const steps = this.config.stepsPerEpoch;
    for (let epoch = this.completedEpochs + 1; epoch <= this.config.epochs; epoch += 1) {
      const started = Date.now();
      let sum = tf.scalar(0);
      let lastLoss = NaN;
      let lastRead = 0;
      for (let b = 0; b < steps; b += 1) {
        if (callbacks.shouldStop?.()) {
          sum.dispose();
          return 'stopped';
        }
        const loss = this.step(epoch);
        const next = tf.add(sum, loss) as tf.Scalar;
        tf.dispose(sum);
        sum = next;
        if (callbacks.onBatch && Date.now() - lastRead >= PROGRESS_INTERVAL_MS) {
          lastLoss = (await loss.data())[0];
          lastRead = Date.now();
          if (!Number.isFinite(lastLoss)) {
            tf.dispose([sum, loss]);
            throw new NonFiniteLossError(epoch, this.stepCount);
          }
        }
        loss.dispose();
        const progress: BatchProgress = { epoch, batch: b + 1, batchesPerEpoch: steps, optimizerStep: this.stepCount, loss: lastLoss };
        callbacks.onBatch?.(progress);
        await yieldToEventLoop();
      }
      const trainLoss = (await sum.data())[0] / steps;
      sum.dispose();
      if (!Number.isFinite(trainLoss)) throw new NonFiniteLossError(epoch, this.stepCount);
      const valLoss = this.validation ? await this.validationLoss() : trainLoss;
      const perChar = (this.data.tokensPerCharacter ?? 1) / Math.LN2;
      const metrics: LmEpochMetrics = {
        epoch, trainLoss, valLoss, optimizerStep: this.stepCount, durationMs: Date.now() - started,
        trainBitsPerCharacter: trainLoss * perChar, valBitsPerCharacter: valLoss * perChar,
      };
      this.history.push(metrics);
      await callbacks.onEpochEnd?.(metrics);
    }
    return 'completed';
  }

  /** One Adam step on this step's random windows; returns the batch's mean loss (nats per token). */
  private step(epoch: number): tf.Scalar {
    this.stepCount += 1;
    const w = gatherLmWindows(this.data.trainIds, this.spec.contextLength, 1, this.batchWindows(epoch, this.stepCount));
    return tf.tidy(() => {
      const shape: [number, number] = [w.count, w.contextLength];
      const inputs = tf.tensor2d(w.inputs, shape, 'int32');
      const targets = tf.tensor2d(w.targets, shape, 'int32');
      return this.optimizer.minimize(
        () => nextTokenLoss(this.model.apply(inputs, { training: true }) as tf.Tensor, targets), true, this.variables,
      ) as tf.Scalar;
    });
  }

  /** Mean next-token loss over the fixed validation windows (every window has the same length, so a mean of batch means). */
  async validationLoss(): Promise<number> {
    const v = this.validation;
    if (!v) return NaN;
    const [count, length] = v.inputs.shape;
    const total = tf.tidy(() => {
      let sum = tf.scalar(0);
      for (let start = 0; start < count; start += VALIDATION_BATCH) {
        const rows = Math.min(VALIDATION_BATCH, count - start);
        const logits = this.model.apply(v.inputs.slice([start, 0], [rows, length]), { training: false }) as tf.Tensor;
        sum = sum.add(nextTokenLoss(logits, v.targets.slice([start, 0], [rows, length])).mul(rows));
      }
      return sum;
    });
    const value = (await total.data())[0] / count;
    total.dispose();
    return value;
  }

  /** Weights, Adam slots and counters copied to the CPU (a TrainerSnapshot, so commitCheckpoint stores it). */
  async snapshot(): Promise<TrainerSnapshot> {
    return {
      weights: await readModelWeights(this.model),
      optimizerWeights: await readOptimizerWeights(this.optimizer),
      completedEpochs: this.completedEpochs,
      optimizerStep: this.stepCount,
      history: this.history.slice(),
    };
  }

  /** Free the model, the optimizer and the validation tensors. */
  dispose(): void {
    if (this.validation) tf.dispose([this.validation.inputs, this.validation.targets]);
    this.optimizer.dispose();
    disposeModel(this.model);
  }
}
