// One record with every regression metric for a test split, points for predicted-vs-actual and residual
// plots, and notes where a value needs a caveat. Plain data (structured-cloneable), never NaN.
import { thinPoints } from './curve-downsample';
import {
  countNearZeroTargets, isConstant, MAPE_EPS, meanAbsoluteError, meanAbsolutePercentageError, meanSquaredError,
  r2Score, residualPoints, type ResidualPoint,
} from './regression';

/** Everything `regressionReport` computes; errors are in the units of the values passed. */
export interface RegressionReport {
  n: number;
  mse: number;
  rmse: number;
  mae: number;
  /** Fraction, not percent (0.1 = 10 %); see meanAbsolutePercentageError for zero targets. */
  mape: number;
  r2: number;
  /** Rows for predicted-vs-actual and residual plots, thinned to options.maxPoints (evenly spaced rows). */
  points: ResidualPoint[];
  notes: string[];
}

export interface RegressionReportOptions {
  /** Most plot points returned. Default 2000. */
  maxPoints?: number;
}

/**
 * Evaluates predictions against true values (same length, finite). Throws on empty input (DataInputError
 * 'empty-split'), mismatched lengths or non-finite values.
 */
export function regressionReport(
  yTrue: ArrayLike<number>, yPred: ArrayLike<number>, options: RegressionReportOptions = {},
): RegressionReport {
  const mse = meanSquaredError(yTrue, yPred);
  const notes: string[] = [];
  const zeros = countNearZeroTargets(yTrue);
  if (zeros) {
    notes.push(`MAPE: ${zeros} true value(s) are 0, so their error is divided by ${MAPE_EPS.toExponential(2)} as scikit-learn does and MAPE is huge; read MAE or RMSE instead.`);
  }
  if (isConstant(yTrue)) {
    notes.push('R² is undefined when every true value is the same; shown as 1 for exact predictions and 0 otherwise, as scikit-learn does.');
  }
  return {
    n: yTrue.length,
    mse,
    rmse: Math.sqrt(mse),
    mae: meanAbsoluteError(yTrue, yPred),
    mape: meanAbsolutePercentageError(yTrue, yPred),
    r2: r2Score(yTrue, yPred),
    points: thinPoints(residualPoints(yTrue, yPred), options.maxPoints ?? 2000),
    notes,
  };
}
