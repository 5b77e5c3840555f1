// Regression metrics on plain arrays: MAE, MSE, RMSE, MAPE, R^2, and residual points for plots.
// Units are those of the values passed (standardized or original); empty, mismatched or non-finite inputs throw.
import { checkFinitePair, checkPair } from './metric-inputs';

function checkRegression(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, metric: string): void {
  checkPair(yTrue, yPred, metric, 'values');
  checkFinitePair(yTrue, yPred, metric);
}

/** mean(|yTrue - yPred|), in the units of the values. */
export function meanAbsoluteError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkRegression(yTrue, yPred, 'meanAbsoluteError');
  let sum = 0;
  for (let i = 0; i < yTrue.length; i++) sum += Math.abs(yTrue[i] - yPred[i]);
  return sum / yTrue.length;
}

/** mean((yTrue - yPred)^2), in squared units of the values. */
export function meanSquaredError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkRegression(yTrue, yPred, 'meanSquaredError');
  let sum = 0;
  for (let i = 0; i < yTrue.length; i++) sum += (yTrue[i] - yPred[i]) ** 2;
  return sum / yTrue.length;
}

/** sqrt(meanSquaredError), in the units of the values. */
export function rootMeanSquaredError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  return Math.sqrt(meanSquaredError(yTrue, yPred));
}

/** Floor of MAPE's denominator: float64 machine epsilon, as scikit-learn's mean_absolute_percentage_error. */
export const MAPE_EPS = 2.220446049250313e-16;

/**
 * Mean absolute percentage error as a fraction (0.1 = 10 %): mean(|yTrue - yPred| / max(|yTrue|, MAPE_EPS)).
 * Like scikit-learn, a true value of 0 is not skipped: its error is divided by MAPE_EPS, which makes the result
 * huge (finite, never NaN). `countNearZeroTargets` tells a caller when to warn.
 */
export function meanAbsolutePercentageError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkRegression(yTrue, yPred, 'meanAbsolutePercentageError');
  let sum = 0;
  for (let i = 0; i < yTrue.length; i++) sum += Math.abs(yTrue[i] - yPred[i]) / Math.max(Math.abs(yTrue[i]), MAPE_EPS);
  return sum / yTrue.length;
}

/** Number of true values with |y| < MAPE_EPS (MAPE divides by the floor there). */
export function countNearZeroTargets(yTrue: ArrayLike<number>): number {
  let count = 0;
  for (let i = 0; i < yTrue.length; i++) if (Math.abs(yTrue[i]) < MAPE_EPS) count++;
  return count;
}

/** True when every true value is the same (R^2 then follows the convention below rather than a ratio). */
export function isConstant(values: ArrayLike<number>): boolean {
  for (let i = 1; i < values.length; i++) if (values[i] !== values[0]) return false;
  return true;
}

/**
 * Coefficient of determination 1 - SS_res / SS_tot (unitless, <= 1, can be negative).
 * When yTrue has zero variance it follows scikit-learn: 1 if every prediction is exact, else 0.
 */
export function r2Score(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkRegression(yTrue, yPred, 'r2Score');
  // Check constancy exactly: the mean of equal floats can differ from them by rounding, and a tiny
  // SS_tot would then turn a near-perfect prediction into a huge negative score.
  if (isConstant(yTrue)) {
    for (let i = 0; i < yTrue.length; i++) if (yPred[i] !== yTrue[i]) return 0;
    return 1;
  }
  let mean = 0;
  for (let i = 0; i < yTrue.length; i++) mean += yTrue[i];
  mean /= yTrue.length;
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < yTrue.length; i++) {
    ssRes += (yTrue[i] - yPred[i]) ** 2;
    ssTot += (yTrue[i] - mean) ** 2;
  }
  return 1 - ssRes / ssTot;
}

/** One row of a predicted-vs-actual or residual plot. */
export interface ResidualPoint {
  actual: number;
  predicted: number;
  /** actual - predicted (scikit-learn's PredictionErrorDisplay convention). */
  residual: number;
}

/** One point per row, in row order, for predicted-vs-actual and residual-vs-predicted plots. */
export function residualPoints(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): ResidualPoint[] {
  checkRegression(yTrue, yPred, 'residualPoints');
  return Array.from({ length: yTrue.length }, (_, i) => ({ actual: yTrue[i], predicted: yPred[i], residual: yTrue[i] - yPred[i] }));
}
