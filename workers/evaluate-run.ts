// Test-split evaluation of a trained model: accuracy and confusion matrix, or MAE and R².
import type { EncodedSplit, FittedPipeline } from '../src/engine/data/prepare-types';
import { accuracy, argmaxRows, confusionMatrix } from '../src/engine/metrics/classification';
import { meanAbsoluteError, r2Score } from '../src/engine/metrics/regression';
import type { RunEvaluation } from '../src/engine/storage/records';
import type { Trainer } from '../src/engine/train/training-loop';

/** Evaluate on the test split; undefined when the test split is empty. Regression metrics are in target units. */
export async function evaluateTestSplit(trainer: Trainer, pipeline: FittedPipeline, test: EncodedSplit): Promise<RunEvaluation | undefined> {
  if (test.n === 0) return undefined;
  const outputs = await trainer.predict(test.x, test.n);
  if (pipeline.spec.task === 'classification') {
    const classes = pipeline.classes ?? [];
    const predicted = argmaxRows(outputs, test.n, classes.length);
    return {
      task: 'classification', testCount: test.n, classes,
      accuracy: accuracy(test.y, predicted), confusion: confusionMatrix(test.y, predicted, classes.length),
    };
  }
  const { mean, std } = pipeline.targetScale ?? { mean: 0, std: 1 };
  const actual = Float64Array.from(test.y, (v) => v * std + mean);
  const predicted = Float64Array.from(outputs, (v) => v * std + mean);
  return { task: 'regression', testCount: test.n, mae: meanAbsoluteError(actual, predicted), r2: r2Score(actual, predicted) };
}
