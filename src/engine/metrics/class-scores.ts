// Scores read off a confusion matrix of counts: per-class precision, recall and F1 with micro, macro and
// weighted averages, Matthews correlation and Cohen's kappa. Definitions follow scikit-learn 1.2.

/** Precision, recall and F1 of one class or one average, each in [0, 1]. */
export interface PrecisionRecallF1 {
  precision: number;
  recall: number;
  f1: number;
}

/** Per-class scores (index = class) plus their averages, from `precisionRecallF1`. */
export interface ClassScores {
  perClass: (PrecisionRecallF1 & { support: number; predicted: number })[];
  /** From summed counts over all classes; equals accuracy when every class is counted. */
  micro: PrecisionRecallF1;
  /** Plain mean over all k classes, including classes that never occur (their 0s pull it down, as in scikit-learn). */
  macro: PrecisionRecallF1;
  /** Mean weighted by support (true rows per class). */
  weighted: PrecisionRecallF1;
  /** Classes never predicted: precision 0/0, reported as 0 (scikit-learn zero_division=0). */
  neverPredicted: number[];
  /** Classes with no true rows: recall 0/0, reported as 0 (scikit-learn zero_division=0). */
  absent: number[];
}

const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);
// F1 from precision and recall as scikit-learn 1.2 computes it; 0 when both are 0.
const f1Of = (p: number, r: number): number => ratio(2 * p * r, p + r);

/**
 * Precision (tp / predicted), recall (tp / support) and F1 per class from a k x k confusion matrix of counts
 * (rows true, columns predicted), with scikit-learn's zero_division=0: a 0/0 score is 0, and the class is
 * listed in `neverPredicted` or `absent` so the caller can say so. Throws on an empty matrix.
 */
export function precisionRecallF1(counts: number[][]): ClassScores {
  const k = counts.length;
  if (k === 0) throw new Error('precisionRecallF1: the confusion matrix has no classes; pass a k x k matrix with k >= 1.');
  const perClass: ClassScores['perClass'] = [];
  const neverPredicted: number[] = [];
  const absent: number[] = [];
  let tpSum = 0;
  let predSum = 0;
  let supportSum = 0;
  for (let c = 0; c < k; c++) {
    const tp = counts[c][c];
    const support = counts[c].reduce((a, b) => a + b, 0);
    const predicted = counts.reduce((a, row) => a + row[c], 0);
    if (predicted === 0) neverPredicted.push(c);
    if (support === 0) absent.push(c);
    const precision = ratio(tp, predicted);
    const recall = ratio(tp, support);
    perClass.push({ precision, recall, f1: f1Of(precision, recall), support, predicted });
    tpSum += tp;
    predSum += predicted;
    supportSum += support;
  }
  const microP = ratio(tpSum, predSum);
  const microR = ratio(tpSum, supportSum);
  const mean = (key: keyof PrecisionRecallF1, weighted: boolean): number => {
    let sum = 0;
    for (const s of perClass) sum += s[key] * (weighted ? s.support : 1);
    return weighted ? ratio(sum, supportSum) : sum / k;
  };
  const average = (weighted: boolean): PrecisionRecallF1 => ({
    precision: mean('precision', weighted), recall: mean('recall', weighted), f1: mean('f1', weighted),
  });
  return {
    perClass, micro: { precision: microP, recall: microR, f1: f1Of(microP, microR) },
    macro: average(false), weighted: average(true), neverPredicted, absent,
  };
}

function marginals(counts: number[][]): { rows: number[]; cols: number[]; total: number; diagonal: number } {
  const rows = counts.map((row) => row.reduce((a, b) => a + b, 0));
  const cols = counts.map((_, j) => counts.reduce((a, row) => a + row[j], 0));
  const total = rows.reduce((a, b) => a + b, 0);
  const diagonal = counts.reduce((a, row, i) => a + row[i], 0);
  return { rows, cols, total, diagonal };
}

/**
 * Matthews correlation coefficient (multiclass R_K statistic) from a confusion matrix of counts, in [-1, 1].
 * When every true or every predicted label is the same class the formula is 0/0; like scikit-learn this
 * returns 0 then.
 */
export function matthewsCorrelation(counts: number[][]): number {
  const { rows, cols, total, diagonal } = marginals(counts);
  const dot = (a: number[], b: number[]): number => a.reduce((s, v, i) => s + v * b[i], 0);
  const covTruePred = diagonal * total - dot(rows, cols);
  const covPredPred = total * total - dot(cols, cols);
  const covTrueTrue = total * total - dot(rows, rows);
  if (covPredPred * covTrueTrue === 0) return 0;
  return covTruePred / Math.sqrt(covTrueTrue * covPredPred);
}

/**
 * Cohen's kappa (unweighted) from a confusion matrix of counts: (observed - expected agreement) /
 * (1 - expected), in [-1, 1]. Returns null when it is 0/0 (true and predicted labels are all one and the same
 * class), where scikit-learn gives NaN.
 */
export function cohenKappa(counts: number[][]): number | null {
  const { rows, cols, total, diagonal } = marginals(counts);
  if (total === 0) return null;
  // Disagreement form, as scikit-learn computes it: 1 - observed off-diagonal / expected off-diagonal.
  let expectedAgree = 0;
  for (let c = 0; c < counts.length; c++) expectedAgree += (rows[c] * cols[c]) / total;
  const expectedOff = total - expectedAgree;
  const observedOff = total - diagonal;
  if (expectedOff === 0) return null;
  return 1 - observedOff / expectedOff;
}
