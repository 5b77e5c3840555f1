// Metrics of predicted probabilities themselves: log loss (cross-entropy) and calibration (reliability
// diagram bins and expected calibration error) on the top-class confidence.
import { argmaxRows } from './classification';
import { checkProbabilities } from './metric-inputs';

/** Clipping bound of logLoss: float64 machine epsilon, scikit-learn 1.2's eps='auto' for float64 input. */
export const LOG_LOSS_EPS = 2.220446049250313e-16;

/**
 * Mean negative log-probability of the true class, in nats per row, for a row-major [n, k] probability
 * matrix. As scikit-learn's log_loss: each probability is clipped to [LOG_LOSS_EPS, 1 - LOG_LOSS_EPS] and
 * each row divided by its sum, so a probability of 0 on the true class costs -ln(eps) ~ 36.04 nats instead of
 * Infinity. Throws on empty input, bad shapes, labels out of range or non-finite probabilities.
 */
export function logLoss(yTrue: ArrayLike<number>, probs: ArrayLike<number>, n: number, k: number): number {
  return logLossDetail(yTrue, probs, n, k).value;
}

/** logLoss plus the number of probabilities that clipping changed (for a note). */
export function logLossDetail(yTrue: ArrayLike<number>, probs: ArrayLike<number>, n: number, k: number): { value: number; clipped: number } {
  checkProbabilities(yTrue, probs, n, k, 'logLoss');
  const clip = (p: number): number => Math.min(Math.max(p, LOG_LOSS_EPS), 1 - LOG_LOSS_EPS);
  let total = 0;
  let clipped = 0;
  for (let i = 0; i < n; i++) {
    let rowSum = 0;
    for (let j = 0; j < k; j++) {
      const p = probs[i * k + j];
      const c = clip(p);
      if (c !== p) clipped++;
      rowSum += c;
    }
    total -= Math.log(clip(probs[i * k + yTrue[i]]) / rowSum);
  }
  return { value: total / n, clipped };
}

/** One bin of a reliability diagram. */
export interface ReliabilityBin {
  /** Confidence range (lower, upper]; the first bin also holds 0. */
  lower: number;
  upper: number;
  /** Rows whose top-class confidence falls in the bin. */
  count: number;
  /** Fraction of those rows predicted correctly; null for an empty bin. */
  accuracy: number | null;
  /** Mean top-class confidence of those rows; null for an empty bin. */
  confidence: number | null;
}

/** Reliability diagram and expected calibration error. */
export interface Calibration {
  bins: ReliabilityBin[];
  /** Expected calibration error: sum over bins of (count / n) * |accuracy - confidence|, in [0, 1]. */
  ece: number;
}

/**
 * Calibration of the top-class confidence (largest probability per row; correct = its arg-max, first on ties,
 * equals the true class). `binCount` equal-width bins (default 10) on [0, 1] with scikit-learn
 * calibration_curve's edges, linspace(0, 1 + 1e-8, binCount + 1): a confidence exactly on an inner edge falls in
 * the lower bin. Throws on empty or invalid input.
 */
export function calibration(yTrue: ArrayLike<number>, probs: ArrayLike<number>, n: number, k: number, binCount = 10): Calibration {
  checkProbabilities(yTrue, probs, n, k, 'calibration');
  if (!Number.isInteger(binCount) || binCount < 1) throw new Error(`calibration: binCount must be an integer >= 1, got ${binCount}.`);
  const step = (1 + 1e-8) / binCount;
  const predicted = argmaxRows(probs, n, k);
  const count = new Array<number>(binCount).fill(0);
  const correct = new Array<number>(binCount).fill(0);
  const confSum = new Array<number>(binCount).fill(0);
  for (let i = 0; i < n; i++) {
    const conf = probs[i * k + predicted[i]];
    // Number of inner edges strictly below conf (numpy searchsorted, side='left').
    let b = 0;
    while (b < binCount - 1 && (b + 1) * step < conf) b++;
    count[b]++;
    confSum[b] += conf;
    if (predicted[i] === yTrue[i]) correct[b]++;
  }
  let ece = 0;
  const bins = count.map((c, b): ReliabilityBin => {
    const accuracy = c ? correct[b] / c : null;
    const confidence = c ? confSum[b] / c : null;
    if (accuracy !== null && confidence !== null) ece += (c / n) * Math.abs(accuracy - confidence);
    return { lower: b / binCount, upper: (b + 1) / binCount, count: c, accuracy, confidence };
  });
  return { bins, ece };
}
