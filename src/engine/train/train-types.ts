// Training configuration, progress events and checkpointable state (all plain data).
import type { TrainAugmentation } from './batch-augment';

export type OptimizerName = 'adam' | 'sgd';

/** Defaults (see DEFAULT_TRAIN_CONFIG): 30 epochs, batch 32, lr 0.01, Adam, seed 42. */
export interface TrainConfig {
  epochs: number;
  batchSize: number;
  learningRate: number;
  optimizer: OptimizerName;
  seed: number;
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
}

/** Throttled progress message while an epoch runs. */
export interface BatchProgress {
  epoch: number; // 1-based, the epoch in progress
  batch: number; // 1-based within the epoch
  batchesPerEpoch: number;
  optimizerStep: number;
  /** Loss of the last batch (mean per sample). */
  loss: number;
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
  /** `optimizer.getWeights()` in order; the first is the iteration counter. */
  optimizerWeights: NamedArray[];
  /** Epochs completed (the next epoch to run is completedEpochs + 1). */
  completedEpochs: number;
  optimizerStep: number;
  history: EpochMetrics[];
}
