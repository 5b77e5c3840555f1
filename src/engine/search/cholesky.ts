// Dense symmetric positive-definite algebra for the Gaussian process: Cholesky factorization with
// escalating jitter, triangular solves and the inverse from the factor. Row-major Float64Array n×n.

/** A covariance matrix that stayed indefinite even after adding the largest jitter; the message says why. */
export class CholeskyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CholeskyError';
  }
}

/**
 * Factors `a` (row-major n×n, symmetric; only the lower triangle is read) into L·Lᵀ and writes the lower
 * factor into `out` (upper triangle zeroed). Returns false instead of throwing when a pivot is not
 * positive, so callers can retry with jitter cheaply.
 */
export function choleskyInPlace(a: Float64Array, n: number, out: Float64Array): boolean {
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let j = 0; j <= i; j++) {
      const rj = j * n;
      let sum = a[ri + j];
      for (let k = 0; k < j; k++) sum -= out[ri + k] * out[rj + k];
      if (i === j) {
        if (!(sum > 0)) return false;
        out[ri + i] = Math.sqrt(sum);
      } else out[ri + j] = sum / out[rj + j];
    }
    for (let j = i + 1; j < n; j++) out[ri + j] = 0;
  }
  return true;
}

/**
 * Cholesky factor of `a` + jitter·I, trying jitter 0 and then `relativeJitter`·mean(diag), ×10 each time,
 * up to 1e-2·mean(diag): near-duplicate points make GP covariances numerically singular. Returns the
 * factor and the jitter used (in the matrix's units). Throws CholeskyError when nothing works.
 */
export function choleskyWithJitter(a: Float64Array, n: number, relativeJitter = 1e-10): { factor: Float64Array; jitter: number } {
  const factor = new Float64Array(n * n);
  let meanDiag = 0;
  for (let i = 0; i < n; i++) meanDiag += a[i * n + i];
  meanDiag = n > 0 ? meanDiag / n : 1;
  if (!Number.isFinite(meanDiag)) throw new CholeskyError('The covariance matrix holds NaN or Infinity; check the inputs for non-finite numbers.');
  const work = new Float64Array(a);
  const jitters = [0];
  for (let relative = relativeJitter; relative <= 1.01e-2; relative *= 10) jitters.push(relative * meanDiag);
  for (const jitter of jitters) {
    for (let i = 0; i < n; i++) work[i * n + i] = a[i * n + i] + jitter;
    if (choleskyInPlace(work, n, factor)) return { factor, jitter };
  }
  throw new CholeskyError('The covariance matrix is not positive definite even with jitter; remove duplicate points or allow more noise.');
}

/** Solves L·x = b for lower-triangular `l` (n×n); writes x into `out` (may alias `b`). */
export function solveLower(l: Float64Array, n: number, b: ArrayLike<number>, out: Float64Array): Float64Array {
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    let sum = b[i];
    for (let k = 0; k < i; k++) sum -= l[ri + k] * out[k];
    out[i] = sum / l[ri + i];
  }
  return out;
}

/** Solves Lᵀ·x = b for lower-triangular `l` (n×n); writes x into `out` (may alias `b`). */
export function solveUpperFromLower(l: Float64Array, n: number, b: ArrayLike<number>, out: Float64Array): Float64Array {
  for (let i = n - 1; i >= 0; i--) {
    let sum = b[i];
    for (let k = i + 1; k < n; k++) sum -= l[k * n + i] * out[k];
    out[i] = sum / l[i * n + i];
  }
  return out;
}

/** (L·Lᵀ)⁻¹ from the lower factor `l`, as a full symmetric row-major n×n matrix. */
export function inverseFromCholesky(l: Float64Array, n: number): Float64Array {
  // M = L⁻¹ (lower triangular), then A⁻¹ = Mᵀ·M; only the lower triangle is computed, then mirrored.
  const m = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    m[j * n + j] = 1 / l[j * n + j];
    for (let i = j + 1; i < n; i++) {
      let sum = 0;
      for (let k = j; k < i; k++) sum -= l[i * n + k] * m[k * n + j];
      m[i * n + j] = sum / l[i * n + i];
    }
  }
  const inv = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = 0;
      for (let k = i; k < n; k++) sum += m[k * n + i] * m[k * n + j];
      inv[i * n + j] = sum;
      inv[j * n + i] = sum;
    }
  }
  return inv;
}
