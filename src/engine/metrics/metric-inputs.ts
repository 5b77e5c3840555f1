// Argument checks shared by the metric functions: matching lengths, a non-empty split, class labels in
// range, finite probability rows. Every failure throws with a message that says how to fix it.
import { DataInputError } from '../data/table-types';

/**
 * Throws a DataInputError('empty-split') when there is nothing to score (a split with no rows is a choice the
 * user can change), and an Error when the two inputs differ in length (a caller bug).
 */
export function checkPair(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, metric: string, noun: 'labels' | 'values'): void {
  if (yTrue.length !== yPred.length) {
    throw new Error(`${metric}: got ${yTrue.length} true ${noun} but ${yPred.length} predictions; pass one prediction per row.`);
  }
  checkNotEmpty(yTrue.length, metric);
}

/** Throws DataInputError('empty-split') when n is 0. */
export function checkNotEmpty(n: number, metric: string): void {
  if (n === 0) {
    throw new DataInputError('empty-split', `${metric}: no rows to score; the split is empty, so give it a larger fraction or add data.`);
  }
}

/** Checks that `classCount` is an integer >= 1 and every label is an integer class index in [0, classCount). */
export function checkLabels(labels: ArrayLike<number>, classCount: number, metric: string, name = 'true label'): void {
  if (!Number.isInteger(classCount) || classCount < 1) {
    throw new Error(`${metric}: classCount must be an integer >= 1, got ${classCount}.`);
  }
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i];
    if (!Number.isInteger(label) || label < 0 || label >= classCount) {
      throw new Error(`${metric}: ${name} ${label} at row ${i} is not a class index in 0..${classCount - 1}.`);
    }
  }
}

/**
 * Checks a row-major [n, k] probability matrix against n true labels: shapes agree, n > 0, labels in
 * range, every value finite (a NaN or Infinity means the model diverged).
 */
export function checkProbabilities(yTrue: ArrayLike<number>, probs: ArrayLike<number>, n: number, k: number, metric: string): void {
  if (!Number.isInteger(n) || n < 0 || !Number.isInteger(k) || k < 1) {
    throw new Error(`${metric}: n must be an integer >= 0 and k an integer >= 1, got n=${n}, k=${k}.`);
  }
  if (yTrue.length !== n) throw new Error(`${metric}: got ${yTrue.length} true labels for n=${n} rows; pass one label per row.`);
  if (probs.length !== n * k) {
    throw new Error(`${metric}: expected ${n} x ${k} = ${n * k} probabilities, got ${probs.length}; check the output shape.`);
  }
  checkNotEmpty(n, metric);
  checkLabels(yTrue, k, metric);
  for (let i = 0; i < probs.length; i++) {
    if (!Number.isFinite(probs[i])) {
      throw new Error(`${metric}: row ${Math.floor(i / k)} has a non-finite probability (${probs[i]}); the model may have diverged.`);
    }
  }
}

/** Checks that both regression inputs hold finite numbers (after checkPair). */
export function checkFinitePair(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, metric: string): void {
  for (let i = 0; i < yTrue.length; i++) {
    if (!Number.isFinite(yTrue[i]) || !Number.isFinite(yPred[i])) {
      throw new Error(`${metric}: row ${i} has a non-finite value (true ${yTrue[i]}, predicted ${yPred[i]}); the model may have diverged.`);
    }
  }
}
