// Specs and fitted state of the tabular preprocessing pipeline (versioned plain JSON).
// Version 2 adds optional cleaning steps and per-column encodings; version 1 records (stored before) still
// load and mean "no cleaning, default encodings".
import type { CleaningStep, FittedCleaningStep } from '../clean/cleaning-types';
import type { ColumnEncoding, FeatureEncoder } from '../clean/encoding-types';

export type { CleaningStep, FittedCleaningStep } from '../clean/cleaning-types';
export type { ColumnEncoding, EncodingSpec, FeatureEncoder } from '../clean/encoding-types';

/** Whether the target is predicted as a class or as a number. */
export type TaskKind = 'classification' | 'regression';

/** Fractions of usable rows in each split; they sum to 1. */
export interface SplitFractions {
  train: number;
  validation: number;
  test: number;
}

/**
 * What the user chose: target, task, split, cleaning and encodings. Defaults: last column, auto task,
 * 70/15/15, seed 42, no cleaning, default encodings.
 */
export interface PrepareSpec {
  /** 2 is written now; 1 (no `cleaning`/`encodings`) is still accepted. */
  version: 1 | 2;
  /** A column of the RAW table; cleaning may drop rows by it but not change it. */
  targetColumn: string;
  task: TaskKind;
  /**
   * Columns used as features, named as in the table AFTER cleaning (e.g. `age_was_missing`, `when.year`);
   * default all non-target columns whose type is numeric, categorical, boolean or date. A feature that a
   * 'drop-missing-columns' step removes is left out (that step's fitted `droppedColumns` lists it).
   */
  featureColumns: string[];
  split: SplitFractions;
  seed: number;
  /** Version 2: cleaning steps, applied in order (absent = none). */
  cleaning?: CleaningStep[];
  /** Version 2: encodings for some feature columns; the others get defaultEncodingFor (absent = all default). */
  encodings?: ColumnEncoding[];
}

/** The fitted pipeline: enough to encode any row exactly as training did. */
export interface FittedPipeline {
  /** 2 is written now; a stored 1 has no `cleaning` and only standardize/one-hot encoders. */
  version: 1 | 2;
  spec: PrepareSpec;
  /** The cleaning steps with their train statistics (absent or empty = none). */
  cleaning?: FittedCleaningStep[];
  encoders: FeatureEncoder[];
  /** Names of the encoded feature columns, e.g. `age`, `age_was_missing`, `color=red`, `city#hash3`, `when.year`. */
  featureNames: string[];
  /** Classification: class labels in index order (sorted). */
  classes?: string[];
  /** Regression: mean and std of the training targets; the model learns the standardized target. */
  targetScale?: { mean: number; std: number };
  /** Rows dropped because the target cell was missing (or not a finite number for regression). */
  droppedMissingTarget: number;
  /** Rows (with a target) that cleaning steps removed; absent in version 1. */
  droppedByCleaning?: number;
  /** Rows in each split after dropping missing targets and cleaning. */
  counts: { train: number; validation: number; test: number };
}

/** Encoded arrays for one split. Row-major x: [n, featureCount]. y: class index, or standardized value. */
export interface EncodedSplit {
  x: Float32Array;
  y: Float32Array;
  n: number;
  featureCount: number;
}
