// Regression metrics on plain arrays: mean absolute error, mean squared error, R^2.
// Units are those of the values passed (standardized or original); empty, mismatched or non-finite inputs throw.

function checkPair(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, metric: string): void {
  if (yTrue.length !== yPred.length) {
    throw new Error(`${metric}: got ${yTrue.length} true values but ${yPred.length} predictions; pass one prediction per row.`);
  }
  if (yTrue.length === 0) {
    throw new Error(`${metric}: no rows to score; the split is empty, so give it a larger fraction or add data.`);
  }
  for (let i = 0; i < yTrue.length; i++) {
    if (!Number.isFinite(yTrue[i]) || !Number.isFinite(yPred[i])) {
      throw new Error(`${metric}: row ${i} has a non-finite value (true ${yTrue[i]}, predicted ${yPred[i]}); the model may have diverged.`);
    }
  }
}

/** mean(|yTrue - yPred|), in the units of the values. */
export function meanAbsoluteError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkPair(yTrue, yPred, 'meanAbsoluteError');
  let sum = 0;
  for (let i = 0; i < yTrue.length; i++) sum += Math.abs(yTrue[i] - yPred[i]);
  return sum / yTrue.length;
}

/** mean((yTrue - yPred)^2), in squared units of the values. */
export function meanSquaredError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkPair(yTrue, yPred, 'meanSquaredError');
  let sum = 0;
  for (let i = 0; i < yTrue.length; i++) sum += (yTrue[i] - yPred[i]) ** 2;
  return sum / yTrue.length;
}

/**
 * Coefficient of determination 1 - SS_res / SS_tot (unitless, <= 1, can be negative).
 * When yTrue has zero variance it follows scikit-learn: 1 if every prediction is exact, else 0.
 */
export function r2Score(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkPair(yTrue, yPred, 'r2Score');
  // Check constancy exactly: the mean of equal floats can differ from them by rounding, and a tiny
  // SS_tot would then turn a near-perfect prediction into a huge negative score.
  let constant = true;
  for (let i = 1; i < yTrue.length; i++) if (yTrue[i] !== yTrue[0]) constant = false;
  if (constant) {
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
