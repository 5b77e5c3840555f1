// Test-split evaluation of a trained model: the full classification or regression report (curves
// downsampled for plotting), the legacy summary fields old screens read, and the worst-predicted test rows.
import type { EncodedSplit, FittedPipeline } from '../src/engine/data/prepare-types';
import { classificationReport } from '../src/engine/metrics/classification-report';
import { regressionReport } from '../src/engine/metrics/regression-report';
import type { RunEvaluation, WorstClassifiedExample, WorstRegressionExample } from '../src/engine/storage/records';
import type { Trainer } from '../src/engine/train/training-loop';

/** Rows listed as the worst examples. */
export const WORST_EXAMPLE_COUNT = 10;
/** Most points per ROC/PR curve; fewer for many classes so a stored run stays small. */
const CURVE_POINTS = 200;
const CURVE_POINTS_MANY_CLASSES = 60;
/** Most points of the predicted-vs-actual and residual plots. */
const REGRESSION_PLOT_POINTS = 1000;

export interface EvaluateOptions {
  /** Short text of test row `testRow`'s raw cells (for the worst-examples table); absent = no preview. */
  rowPreview?: (testRow: number) => string | undefined;
  /** How many worst rows to keep (default WORST_EXAMPLE_COUNT). */
  worstCount?: number;
}

/**
 * Evaluate on the test split; undefined when the test split is empty. Calls `trainer.predict` once
 * (softmax probabilities [n, k] for classification, standardized values [n] for regression).
 */
export async function evaluateTestSplit(
  trainer: Pick<Trainer, 'predict'>, pipeline: FittedPipeline, test: EncodedSplit, options: EvaluateOptions = {},
): Promise<RunEvaluation | undefined> {
  if (test.n === 0) return undefined;
  return evaluateOutputs(pipeline, test, await trainer.predict(test.x, test.n), options);
}

/**
 * The evaluation of model `outputs` on a non-empty test split (pure; see evaluateTestSplit for the shapes).
 * Regression values are un-standardized with pipeline.targetScale, so every error is in target units.
 * Non-finite outputs (a diverged model) give a record with `problem` instead of throwing, so the run still saves.
 */
export function evaluateOutputs(pipeline: FittedPipeline, test: EncodedSplit, outputs: Float32Array, options: EvaluateOptions = {}): RunEvaluation {
  const testCount = test.n;
  const task = pipeline.spec.task;
  const bad = outputs.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) {
    return {
      task, testCount,
      problem: `The model produced ${outputs[bad]} for some test rows (training diverged), so no test metrics can be computed. Lower the learning rate, or turn on gradient clipping, and train again.`,
    };
  }
  const count = options.worstCount ?? WORST_EXAMPLE_COUNT;
  if (task === 'classification') {
    const classes = pipeline.classes ?? [];
    const k = classes.length;
    const report = classificationReport(test.y, outputs, testCount, k, classes, {
      maxCurvePoints: k > 10 ? CURVE_POINTS_MANY_CLASSES : CURVE_POINTS,
    });
    return {
      task, testCount, classes, accuracy: report.accuracy, confusion: report.confusion.counts, report,
      worst: withPreviews(worstClassified(test.y, outputs, testCount, k, count), options.rowPreview),
    };
  }
  const { mean, std } = pipeline.targetScale ?? { mean: 0, std: 1 };
  const actual = Float64Array.from(test.y, (v) => v * std + mean);
  const predicted = Float64Array.from(outputs, (v) => v * std + mean);
  const report = regressionReport(actual, predicted, { maxPoints: REGRESSION_PLOT_POINTS });
  return {
    task, testCount, mae: report.mae, r2: report.r2, report,
    worst: withPreviews(worstPredicted(actual, predicted, count), options.rowPreview),
  };
}

/**
 * The `count` rows of a [n, k] probability matrix with the lowest probability on their true class, lowest
 * first (ties: lower row first). Predicted class = arg-max, first on ties (as the metrics count it).
 */
export function worstClassified(yTrue: ArrayLike<number>, probs: ArrayLike<number>, n: number, k: number, count: number): WorstClassifiedExample[] {
  const rows = Array.from({ length: n }, (_, i) => i);
  rows.sort((a, b) => probs[a * k + yTrue[a]] - probs[b * k + yTrue[b]] || a - b);
  return rows.slice(0, count).map((row) => {
    const probabilities = Array.from({ length: k }, (_, c) => probs[row * k + c]);
    let predictedClass = 0;
    for (let c = 1; c < k; c++) if (probabilities[c] > probabilities[predictedClass]) predictedClass = c;
    return { kind: 'class', row, trueClass: yTrue[row], predictedClass, probabilities };
  });
}

/** The `count` rows with the largest |actual - predicted|, largest first (ties: lower row first). */
export function worstPredicted(actual: ArrayLike<number>, predicted: ArrayLike<number>, count: number): WorstRegressionExample[] {
  const rows = Array.from({ length: actual.length }, (_, i) => i);
  const error = (i: number) => Math.abs(actual[i] - predicted[i]);
  rows.sort((a, b) => error(b) - error(a) || a - b);
  return rows.slice(0, count).map((row) => ({ kind: 'value', row, actual: actual[row], predicted: predicted[row] }));
}

function withPreviews<T extends { row: number; preview?: string }>(examples: T[], preview: EvaluateOptions['rowPreview']): T[] {
  if (!preview) return examples;
  return examples.map((e) => {
    const text = preview(e.row);
    return text === undefined ? e : { ...e, preview: text };
  });
}
