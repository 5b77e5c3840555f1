// Regression stacking: ridge regression of the target on the members' raw values (intercept unpenalized),
// its strength chosen by seeded k-fold cross-validation inside the validation split.
import { meanSquaredError } from '../metrics/regression';
import type { RidgeMetaParams } from './ensemble-types';
import { assignFolds, foldCountFor, splitFold } from './stacking-features';

/**
 * Ridge strengths tried, as multiples of the members' mean variance (so the grid follows the target's units):
 * from nearly plain least squares to strong shrinkage toward equal-ish weights.
 */
export const RIDGE_L2_GRID: readonly number[] = [1e-6, 1e-4, 1e-3, 1e-2, 1e-1, 1];
/** Used without cross-validation when the split has under 4 rows (times the mean variance, as above). */
const FALLBACK_L2 = 1e-2;

/** Solves a·x = b for a small dense square matrix by Gaussian elimination with partial pivoting. */
export function solveLinear(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r;
    [m[col], m[pivot]] = [m[pivot], m[col]];
    // A zero pivot only happens with l2 = 0 and duplicate members; the caller always adds l2 > 0.
    if (m[col][col] === 0) continue;
    for (let r = col + 1; r < n; r++) {
      const f = m[r][col] / m[col][col];
      for (let c = col; c <= n; c++) m[r][c] -= f * m[col][c];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r][n];
    for (let c = r + 1; c < n; c++) s -= m[r][c] * x[c];
    x[r] = m[r][r] === 0 ? 0 : s / m[r][r];
  }
  return x;
}

/** Centered moments of the chosen rows: column means, target mean, Xcᵀ·Xc / n and Xcᵀ·yc / n. */
function moments(values: ArrayLike<number>[], y: ArrayLike<number>, rows: number[]) {
  const count = values.length;
  const n = rows.length;
  const mean = values.map((v) => rows.reduce((s, r) => s + v[r], 0) / n);
  const yMean = rows.reduce((s, r) => s + y[r], 0) / n;
  const gram = Array.from({ length: count }, () => new Array<number>(count).fill(0));
  const cross = new Array<number>(count).fill(0);
  for (const r of rows) {
    for (let a = 0; a < count; a++) {
      const da = values[a][r] - mean[a];
      cross[a] += (da * (y[r] - yMean)) / n;
      for (let b = 0; b < count; b++) gram[a][b] += (da * (values[b][r] - mean[b])) / n;
    }
  }
  return { mean, yMean, gram, cross };
}

/** Minimizes mean((y − bias − Σ w_m v_m)²) + l2 · ‖w‖² on the given rows (closed form). */
function fitRidge(values: ArrayLike<number>[], y: ArrayLike<number>, rows: number[], l2: number): { weights: number[]; bias: number } {
  const { mean, yMean, gram, cross } = moments(values, y, rows);
  const weights = solveLinear(gram.map((row, a) => row.map((g, b) => (a === b ? g + l2 : g))), cross);
  return { weights, bias: yMean - weights.reduce((s, w, m) => s + w * mean[m], 0) };
}

/** Σ_m weights[m] · values_m[row] + bias for each listed row (target units). */
function predictRows(values: ArrayLike<number>[], model: { weights: readonly number[]; bias: number }, rows: ArrayLike<number>): Float64Array {
  return Float64Array.from(rows as ArrayLike<number>, (r) => model.weights.reduce((s, w, m) => s + w * values[m][r], model.bias));
}

/**
 * Fits the ridge meta-learner on the members' validation values and targets. Tries RIDGE_L2_GRID (scaled by
 * the members' mean variance) on seeded folds of these rows only, keeps the lowest out-of-fold MSE (fitInfo
 * `cvMse@l2=…`, squared target units) and refits on all rows.
 */
export function fitRidgeMeta(values: ArrayLike<number>[], y: ArrayLike<number>, seed: number): { params: RidgeMetaParams; info: Record<string, number> } {
  const rows = y.length;
  const all = Array.from({ length: rows }, (_, r) => r);
  const variance = moments(values, y, all).gram.reduce((s, row, a) => s + row[a], 0) / values.length;
  // Constant members have no variance to scale by; fall back to absolute strengths.
  const unit = variance > 0 ? variance : 1;
  const folds = foldCountFor(rows);
  const info: Record<string, number> = { folds };
  let best = FALLBACK_L2 * unit;
  if (folds > 0) {
    const fold = assignFolds(rows, folds, seed);
    const rounds = Array.from({ length: folds }, (_, f) => splitFold(fold, f));
    let bestMse = Infinity;
    for (const factor of RIDGE_L2_GRID) {
      const l2 = factor * unit;
      const outOfFold = new Float64Array(rows);
      for (const { train, held } of rounds) {
        const predicted = predictRows(values, fitRidge(values, y, train, l2), held);
        held.forEach((r, i) => { outOfFold[r] = predicted[i]; });
      }
      const mse = meanSquaredError(y, outOfFold);
      info[`cvMse@l2=${l2.toExponential(3)}`] = mse;
      if (mse < bestMse) [bestMse, best] = [mse, l2];
    }
  }
  info.l2 = best;
  const model = fitRidge(values, y, all, best);
  return { params: { kind: 'ridge', inputs: values.length, weights: model.weights, bias: model.bias, l2: best }, info };
}

/** Predictions [rows] in target units of the fitted ridge meta-learner. */
export function predictRidgeMeta(params: RidgeMetaParams, values: ArrayLike<number>[]): Float64Array {
  const rows = Array.from({ length: values[0].length }, (_, r) => r);
  return predictRows(values, params, rows);
}
