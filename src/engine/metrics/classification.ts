// Label-based classification metrics on plain arrays: arg-max of probability rows, accuracy, balanced and
// top-k accuracy, confusion matrix (counts and normalised). Definitions follow scikit-learn 1.2.
// Inputs are class indices (0..k-1); empty or mismatched inputs throw rather than return NaN.
import { checkLabels, checkPair, checkProbabilities } from './metric-inputs';

/**
 * Index of the largest value in each row of a row-major [n, k] matrix (first index on ties).
 * Returns an Int32Array of length n. Throws when probs.length !== n * k or k < 1.
 */
export function argmaxRows(probs: ArrayLike<number>, n: number, k: number): Int32Array {
  if (!Number.isInteger(n) || n < 0 || !Number.isInteger(k) || k < 1) {
    throw new Error(`argmaxRows: n must be an integer >= 0 and k an integer >= 1, got n=${n}, k=${k}.`);
  }
  if (probs.length !== n * k) {
    throw new Error(`argmaxRows: expected ${n} x ${k} = ${n * k} values, got ${probs.length}; check the output shape.`);
  }
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const base = i * k;
    let best = 0;
    let bestValue = probs[base];
    for (let j = 1; j < k; j++) {
      const v = probs[base + j];
      // A NaN never wins a comparison, so also move past a NaN held as the current best.
      if (v > bestValue || (Number.isNaN(bestValue) && !Number.isNaN(v))) {
        best = j;
        bestValue = v;
      }
    }
    out[i] = best;
  }
  return out;
}

/** Fraction of rows where yPred equals yTrue, in [0, 1]. Throws on empty or mismatched inputs. */
export function accuracy(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkPair(yTrue, yPred, 'accuracy', 'labels');
  let correct = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) correct++;
  return correct / yTrue.length;
}

/**
 * Counts of (true class, predicted class) pairs: result[t][p], rows = true class, columns = predicted,
 * classCount x classCount. Throws on empty or mismatched inputs, or a label that is not an integer in
 * [0, classCount).
 */
export function confusionMatrix(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, classCount: number): number[][] {
  checkPair(yTrue, yPred, 'confusionMatrix', 'labels');
  checkLabels(yTrue, classCount, 'confusionMatrix');
  checkLabels(yPred, classCount, 'confusionMatrix', 'prediction');
  const matrix = Array.from({ length: classCount }, () => new Array<number>(classCount).fill(0));
  for (let i = 0; i < yTrue.length; i++) matrix[yTrue[i]][yPred[i]]++;
  return matrix;
}

/** How to normalise a confusion matrix: 'true' divides each row by its total (so the diagonal is recall),
 * 'pred' each column (diagonal = precision), 'all' by the grand total. */
export type ConfusionNormalization = 'true' | 'pred' | 'all';

/**
 * A confusion matrix of counts divided as `by` says (scikit-learn's `normalize`). A row or column with no
 * rows at all gives 0s, not NaN (scikit-learn does the same). Returns a new matrix; the input is unchanged.
 */
export function normalizeConfusion(counts: number[][], by: ConfusionNormalization): number[][] {
  const k = counts.length;
  const rowSums = counts.map((row) => row.reduce((a, b) => a + b, 0));
  const colSums = Array.from({ length: k }, (_, j) => counts.reduce((a, row) => a + row[j], 0));
  const total = rowSums.reduce((a, b) => a + b, 0);
  return counts.map((row, t) => row.map((c, p) => {
    const d = by === 'true' ? rowSums[t] : by === 'pred' ? colSums[p] : total;
    return d === 0 ? 0 : c / d;
  }));
}

/**
 * Mean recall over the classes that occur in yTrue (scikit-learn's balanced_accuracy_score): classes with no
 * true rows have no recall and are left out, not counted as 0. In [0, 1].
 */
export function balancedAccuracy(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, classCount: number): number {
  const counts = confusionMatrix(yTrue, yPred, classCount);
  let sum = 0;
  let present = 0;
  counts.forEach((row, c) => {
    const support = row.reduce((a, b) => a + b, 0);
    if (support > 0) {
      sum += row[c] / support;
      present++;
    }
  });
  return sum / present;
}

/**
 * Fraction of rows whose true class is among the `topK` highest probabilities of its row ([n, k] row-major).
 * Ties between classes are broken as scikit-learn's top_k_accuracy_score does (a reversed stable sort: of two
 * equal scores, the higher class index ranks first). Throws unless 1 <= topK; topK >= k gives 1.
 */
export function topKAccuracy(yTrue: ArrayLike<number>, probs: ArrayLike<number>, n: number, k: number, topK: number): number {
  checkProbabilities(yTrue, probs, n, k, 'topKAccuracy');
  if (!Number.isInteger(topK) || topK < 1) throw new Error(`topKAccuracy: topK must be an integer >= 1, got ${topK}.`);
  let hits = 0;
  for (let i = 0; i < n; i++) {
    const t = yTrue[i];
    const own = probs[i * k + t];
    let ahead = 0;
    for (let j = 0; j < k; j++) {
      const v = probs[i * k + j];
      if (v > own || (v === own && j > t)) ahead++;
    }
    if (ahead < topK) hits++;
  }
  return hits / n;
}
