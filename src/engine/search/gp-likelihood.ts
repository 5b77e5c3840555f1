// The Matérn 5/2 ARD covariance and the Gaussian-process log marginal likelihood with its analytic
// gradient in log-hyperparameter space (Rasmussen & Williams, Gaussian Processes for ML, eq. 2.30 and 5.9).
import { choleskyWithJitter, CholeskyError, inverseFromCholesky, solveLower, solveUpperFromLower } from './cholesky';

/** Kernel hyperparameters; all strictly positive. Inputs are unit-cube points, targets usually standardized. */
export interface GpHyperparameters {
  /** One length scale per input dimension, in input units (ARD: a large value means the dimension hardly matters). */
  lengthScales: number[];
  /** Prior variance of the latent function, in target units squared. */
  signalVariance: number;
  /** Variance of the observation noise, in target units squared. */
  noiseVariance: number;
}

const SQRT5 = Math.sqrt(5);
const LOG_2PI = Math.log(2 * Math.PI);

/** Matérn 5/2 correlation at scaled distance r ≥ 0: (1 + √5 r + 5r²/3)·exp(−√5 r), equal to 1 at r = 0. */
export function matern52(r: number): number {
  return (1 + SQRT5 * r + (5 / 3) * r * r) * Math.exp(-SQRT5 * r);
}

/** Points (n rows of d numbers) flattened row-major, the layout the hot loops below read. */
export function flattenPoints(x: number[][], d: number): Float64Array {
  const flat = new Float64Array(x.length * d);
  x.forEach((row, i) => flat.set(row, i * d));
  return flat;
}

/** Packs hyperparameters as θ = [log ℓ₁ … log ℓ_d, log signal variance, log noise variance]. */
export function packHyperparameters(h: GpHyperparameters): Float64Array {
  return Float64Array.from([...h.lengthScales.map(Math.log), Math.log(h.signalVariance), Math.log(h.noiseVariance)]);
}

/** Inverse of `packHyperparameters`. */
export function unpackHyperparameters(theta: ArrayLike<number>, d: number): GpHyperparameters {
  const lengthScales: number[] = [];
  for (let k = 0; k < d; k++) lengthScales.push(Math.exp(theta[k]));
  return { lengthScales, signalVariance: Math.exp(theta[d]), noiseVariance: Math.exp(theta[d + 1]) };
}

/**
 * log p(y | X, θ) = −½ yᵀK⁻¹y − ½ log|K| − (n/2) log 2π with K = Matérn(X) + noise·I, for `x` flattened
 * n×d and θ packed as in `packHyperparameters`. When `gradient` (length d + 2) is given, writes ∂/∂θ,
 * using ∂ log p/∂θ = ½ tr((ααᵀ − K⁻¹) ∂K/∂θ). Returns −Infinity when K cannot be factored.
 */
export function logMarginalLikelihoodPacked(x: Float64Array, y: ArrayLike<number>, d: number, theta: ArrayLike<number>, gradient?: Float64Array): number {
  const n = y.length;
  const { signalVariance: s2, noiseVariance: noise, lengthScales } = unpackHyperparameters(theta, d);
  const z = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let k = 0; k < d; k++) z[i * d + k] = x[i * d + k] / lengthScales[k];
  const cov = new Float64Array(n * n);
  // dr[i·n+j] = s2·(5/3)(1 + √5 r)e^{−√5 r}: the common factor of every ∂K_ij/∂log ℓ_k (the 1/r cancels).
  const dr = gradient ? new Float64Array(n * n) : undefined;
  for (let i = 0; i < n; i++) {
    cov[i * n + i] = s2 + noise;
    for (let j = 0; j < i; j++) {
      let r2 = 0;
      for (let k = 0; k < d; k++) { const t = z[i * d + k] - z[j * d + k]; r2 += t * t; }
      const r = Math.sqrt(r2);
      const e = Math.exp(-SQRT5 * r);
      const kij = s2 * (1 + SQRT5 * r + (5 / 3) * r2) * e;
      cov[i * n + j] = kij;
      cov[j * n + i] = kij;
      if (dr) dr[i * n + j] = s2 * (5 / 3) * (1 + SQRT5 * r) * e;
    }
  }
  let factor: Float64Array;
  try {
    factor = choleskyWithJitter(cov, n).factor;
  } catch (error) {
    if (error instanceof CholeskyError) return Number.NEGATIVE_INFINITY;
    throw error;
  }
  const alpha = solveUpperFromLower(factor, n, solveLower(factor, n, y, new Float64Array(n)), new Float64Array(n));
  let value = -0.5 * n * LOG_2PI;
  for (let i = 0; i < n; i++) value -= 0.5 * y[i] * alpha[i] + Math.log(factor[i * n + i]);
  if (!gradient || !dr) return value;

  const inv = inverseFromCholesky(factor, n);
  gradient.fill(0);
  let traceW = 0;
  let signal = 0;
  for (let i = 0; i < n; i++) {
    const wii = alpha[i] * alpha[i] - inv[i * n + i];
    traceW += wii;
    signal += 0.5 * wii * s2;
    for (let j = 0; j < i; j++) {
      // The pair (i, j) and (j, i) contribute equally: ½·2 = 1.
      const w = alpha[i] * alpha[j] - inv[i * n + j];
      signal += w * cov[i * n + j];
      const c = w * dr[i * n + j];
      for (let k = 0; k < d; k++) { const t = z[i * d + k] - z[j * d + k]; gradient[k] += c * t * t; }
    }
  }
  gradient[d] = signal;
  gradient[d + 1] = 0.5 * noise * traceW;
  return value;
}

/**
 * Log marginal likelihood (nats) of targets `y` (length n, used as given: standardize them first to compare
 * with a fitted GP) at inputs `x` (n rows of d numbers) under `hyperparameters`. −Infinity if K is singular.
 */
export function logMarginalLikelihood(x: number[][], y: number[], hyperparameters: GpHyperparameters): number {
  const d = hyperparameters.lengthScales.length;
  if (x.length !== y.length || x.some((row) => row.length !== d)) {
    throw new RangeError(`logMarginalLikelihood needs one target per point and ${d} numbers per point (one per length scale).`);
  }
  return logMarginalLikelihoodPacked(flattenPoints(x, d), y, d, packHyperparameters(hyperparameters));
}
