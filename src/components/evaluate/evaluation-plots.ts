// The series behind the evaluation plots, built from a stored report: ROC and precision-recall curves per class,
// the reliability diagram, and predicted-vs-actual / residual point clouds with their reference lines.
import type { ClassificationReport } from '../../engine/metrics/classification-report';
import type { RegressionReport } from '../../engine/metrics/regression-report';
import type { XYSeries } from '../charts/chart-types';

/** Curves beyond this many classes are left out of a plot (it would be unreadable); the per-class table has all. */
export const MAX_PLOTTED_CLASSES = 10;

/** ROC curves (one per class, or the positive class for binary) plus the chance diagonal. */
export function rocSeries(report: ClassificationReport): XYSeries[] {
  const curves = report.rocCurves.slice(0, MAX_PLOTTED_CLASSES).map((curve): XYSeries => ({
    label: report.k === 2 ? `${curve.name} (positive class)` : curve.name,
    x: curve.points.map((p) => p.fpr), y: curve.points.map((p) => p.tpr),
  }));
  return [...curves, { label: 'chance', x: [0, 1], y: [0, 1], reference: true }];
}

/** Precision-recall curves plus, for binary tasks, the share of positives (a random model's precision). */
export function prSeries(report: ClassificationReport): XYSeries[] {
  const curves = report.prCurves.slice(0, MAX_PLOTTED_CLASSES).map((curve): XYSeries => ({
    label: report.k === 2 ? `${curve.name} (positive class)` : curve.name,
    x: curve.points.map((p) => p.recall), y: curve.points.map((p) => p.precision),
  }));
  if (report.k !== 2 || report.n === 0) return curves;
  const base = report.perClass[1].support / report.n;
  return [...curves, { label: 'random', x: [0, 1], y: [base, base], reference: true }];
}

/**
 * Reliability diagram: a bar per non-empty confidence bin as high as the bin's accuracy (drawn as one filled
 * outline), a dot at each bin's mean confidence, and the diagonal a perfectly calibrated model would follow.
 */
export function reliabilitySeries(report: ClassificationReport): XYSeries[] {
  const bins = report.calibration.bins.filter((b) => b.count > 0 && b.accuracy !== null && b.confidence !== null);
  const x: number[] = [];
  const y: number[] = [];
  for (const b of bins) {
    const accuracy = b.accuracy as number;
    x.push(b.lower, b.lower, b.upper, b.upper);
    y.push(0, accuracy, accuracy, 0);
  }
  return [
    { label: 'accuracy per bin', x, y, fill: true },
    { label: 'mean confidence', x: bins.map((b) => b.confidence as number), y: bins.map((b) => b.accuracy as number), draw: 'points' },
    { label: 'perfectly calibrated', x: [0, 1], y: [0, 1], reference: true },
  ];
}

/** The smallest and largest of several arrays' finite values ([0, 1] when there are none). */
function extent(...arrays: number[][]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const values of arrays) for (const v of values) if (Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  return lo <= hi ? [lo, hi] : [0, 1];
}

/** Predicted against actual values, and the y = x line a perfect model would sit on. */
export function predictedVsActualSeries(report: RegressionReport): XYSeries[] {
  const actual = report.points.map((p) => p.actual);
  const predicted = report.points.map((p) => p.predicted);
  const [lo, hi] = extent(actual, predicted);
  return [
    { label: 'test rows', x: actual, y: predicted, draw: 'points' },
    { label: 'perfect (predicted = actual)', x: [lo, hi], y: [lo, hi], reference: true },
  ];
}

/** Residuals (actual − predicted) against predicted values, and the zero line. */
export function residualSeries(report: RegressionReport): XYSeries[] {
  const predicted = report.points.map((p) => p.predicted);
  const [lo, hi] = extent(predicted);
  return [
    { label: 'test rows', x: predicted, y: report.points.map((p) => p.residual), draw: 'points' },
    { label: 'zero error', x: [lo, hi], y: [0, 0], reference: true },
  ];
}
