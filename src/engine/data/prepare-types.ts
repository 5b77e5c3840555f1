// Specs and fitted state of the tabular preprocessing pipeline (versioned plain JSON).

/** Whether the target is predicted as a class or as a number. */
export type TaskKind = 'classification' | 'regression';

/** Fractions of usable rows in each split; they sum to 1. */
export interface SplitFractions {
  train: number;
  validation: number;
  test: number;
}

/** What the user chose: target, task and split. Defaults: last column, auto task, 70/15/15, seed 42. */
export interface PrepareSpec {
  version: 1;
  targetColumn: string;
  task: TaskKind;
  /** Columns used as features; default all non-target columns whose type is numeric or categorical. */
  featureColumns: string[];
  split: SplitFractions;
  seed: number;
}

/** One fitted feature transform; `width` output columns each. */
export type FeatureEncoder =
  /** (x - mean) / std; missing or non-finite cells become 0 (= the training mean). std 0 is stored as 1. */
  | { kind: 'standardize'; column: string; mean: number; std: number }
  /** One output per category seen in the training split; unseen or missing values give all zeros. */
  | { kind: 'one-hot'; column: string; categories: string[] };

/** The fitted pipeline: enough to encode any row exactly as training did. */
export interface FittedPipeline {
  version: 1;
  spec: PrepareSpec;
  encoders: FeatureEncoder[];
  /** Names of the encoded feature columns, e.g. `sepal_length`, `color=red`. */
  featureNames: string[];
  /** Classification: class labels in index order (sorted). */
  classes?: string[];
  /** Regression: mean and std of the training targets; the model learns the standardized target. */
  targetScale?: { mean: number; std: number };
  /** Rows dropped because the target cell was missing (or not a finite number for regression). */
  droppedMissingTarget: number;
  /** Rows in each split after dropping missing targets. */
  counts: { train: number; validation: number; test: number };
}

/** Encoded arrays for one split. Row-major x: [n, featureCount]. y: class index, or standardized value. */
export interface EncodedSplit {
  x: Float32Array;
  y: Float32Array;
  n: number;
  featureCount: number;
}
