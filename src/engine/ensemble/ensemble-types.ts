// Plain-data shapes of ensembling: one member's predictions, the ensemble spec, the fitted record stored in
// IndexedDB and used in a worker, the meta-learner parameters, and the two error classes. No logic here.

/**
 * Predictions of one member on one split. Classification: `probs` is row-major [rows × classes], each row
 * non-negative and summing to 1 (softmax output, not logits). Regression: `values` is [rows] in target units.
 */
export type MemberPredictions =
  | { task: 'classification'; classes: number; probs: Float32Array }
  | { task: 'regression'; values: Float32Array };

/** Prediction task of an ensemble; every member and the labels share it. */
export type EnsembleTask = MemberPredictions['task'];

/** How member predictions are combined; see ENSEMBLE_METHODS for what each does. */
export type EnsembleMethod = 'average' | 'vote' | 'weighted' | 'stacking';

/** Model fitted on the members' validation predictions by 'stacking' (classification only; regression uses ridge). */
export type MetaLearnerKind = 'logistic' | 'mlp';

/** What to build. Versioned with the fitted record; plain JSON. */
export interface EnsembleSpec {
  method: EnsembleMethod;
  /** Stacking only: the classification meta-learner. Default 'logistic'. Regression stacking is always ridge. */
  metaLearner?: MetaLearnerKind;
  /** Seeds the cross-validation folds and the MLP's initial weights (any finite number, reduced with ToUint32). */
  seed: number;
}

/**
 * The validation split, the only data `fitEnsemble` accepts: one MemberPredictions per member (all on the same
 * rows) and the true labels of those rows. Classification labels are class indices 0..classes-1 (Int32Array, or
 * whole numbers in a Float32Array); regression labels are target values in the members' units.
 */
export interface ValidationSplit {
  members: MemberPredictions[];
  labels: Int32Array | Float32Array;
}

/**
 * Multinomial logistic regression on standardized member log-probabilities. Feature j of a row is
 * ln(max(p, STACKING_PROB_FLOOR)) of member floor(j / classes), class j % classes; then (x - featureMean[j]) /
 * featureScale[j]. 'full': logits = x · weights + bias, `weights` row-major [inputs × outputs]. 'shared'
 * (chosen when rows × inputs × classes is large): logit c = bias[c] + Σ_m weights[m] · x[m·classes + c],
 * `weights` [members], one weight per member for all classes (a weighted product of experts).
 */
export interface LogisticMetaParams {
  kind: 'logistic';
  structure: 'full' | 'shared';
  inputs: number;
  outputs: number;
  featureMean: number[];
  featureScale: number[];
  weights: number[];
  bias: number[];
  /** L2 strength chosen by cross-validation (penalty l2/2 · ‖weights‖² added to the mean log loss in nats). */
  l2: number;
}

/**
 * One-hidden-layer MLP on the same standardized features, with a linear skip path shared across classes:
 * logit c = (tanh(x · w1 + b1) · w2 + b2)[c] + Σ_m skip[m] · x[m·classes + c], then softmax.
 */
export interface MlpMetaParams {
  kind: 'mlp';
  inputs: number;
  hidden: number;
  outputs: number;
  featureMean: number[];
  featureScale: number[];
  /** Row-major [inputs × hidden]. */
  w1: number[];
  b1: number[];
  /** Row-major [hidden × outputs]. */
  w2: number[];
  b2: number[];
  /** [members]: weight of member m's standardized log-probability of class c on logit c (a product of experts). */
  skip: number[];
  /** Weight decay used in training (l2/2 · (‖w1‖² + ‖w2‖² + ‖skip‖²)), per row of mean log loss. */
  l2: number;
}

/** Ridge regression on raw member values: prediction = bias + Σ_m weights[m] · value_m, in target units. */
export interface RidgeMetaParams {
  kind: 'ridge';
  inputs: number;
  weights: number[];
  bias: number;
  /** Ridge strength chosen by cross-validation, in squared target units (penalty l2 · ‖weights‖²). */
  l2: number;
}

export type MetaLearnerParams = LogisticMetaParams | MlpMetaParams | RidgeMetaParams;

/** What fitting produced, all plain data (structured-cloneable, JSON-safe): stored as-is in IndexedDB. */
export interface FittedEnsemble {
  version: 1;
  spec: EnsembleSpec;
  task: EnsembleTask;
  /** Number of members, in the order their predictions must be passed to combinePredictions. */
  members: number;
  /** Classification only. */
  classes?: number;
  /** 'weighted' only: one non-negative weight per member, summing to 1. */
  weights?: number[];
  /** 'stacking' only. */
  meta?: MetaLearnerParams;
  /** Why the fit chose what it did, e.g. validation log loss of each candidate (nats per row, or MSE). */
  fitInfo?: Record<string, number>;
}

/** A spec or fitted record that cannot be used; the message names the field and the accepted values. */
export class EnsembleSpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnsembleSpecError';
  }
}

/** Member predictions or labels that do not fit together; the message names the member/row and the fix. */
export class EnsembleInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnsembleInputError';
  }
}
