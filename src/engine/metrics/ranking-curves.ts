// Score-ranking metrics for one positive class: ROC curve and its area, precision-recall curve and average
// precision, plus one-vs-rest averages over classes. Definitions follow scikit-learn 1.2 (ties in scores form
// one step of the curve; one point per distinct score, i.e. roc_curve with drop_intermediate=False).

/** One point of a ROC curve: rates when rows scoring >= threshold are called positive. */
export interface RocPoint {
  /** False-positive rate in [0, 1]. */
  fpr: number;
  /** True-positive rate (recall) in [0, 1]. */
  tpr: number;
  /** Score cut-off; +Infinity for the first point (nothing called positive), as scikit-learn >= 1.3. */
  threshold: number;
}

/** One point of a precision-recall curve: rows scoring >= threshold are called positive. */
export interface PrPoint {
  recall: number;
  precision: number;
  /** Score cut-off; +Infinity for the first point (recall 0, precision 1 by convention). */
  threshold: number;
}

interface StepCounts {
  thresholds: number[];
  /** Cumulative true and false positives at each threshold, thresholds in decreasing order. */
  tps: number[];
  fps: number[];
}

// Cumulative counts at each distinct score, highest first; rows with equal scores enter together.
function countSteps(positive: ArrayLike<number>, scores: ArrayLike<number>): StepCounts {
  if (positive.length !== scores.length) {
    throw new Error(`ranking metrics: got ${positive.length} labels but ${scores.length} scores; pass one score per row.`);
  }
  for (let i = 0; i < scores.length; i++) {
    if (!Number.isFinite(scores[i])) throw new Error(`ranking metrics: score ${scores[i]} at row ${i} is not finite; the model may have diverged.`);
  }
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
  const steps: StepCounts = { thresholds: [], tps: [], fps: [] };
  let tp = 0;
  let fp = 0;
  order.forEach((row, i) => {
    if (positive[row]) tp++;
    else fp++;
    const next = order[i + 1];
    if (next === undefined || scores[next] !== scores[row]) {
      steps.thresholds.push(scores[row]);
      steps.tps.push(tp);
      steps.fps.push(fp);
    }
  });
  return steps;
}

// Rows of each kind; a curve needs both, else its rates are 0/0.
function bothKinds(steps: StepCounts): boolean {
  const last = steps.tps.length - 1;
  return last >= 0 && steps.tps[last] > 0 && steps.fps[last] > 0;
}

/**
 * ROC curve of `scores` for the rows flagged in `positive` (1 = positive, 0 = negative), from (0, 0) to
 * (1, 1), one point per distinct score plus the start point, in order of decreasing threshold. Returns null
 * when all rows are of one kind (the false- or true-positive rate would be 0/0).
 */
export function rocCurve(positive: ArrayLike<number>, scores: ArrayLike<number>): RocPoint[] | null {
  const steps = countSteps(positive, scores);
  if (!bothKinds(steps)) return null;
  const last = steps.tps.length - 1;
  const points: RocPoint[] = [{ fpr: 0, tpr: 0, threshold: Infinity }];
  steps.thresholds.forEach((threshold, i) => {
    points.push({ fpr: steps.fps[i] / steps.fps[last], tpr: steps.tps[i] / steps.tps[last], threshold });
  });
  return points;
}

/** Area under the ROC curve (trapezoids, so tied scores count half), in [0, 1]; null when rocCurve is null. */
export function rocAuc(positive: ArrayLike<number>, scores: ArrayLike<number>): number | null {
  const points = rocCurve(positive, scores);
  if (!points) return null;
  let area = 0;
  for (let i = 1; i < points.length; i++) {
    area += ((points[i].fpr - points[i - 1].fpr) * (points[i].tpr + points[i - 1].tpr)) / 2;
  }
  return area;
}

/**
 * Precision-recall curve in order of decreasing threshold: the start point (recall 0, precision 1), then one
 * point per distinct score. Returns null when all rows are of one kind (no positives: recall is 0/0; no
 * negatives: the curve is a single precision of 1 and says nothing).
 */
export function precisionRecallCurve(positive: ArrayLike<number>, scores: ArrayLike<number>): PrPoint[] | null {
  const steps = countSteps(positive, scores);
  if (!bothKinds(steps)) return null;
  const last = steps.tps.length - 1;
  const points: PrPoint[] = [{ recall: 0, precision: 1, threshold: Infinity }];
  steps.thresholds.forEach((threshold, i) => {
    points.push({ recall: steps.tps[i] / steps.tps[last], precision: steps.tps[i] / (steps.tps[i] + steps.fps[i]), threshold });
  });
  return points;
}

/**
 * Average precision: sum over curve steps of (recall gain) x precision, with no interpolation (scikit-learn's
 * average_precision_score). In [0, 1]; null when precisionRecallCurve is null.
 */
export function averagePrecision(positive: ArrayLike<number>, scores: ArrayLike<number>): number | null {
  const points = precisionRecallCurve(positive, scores);
  if (!points) return null;
  let sum = 0;
  for (let i = 1; i < points.length; i++) sum += (points[i].recall - points[i - 1].recall) * points[i].precision;
  return sum;
}

/** Per-class scores and their averages over the classes where the score is defined. */
export interface OneVsRestScore {
  /** Index = class; null where the class has no true rows (or is the only class present). */
  perClass: (number | null)[];
  /** Plain mean over the classes with a score; null when there are none. */
  macro: number | null;
  /** Mean weighted by each scored class's true rows; null when there are none. */
  weighted: number | null;
}

/** Flags (1/0) of the rows whose true class is `c`. */
export function flagClass(yTrue: ArrayLike<number>, c: number): Uint8Array {
  return Uint8Array.from({ length: yTrue.length }, (_, i) => (yTrue[i] === c ? 1 : 0));
}

/** Column `c` of a row-major [n, k] matrix, widened to float64. */
export function columnOf(probs: ArrayLike<number>, n: number, k: number, c: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => probs[i * k + c]);
}

/**
 * One-vs-rest `score` (rocAuc or averagePrecision) of each class's probability column against "true class is
 * c", for a row-major [n, k] matrix. Classes absent from yTrue get null and are left out of both averages
 * (scikit-learn refuses such input; this is the defined behaviour here). Labels are not range-checked here.
 */
export function oneVsRest(
  yTrue: ArrayLike<number>, probs: ArrayLike<number>, n: number, k: number,
  score: (positive: ArrayLike<number>, scores: ArrayLike<number>) => number | null,
): OneVsRestScore {
  const perClass: (number | null)[] = [];
  let sum = 0;
  let weightedSum = 0;
  let count = 0;
  let weight = 0;
  for (let c = 0; c < k; c++) {
    const flags = flagClass(yTrue, c);
    const value = score(flags, columnOf(probs, n, k, c));
    perClass.push(value);
    if (value === null) continue;
    const support = flags.reduce((a, b) => a + b, 0);
    sum += value;
    weightedSum += value * support;
    count++;
    weight += support;
  }
  return { perClass, macro: count ? sum / count : null, weighted: count ? weightedSum / weight : null };
}
