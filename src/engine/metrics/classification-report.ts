// One record with every classification metric that applies to a test split, plus plain-language notes for
// the ones that are undefined or need a caveat. Everything is plain data (structured-cloneable), never NaN.
import { balancedAccuracy, argmaxRows, accuracy, confusionMatrix, normalizeConfusion, topKAccuracy } from './classification';
import { cohenKappa, matthewsCorrelation, precisionRecallF1, type PrecisionRecallF1 } from './class-scores';
import { downsampleCurve } from './curve-downsample';
import { checkProbabilities } from './metric-inputs';
import { calibration, logLossDetail, LOG_LOSS_EPS, type Calibration } from './probability-metrics';
import {
  averagePrecision, columnOf, flagClass, oneVsRest, precisionRecallCurve, rocAuc, rocCurve, type PrPoint, type RocPoint,
} from './ranking-curves';

/** Scores of one class. */
export interface ClassReport extends PrecisionRecallF1 {
  name: string;
  /** True rows of this class. */
  support: number;
  /** Rows predicted as this class. */
  predicted: number;
  /** One-vs-rest ROC AUC and average precision; null when the class has no true rows (or is the only one). */
  rocAuc: number | null;
  averagePrecision: number | null;
}

/** A curve of one class (binary: the positive class 1 only). */
export interface ClassCurve<P> {
  classIndex: number;
  name: string;
  points: P[];
}

/** Everything `classificationReport` computes. */
export interface ClassificationReport {
  n: number;
  k: number;
  classNames: string[];
  accuracy: number;
  balancedAccuracy: number;
  /** Top-k accuracy for k in options.topK below the class count (empty for 2 classes). */
  topK: { k: number; accuracy: number }[];
  perClass: ClassReport[];
  micro: PrecisionRecallF1;
  macro: PrecisionRecallF1;
  weighted: PrecisionRecallF1;
  matthews: number;
  kappa: number | null;
  confusion: { counts: number[][]; byTrue: number[][]; byPredicted: number[][]; overall: number[][] };
  /** Binary: AUC of class 1. Multiclass: one-vs-rest mean over classes present in the test split. */
  rocAuc: number | null;
  /** Binary: same as rocAuc. Multiclass: one-vs-rest mean weighted by class support. */
  rocAucWeighted: number | null;
  /** Binary: AP of class 1. Multiclass: one-vs-rest mean over classes present. */
  averagePrecision: number | null;
  averagePrecisionWeighted: number | null;
  /** Mean cross-entropy in nats per row (clipped as scikit-learn, see LOG_LOSS_EPS). */
  logLoss: number;
  calibration: Calibration;
  /** Downsampled to options.maxCurvePoints each, endpoints kept; classes without a curve are left out. */
  rocCurves: ClassCurve<RocPoint>[];
  prCurves: ClassCurve<PrPoint>[];
  /** Why a value is null or needs a caveat, in plain words. */
  notes: string[];
}

export interface ClassificationReportOptions {
  /** Most points per plotted curve. Default 200. */
  maxCurvePoints?: number;
  /** Top-k accuracies to report (only k < class count). Default [2, 3, 5]. */
  topK?: number[];
  /** Reliability-diagram bins. Default 10. */
  calibrationBins?: number;
}

const fmt = (names: string[], classes: number[]): string => classes.map((c) => `"${names[c]}"`).join(', ');

/**
 * Evaluates predicted probabilities (row-major [n, k], Float32Array or any numbers) against true class indices.
 * `classNames` default to "0".."k-1". Throws on empty input (DataInputError 'empty-split'), shape mismatches,
 * labels outside 0..k-1 or non-finite probabilities; every other gap is a null with a note.
 */
export function classificationReport(
  yTrue: ArrayLike<number>, probs: ArrayLike<number>, n: number, k: number,
  classNames?: readonly string[], options: ClassificationReportOptions = {},
): ClassificationReport {
  checkProbabilities(yTrue, probs, n, k, 'classificationReport');
  if (classNames && classNames.length !== k) {
    throw new Error(`classificationReport: got ${classNames.length} class names for k=${k} classes; pass one name per class.`);
  }
  const names = classNames ? [...classNames] : Array.from({ length: k }, (_, c) => String(c));
  const maxPoints = options.maxCurvePoints ?? 200;
  const notes: string[] = [];
  const predicted = argmaxRows(probs, n, k);
  const counts = confusionMatrix(yTrue, predicted, k);
  const scores = precisionRecallF1(counts);
  if (scores.neverPredicted.length) {
    notes.push(`Never predicted: ${fmt(names, scores.neverPredicted)}. Their precision is 0/0 and shown as 0, which lowers the macro average.`);
  }
  if (scores.absent.length) {
    notes.push(`Not in the test split: ${fmt(names, scores.absent)}. Their recall is 0/0 and shown as 0 (counted in the macro average); they are left out of balanced accuracy, ROC AUC and average precision.`);
  }
  const present = k - scores.absent.length;
  if (present === 1) {
    notes.push('Only one class occurs in the test split, so ROC AUC and average precision are undefined; use a larger or stratified test split.');
  }
  const kappa = cohenKappa(counts);
  if (kappa === null) notes.push("Cohen's kappa is undefined: every true label and every prediction is the same class.");
  const matthews = matthewsCorrelation(counts);
  if (present === 1 || scores.neverPredicted.length === k - 1) {
    notes.push('Matthews correlation is 0/0 here (a single true or predicted class) and shown as 0, as scikit-learn does.');
  }

  // Binary: score the positive class (1) only; multiclass (and a single-class model): one-vs-rest.
  const curveClasses = k === 2 ? [1] : Array.from({ length: k }, (_, c) => c);
  const rocCurves: ClassCurve<RocPoint>[] = [];
  const prCurves: ClassCurve<PrPoint>[] = [];
  for (const c of curveClasses) {
    const flags = flagClass(yTrue, c);
    const column = columnOf(probs, n, k, c);
    const roc = rocCurve(flags, column);
    const pr = precisionRecallCurve(flags, column);
    if (roc) rocCurves.push({ classIndex: c, name: names[c], points: downsampleCurve(roc, maxPoints, (p) => [p.fpr, p.tpr]) });
    if (pr) prCurves.push({ classIndex: c, name: names[c], points: downsampleCurve(pr, maxPoints, (p) => [p.recall, p.precision]) });
  }
  const auc = oneVsRest(yTrue, probs, n, k, rocAuc);
  const ap = oneVsRest(yTrue, probs, n, k, averagePrecision);
  const binaryAuc = k === 2 ? rocAuc(flagClass(yTrue, 1), columnOf(probs, n, k, 1)) : null;
  const binaryAp = k === 2 ? averagePrecision(flagClass(yTrue, 1), columnOf(probs, n, k, 1)) : null;

  const loss = logLossDetail(yTrue, probs, n, k);
  if (loss.clipped) {
    notes.push(`Log loss: ${loss.clipped} probabilities of exactly 0 or 1 were clipped to [${LOG_LOSS_EPS.toExponential(2)}, 1 - that] as scikit-learn does; a confident wrong answer costs ${(-Math.log(LOG_LOSS_EPS)).toFixed(1)} nats.`);
  }
  const topK = (options.topK ?? [2, 3, 5]).filter((t) => t < k).map((t) => ({ k: t, accuracy: topKAccuracy(yTrue, probs, n, k, t) }));
  return {
    n, k, classNames: names,
    accuracy: accuracy(yTrue, predicted),
    balancedAccuracy: balancedAccuracy(yTrue, predicted, k),
    topK,
    perClass: scores.perClass.map((s, c) => ({ name: names[c], ...s, rocAuc: auc.perClass[c], averagePrecision: ap.perClass[c] })),
    micro: scores.micro, macro: scores.macro, weighted: scores.weighted,
    matthews, kappa,
    confusion: {
      counts, byTrue: normalizeConfusion(counts, 'true'), byPredicted: normalizeConfusion(counts, 'pred'), overall: normalizeConfusion(counts, 'all'),
    },
    rocAuc: k === 2 ? binaryAuc : auc.macro,
    rocAucWeighted: k === 2 ? binaryAuc : auc.weighted,
    averagePrecision: k === 2 ? binaryAp : ap.macro,
    averagePrecisionWeighted: k === 2 ? binaryAp : ap.weighted,
    logLoss: loss.value,
    calibration: calibration(yTrue, probs, n, k, options.calibrationBins),
    rocCurves, prCurves, notes,
  };
}
