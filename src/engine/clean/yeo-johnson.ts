// The Yeo-Johnson power transform (Yeo & Johnson, Biometrika 2000): a Box-Cox-like transform that also
// accepts zero and negative values, with lambda fitted by maximum likelihood on the training values.

/** Lambda is searched in this range (wider values are numerically fragile and rarely useful). */
export const YEO_JOHNSON_LAMBDA_RANGE = [-5, 5] as const;

/**
 * ψ(x, λ): for x >= 0, ((x+1)^λ - 1)/λ (log(x+1) when λ = 0); for x < 0, -((1-x)^(2-λ) - 1)/(2-λ)
 * (-log(1-x) when λ = 2). Computed with expm1/log1p so that λ near 0 or 2 stays accurate. Pure.
 */
export function yeoJohnson(x: number, lambda: number): number {
  if (x >= 0) {
    const l = Math.log1p(x);
    return Math.abs(lambda) < 1e-12 ? l : Math.expm1(lambda * l) / lambda;
  }
  const l = Math.log1p(-x);
  const p = 2 - lambda;
  return Math.abs(p) < 1e-12 ? -l : -Math.expm1(p * l) / p;
}

/**
 * Profile log-likelihood of λ under a normal model for ψ(x, λ) with mean and variance at their MLEs:
 * -n/2 · log(σ²(λ)) + (λ - 1) · Σ sign(x)·log(|x| + 1) (the second term is the log-Jacobian).
 * -Infinity when the transformed values have zero (or non-finite) variance.
 */
export function yeoJohnsonLogLikelihood(values: readonly number[], lambda: number): number {
  const n = values.length;
  let sum = 0;
  const t = new Float64Array(n);
  let jacobian = 0;
  for (let i = 0; i < n; i++) {
    t[i] = yeoJohnson(values[i], lambda);
    sum += t[i];
    jacobian += Math.sign(values[i]) * Math.log1p(Math.abs(values[i]));
  }
  const mean = sum / n;
  let sq = 0;
  for (let i = 0; i < n; i++) sq += (t[i] - mean) * (t[i] - mean);
  const variance = sq / n;
  if (!(variance > 0) || !Number.isFinite(variance)) return -Infinity;
  return (-n / 2) * Math.log(variance) + (lambda - 1) * jacobian;
}

/**
 * The λ in [-5, 5] that maximizes yeoJohnsonLogLikelihood: a grid in steps of 0.05 finds the best
 * region (so a second local maximum cannot trap the search), then golden-section search refines it to
 * about 1e-9. Fewer than 2 distinct finite values (no variance to model) give λ = 1, the identity. Pure.
 */
export function fitYeoJohnsonLambda(values: readonly number[]): number {
  const finite = values.filter(Number.isFinite);
  if (new Set(finite).size < 2) return 1;
  const [lo, hi] = YEO_JOHNSON_LAMBDA_RANGE;
  const stepSize = 0.05;
  const ll = (lambda: number) => yeoJohnsonLogLikelihood(finite, lambda);
  let best: number = lo;
  let bestValue = -Infinity;
  for (let k = 0; lo + k * stepSize <= hi + 1e-12; k++) {
    const lambda = lo + k * stepSize;
    const value = ll(lambda);
    if (value > bestValue) {
      bestValue = value;
      best = lambda;
    }
  }
  // Golden-section search for the maximum on [best - step, best + step] within the range.
  let a = Math.max(lo, best - stepSize);
  let b = Math.min(hi, best + stepSize);
  const ratio = (Math.sqrt(5) - 1) / 2;
  let c = b - ratio * (b - a);
  let d = a + ratio * (b - a);
  let fc = ll(c);
  let fd = ll(d);
  while (b - a > 1e-9) {
    if (fc > fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - ratio * (b - a);
      fc = ll(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + ratio * (b - a);
      fd = ll(d);
    }
  }
  const refined = (a + b) / 2;
  return ll(refined) >= bestValue ? refined : best;
}
