// Inputs of the stacking meta-learners: feature matrices built from member predictions, their
// standardization, seeded (stratified) cross-validation folds, and a numerically safe softmax.
import { createRandom, deriveSeed, shuffleInPlace } from '../random';
import type { MemberPredictions } from './ensemble-types';

/**
 * Probabilities are clipped to at least this before the log: float32 softmax outputs underflow to exactly 0,
 * and ln 0 = −∞ would make a feature unbounded. ln(1e-6) ≈ −13.8 nats keeps "sure it is not this class" distinct.
 */
export const STACKING_PROB_FLOOR = 1e-6;

/** A row-major [rows × width] float64 matrix. */
export interface FeatureMatrix {
  data: Float64Array;
  rows: number;
  width: number;
}

/**
 * Classification features: ln(max(p, STACKING_PROB_FLOOR)) of every member and class, concatenated member by
 * member (width = members × classes). Log-probabilities let a linear meta-learner express a product of experts.
 */
export function logProbFeatures(members: MemberPredictions[]): FeatureMatrix {
  const columns = members.map((m) => (m.task === 'classification' ? m.probs : m.values));
  const k = members[0].task === 'classification' ? members[0].classes : 1;
  const rows = columns[0].length / k;
  const width = members.length * k;
  const data = new Float64Array(rows * width);
  for (let r = 0; r < rows; r++) {
    columns.forEach((probs, m) => {
      for (let c = 0; c < k; c++) data[r * width + m * k + c] = Math.log(Math.max(probs[r * k + c], STACKING_PROB_FLOOR));
    });
  }
  return { data, rows, width };
}

/**
 * Per-column mean and scale (population standard deviation; 1 for a constant group so it maps to 0). With
 * `pool` > 1 each run of `pool` adjacent columns (one member's classes) shares one mean and one scale.
 * Returns one entry per column either way.
 */
export function fitStandardizer(x: FeatureMatrix, pool = 1): { mean: number[]; scale: number[] } {
  const groups = x.width / pool;
  const count = x.rows * pool;
  const mean = new Array<number>(groups).fill(0);
  const variance = new Array<number>(groups).fill(0);
  for (let i = 0; i < x.data.length; i++) mean[Math.floor((i % x.width) / pool)] += x.data[i] / count;
  for (let i = 0; i < x.data.length; i++) {
    const g = Math.floor((i % x.width) / pool);
    variance[g] += (x.data[i] - mean[g]) ** 2 / count;
  }
  const perColumn = (values: number[]) => Array.from({ length: x.width }, (_, j) => values[Math.floor(j / pool)]);
  return { mean: perColumn(mean), scale: perColumn(variance.map((v) => (Math.sqrt(v) > 1e-12 ? Math.sqrt(v) : 1))) };
}

/** (x − mean) / scale column by column; returns a new matrix. */
export function standardize(x: FeatureMatrix, mean: readonly number[], scale: readonly number[]): FeatureMatrix {
  const data = new Float64Array(x.data.length);
  for (let i = 0; i < data.length; i++) {
    const j = i % x.width;
    data[i] = (x.data[i] - mean[j]) / scale[j];
  }
  return { data, rows: x.rows, width: x.width };
}

/** The rows listed in `rowIndices`, in that order. */
export function selectRows(x: FeatureMatrix, rowIndices: ArrayLike<number>): FeatureMatrix {
  const data = new Float64Array(rowIndices.length * x.width);
  for (let i = 0; i < rowIndices.length; i++) data.set(x.data.subarray(rowIndices[i] * x.width, (rowIndices[i] + 1) * x.width), i * x.width);
  return { data, rows: rowIndices.length, width: x.width };
}

/**
 * Number of cross-validation folds for `rows` rows: 5; 3 from 1500 rows, where 500+ held-out rows per fold
 * already score a candidate well and each fit is costly; fewer under 10 rows; 0 (no CV) under 4.
 */
export function foldCountFor(rows: number): number {
  const folds = Math.min(rows >= 1500 ? 3 : 5, Math.floor(rows / 2));
  return folds >= 2 ? folds : 0;
}

/**
 * Fold index (0..folds-1) of each row. The rows are shuffled with `seed`; given class labels they are then
 * stably grouped by class before dealing round-robin, so every fold holds each class in about its share.
 */
export function assignFolds(rows: number, folds: number, seed: number, classLabels?: ArrayLike<number>): Int32Array {
  const order = Int32Array.from({ length: rows }, (_, i) => i);
  shuffleInPlace(order, createRandom(deriveSeed(seed, 0xf01d)));
  const dealt = classLabels ? Array.from(order).sort((a, b) => classLabels[a] - classLabels[b]) : Array.from(order);
  const fold = new Int32Array(rows);
  dealt.forEach((row, position) => { fold[row] = position % folds; });
  return fold;
}

/** Rows in / out of fold `f`: the training and held-out row indices of one cross-validation round. */
export function splitFold(fold: Int32Array, f: number): { train: number[]; held: number[] } {
  const train: number[] = [];
  const held: number[] = [];
  fold.forEach((g, row) => (g === f ? held : train).push(row));
  return { train, held };
}

/** Softmax of `logits[offset .. offset+k)` in place, shifted by the row max so exp never overflows. */
export function softmaxInPlace(logits: Float64Array, offset: number, k: number): void {
  let max = -Infinity;
  for (let c = 0; c < k; c++) max = Math.max(max, logits[offset + c]);
  let sum = 0;
  for (let c = 0; c < k; c++) {
    const e = Math.exp(logits[offset + c] - max);
    logits[offset + c] = e;
    sum += e;
  }
  for (let c = 0; c < k; c++) logits[offset + c] /= sum;
}
