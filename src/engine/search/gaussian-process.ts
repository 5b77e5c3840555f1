// Gaussian-process regression for Bayesian optimization: Matérn 5/2 ARD kernel on standardized targets,
// hyperparameters fitted by maximizing the log marginal likelihood (multi-start L-BFGS, seeded), and
// posterior prediction of the latent function's mean and variance.
import type { RandomSource } from '../random';
import { choleskyWithJitter, solveLower, solveUpperFromLower } from './cholesky';
import {
  flattenPoints, logMarginalLikelihoodPacked, packHyperparameters, unpackHyperparameters, type GpHyperparameters,
} from './gp-likelihood';
import { minimizeLbfgs } from './lbfgs';

export { logMarginalLikelihood, matern52, type GpHyperparameters } from './gp-likelihood';

/** A fitted GP. Not cloneable (it holds a closure); rebuild it from data and `hyperparameters` instead. */
export interface GaussianProcess {
  /** Kernel hyperparameters, for the standardized targets (y − targetMean) / targetScale. */
  hyperparameters: GpHyperparameters;
  /** Standardization of the targets, in the caller's units. */
  targetMean: number;
  targetScale: number;
  /** Log marginal likelihood (nats) of the standardized targets at `hyperparameters`. */
  logMarginalLikelihood: number;
  /** Posterior of the latent function at a point (length = input dimension), in the caller's target units; noise excluded. */
  predict(x: number[]): { mean: number; variance: number };
  /** The same kernel and standardization conditioned on extra points as well (e.g. constant-liar imputations). */
  withObservations(x: number[][], y: number[]): GaussianProcess;
}

export interface GpFitOptions {
  /** Random starting points tried besides the default one (default 2). */
  restarts?: number;
  /** L-BFGS iterations per start (default 50). */
  maxIterations?: number;
}

/**
 * Search box for the hyperparameters in standardized-target, unit-cube units: wide enough for any sensible
 * fit, narrow enough that a handful of points cannot drive the fit to a degenerate kernel.
 */
export const GP_HYPERPARAMETER_BOUNDS = {
  lengthScale: [0.01, 2],
  signalVariance: [0.01, 100],
  noiseVariance: [1e-6, 1],
} as const;

/** Mean and scale (population standard deviation; 1 when the targets are all equal) of `y`, and the standardized values. */
export function standardizeTargets(y: number[]): { values: number[]; mean: number; scale: number } {
  const mean = y.reduce((a, b) => a + b, 0) / y.length;
  const sd = Math.sqrt(y.reduce((a, b) => a + (b - mean) ** 2, 0) / y.length);
  const scale = sd > 1e-12 * Math.max(1, Math.abs(mean)) ? sd : 1;
  return { values: y.map((v) => (v - mean) / scale), mean, scale };
}

function checkData(x: number[][], y: number[]): number {
  if (x.length === 0 || x.length !== y.length) throw new RangeError(`A Gaussian process needs at least one point and one target per point (got ${x.length} points, ${y.length} targets).`);
  const d = x[0].length;
  if (d === 0 || x.some((row) => row.length !== d || row.some((v) => !Number.isFinite(v)))) {
    throw new RangeError(`Every Gaussian-process input must have the same number (${d} ≥ 1) of finite coordinates.`);
  }
  if (y.some((v) => !Number.isFinite(v))) throw new RangeError('Gaussian-process targets must be finite; replace NaN or Infinity (e.g. by the worst value) first.');
  return d;
}

/**
 * A GP on inputs `x` (n rows of d numbers, ideally in [0, 1]) and targets `y` (n numbers, caller's units)
 * with fixed `hyperparameters` and standardization (default: standardize `y`). Throws RangeError for bad data.
 */
export function createGaussianProcess(
  x: number[][], y: number[], hyperparameters: GpHyperparameters, standardization?: { mean: number; scale: number },
): GaussianProcess {
  const d = checkData(x, y);
  const { mean: targetMean, scale: targetScale } = standardization ?? standardizeTargets(y);
  const n = x.length;
  const flat = flattenPoints(x, d);
  const values = Float64Array.from(y, (v) => (v - targetMean) / targetScale);
  const theta = packHyperparameters(hyperparameters);
  const { lengthScales, signalVariance: s2, noiseVariance: noise } = hyperparameters;
  const inverseScales = lengthScales.map((l) => 1 / l);
  const cov = new Float64Array(n * n);
  const kernel = (a: Float64Array | number[], aOffset: number, b: Float64Array, bOffset: number): number => {
    let r2 = 0;
    for (let k = 0; k < d; k++) { const t = (a[aOffset + k] - b[bOffset + k]) * inverseScales[k]; r2 += t * t; }
    const r = Math.sqrt(r2);
    return s2 * (1 + Math.sqrt(5) * r + (5 / 3) * r2) * Math.exp(-Math.sqrt(5) * r);
  };
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const v = i === j ? s2 + noise : kernel(flat, i * d, flat, j * d);
      cov[i * n + j] = v;
      cov[j * n + i] = v;
    }
  }
  const { factor } = choleskyWithJitter(cov, n);
  const alpha = solveUpperFromLower(factor, n, solveLower(factor, n, values, new Float64Array(n)), new Float64Array(n));
  // Scratch buffers reused across predict calls: acquisition search calls predict thousands of times.
  const kStar = new Float64Array(n);
  const v = new Float64Array(n);
  return {
    hyperparameters: { lengthScales: [...lengthScales], signalVariance: s2, noiseVariance: noise },
    targetMean,
    targetScale,
    logMarginalLikelihood: logMarginalLikelihoodPacked(flat, values, d, theta),
    predict(point: number[]) {
      if (point.length !== d) throw new RangeError(`This Gaussian process takes points of ${d} numbers, got ${point.length}.`);
      let mean = 0;
      for (let i = 0; i < n; i++) { kStar[i] = kernel(point, 0, flat, i * d); mean += kStar[i] * alpha[i]; }
      solveLower(factor, n, kStar, v);
      let explained = 0;
      for (let i = 0; i < n; i++) explained += v[i] * v[i];
      // Rounding can push s2 − |v|² slightly below zero at the data points; keep a tiny positive floor.
      const latent = Math.max(s2 - explained, 1e-12 * s2);
      return { mean: targetMean + targetScale * mean, variance: latent * targetScale * targetScale };
    },
    withObservations(extraX: number[][], extraY: number[]) {
      return createGaussianProcess([...x, ...extraX], [...y, ...extraY], hyperparameters, { mean: targetMean, scale: targetScale });
    },
  };
}

/**
 * Fits a GP to `x` (n rows of d numbers in [0, 1]) and `y` (n finite numbers, any units; standardized inside):
 * maximizes the log marginal likelihood over log-hyperparameters within GP_HYPERPARAMETER_BOUNDS by L-BFGS
 * from a default start plus `restarts` starts drawn from `random`. Deterministic for a given source.
 */
export function fitGaussianProcess(x: number[][], y: number[], random: RandomSource, options: GpFitOptions = {}): GaussianProcess {
  const d = checkData(x, y);
  const { restarts = 2, maxIterations = 50 } = options;
  const standardized = standardizeTargets(y);
  const flat = flattenPoints(x, d);
  const targets = Float64Array.from(standardized.values);
  const B = GP_HYPERPARAMETER_BOUNDS;
  const lower = [...Array<number>(d).fill(Math.log(B.lengthScale[0])), Math.log(B.signalVariance[0]), Math.log(B.noiseVariance[0])];
  const upper = [...Array<number>(d).fill(Math.log(B.lengthScale[1])), Math.log(B.signalVariance[1]), Math.log(B.noiseVariance[1])];
  const lmlGradient = new Float64Array(d + 2);
  // Negative log likelihood plus a steep quadratic wall outside the box, which L-BFGS handles as a smooth cost.
  const objective = (theta: Float64Array, gradient: Float64Array): number => {
    const value = logMarginalLikelihoodPacked(flat, targets, d, theta, lmlGradient);
    if (!Number.isFinite(value)) return Number.POSITIVE_INFINITY;
    let cost = -value;
    for (let k = 0; k < d + 2; k++) {
      gradient[k] = -lmlGradient[k];
      const below = lower[k] - theta[k];
      const above = theta[k] - upper[k];
      if (below > 0) { cost += 50 * below * below; gradient[k] -= 100 * below; }
      if (above > 0) { cost += 50 * above * above; gradient[k] += 100 * above; }
    }
    return cost;
  };
  const starts: number[][] = [[...Array<number>(d).fill(Math.log(0.5)), 0, Math.log(1e-3)]];
  for (let s = 0; s < restarts; s++) {
    starts.push([
      ...Array.from({ length: d }, () => Math.log(0.05) + random() * (Math.log(2) - Math.log(0.05))),
      Math.log(0.3) + random() * (Math.log(3) - Math.log(0.3)),
      Math.log(1e-6) + random() * (Math.log(0.1) - Math.log(1e-6)),
    ]);
  }
  let best: { theta: Float64Array; value: number } | undefined;
  for (const start of starts) {
    try {
      const result = minimizeLbfgs(objective, start, { maxIterations });
      if (!best || result.value < best.value) best = { theta: result.x, value: result.value };
    } catch (error) {
      // A start where K cannot be factored is simply skipped; the default start always factors (noise > 0).
      if (!(error instanceof RangeError)) throw error;
    }
  }
  const theta = best ? best.theta.map((t, k) => Math.min(upper[k], Math.max(lower[k], t))) : Float64Array.from(starts[0]);
  return createGaussianProcess(x, y, unpackHyperparameters(theta, d), standardized);
}
