// Training configuration, progress events and checkpointable state (all plain data).
import type { TrainAugmentation } from './batch-augment';
import type { OptimizerKind } from '../optim/optimizer-spec';
import type { LrScheduleSpec } from '../optim/lr-schedule';
import type { EarlyStoppingConfig, EarlyStoppingState } from '../optim/early-stopping';
import type { PlateauState } from '../optim/lr-plateau';

export type OptimizerName = OptimizerKind;

/** Hyperparameters of the optimizer besides its kind; the kind decides which apply (see optimizer-spec.ts). */
export type OptimizerOptions = Partial<Record<'momentum' | 'beta1' | 'beta2' | 'epsilon' | 'weightDecay' | 'rho' | 'initialAccumulator', number>>;

/**
 * Defaults (see DEFAULT_TRAIN_CONFIG): 30 epochs, batch 32, lr 0.01, Adam, seed 42, constant rate, no
 * clipping, no accumulation, no early stopping. Every field after `seed` is optional so that the configs of
 * runs stored before they existed still load and mean "off".
 */
export interface TrainConfig {
  epochs: number;
  batchSize: number;
  /** The base learning rate; the schedule scales it per optimizer step. */
  learningRate: number;
  optimizer: OptimizerName;
  seed: number;
  optimizerOptions?: OptimizerOptions;
  /** Learning-rate schedule (absent = constant). */
  schedule?: LrScheduleSpec;
  /** Clip the gradients to this global L2 norm before each update (absent = no clipping). */
  clipNorm?: number;
  /**
   * Split each batch into this many micro-batches whose gradients are summed before one update (absent = 1):
   * the same update as the whole batch, with the activation memory of one micro-batch.
   */
  accumulationSteps?: number;
  earlyStopping?: EarlyStoppingConfig;
  /** Data-parallel training workers, this one included (absent = 1); each computes the gradients of a shard of every batch. */
  workers?: number;
  /** Training-batch augmentation (absent = none); validation and test data are never augmented. */
  augmentation?: TrainAugmentation;
}

/** Metrics of one finished epoch. Accuracy fields are absent for regression. Losses are means per sample. */
export interface EpochMetrics {
  epoch: number; // 1-based
  trainLoss: number;
  valLoss: number;
  trainAccuracy?: number;
  valAccuracy?: number;
  /** Optimizer steps taken so far in the run (continues across resume). */
  optimizerStep: number;
  /** Wall time of this epoch in ms. */
  durationMs: number;
  /** Learning rate of the epoch's last step (absent in runs stored before schedules existed). */
  learningRate?: number;
}

/** Throttled progress message while an epoch runs. */
export interface BatchProgress {
  epoch: number; // 1-based, the epoch in progress
  batch: number; // 1-based within the epoch
  batchesPerEpoch: number;
  optimizerStep: number;
  /** Loss of the last batch (mean per sample). */
  loss: number;
  /** Learning rate of this step. */
  learningRate?: number;
  /** Global L2 norm of the last gradient read back with the loss (before clipping). */
  gradNorm?: number;
}

/** One named tensor copied to the CPU. */
export interface NamedArray {
  name: string;
  shape: number[];
  /** Always float32 values. */
  data: Float32Array;
}

/** Everything needed to continue a run exactly: weights, optimizer slots, counters. */
export interface TrainerSnapshot {
  /** Model weights in `model.getWeights()` order. */
  weights: NamedArray[];
  /**
   * Optimizer state: EngineOptimizer.readState() (first entry named '<kind>/step'), or, in checkpoints
   * written before the engine had its own optimizer, tfjs `optimizer.getWeights()` (first entry the
   * iteration counter), which restore converts.
   */
  optimizerWeights: NamedArray[];
  /** Epochs completed (the next epoch to run is completedEpochs + 1). */
  completedEpochs: number;
  optimizerStep: number;
  history: EpochMetrics[];
  /** Reduce-on-plateau's state (absent for other schedules). */
  plateau?: PlateauState;
  /** Early stopping's state, and the best epoch's weights when they are to be restored. */
  earlyStopping?: EarlyStoppingState;
  bestWeights?: NamedArray[];
  /**
   * Set when the snapshot was taken inside an epoch (e.g. the tab was hidden): epoch `epoch` had run its
   * first `batch` batches, with these sums of per-sample loss and correct rows. Resume continues from there.
   */
  cursor?: EpochCursor;
}

/** A position inside an epoch: the next batch to run and the sums so far. */
export interface EpochCursor {
  epoch: number;
  batch: number;
  lossSum: number;
  correct: number;
}
