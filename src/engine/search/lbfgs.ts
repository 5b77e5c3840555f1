// A small limited-memory BFGS minimizer (Nocedal & Wright, Numerical Optimization, algorithm 7.4) with a
// backtracking Armijo line search; used to fit Gaussian-process hyperparameters. Unconstrained, deterministic.

/**
 * Objective for `minimizeLbfgs`: returns f(x) and writes ∂f/∂x into `gradient` (same length as x).
 * May return a non-finite value for points it cannot evaluate; the line search then steps back.
 */
export type LbfgsObjective = (x: Float64Array, gradient: Float64Array) => number;

export interface LbfgsOptions {
  /** Most quasi-Newton iterations (default 60). */
  maxIterations?: number;
  /** Correction pairs remembered (default 6). */
  memory?: number;
  /** Stop once the largest gradient component is below this (default 1e-5). */
  gradientTolerance?: number;
  /** Stop once an iteration lowers f by less than this times max(1, |f|) (default 1e-9). */
  relativeTolerance?: number;
}

export interface LbfgsResult {
  /** Best point found. */
  x: Float64Array;
  /** f at `x`. */
  value: number;
  /** Iterations done and objective evaluations spent (line-search trials included). */
  iterations: number;
  evaluations: number;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** Minimizes `objective` from `x0`. Throws RangeError when f(x0) is not finite (there is nowhere to start). */
export function minimizeLbfgs(objective: LbfgsObjective, x0: ArrayLike<number>, options: LbfgsOptions = {}): LbfgsResult {
  const { maxIterations = 60, memory = 6, gradientTolerance = 1e-5, relativeTolerance = 1e-9 } = options;
  const n = x0.length;
  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let f = objective(x, g);
  let evaluations = 1;
  if (!Number.isFinite(f)) throw new RangeError('L-BFGS cannot start: the objective is not finite at the starting point; start from a valid point.');
  const sList: Float64Array[] = [];
  const yList: Float64Array[] = [];
  const rho: number[] = [];
  const direction = new Float64Array(n);
  const alpha = new Array<number>(memory).fill(0);
  let iterations = 0;
  while (iterations < maxIterations) {
    if (g.reduce((m, v) => Math.max(m, Math.abs(v)), 0) < gradientTolerance) break;
    // Two-loop recursion: direction = −H·g with H the implicit inverse-Hessian estimate.
    for (let i = 0; i < n; i++) direction[i] = -g[i];
    for (let k = sList.length - 1; k >= 0; k--) {
      alpha[k] = rho[k] * dot(sList[k], direction);
      for (let i = 0; i < n; i++) direction[i] -= alpha[k] * yList[k][i];
    }
    if (sList.length > 0) {
      const last = sList.length - 1;
      const gamma = dot(sList[last], yList[last]) / dot(yList[last], yList[last]);
      for (let i = 0; i < n; i++) direction[i] *= gamma;
    }
    for (let k = 0; k < sList.length; k++) {
      const beta = rho[k] * dot(yList[k], direction);
      for (let i = 0; i < n; i++) direction[i] += sList[k][i] * (alpha[k] - beta);
    }
    let slope = dot(g, direction);
    if (!(slope < 0)) {
      // Not a descent direction (bad curvature estimate): forget the memory and follow the gradient.
      sList.length = 0; yList.length = 0; rho.length = 0;
      for (let i = 0; i < n; i++) direction[i] = -g[i];
      slope = dot(g, direction);
    }
    // Without curvature information the gradient's scale is arbitrary: make the first step unit length.
    let step = sList.length === 0 ? Math.min(1, 1 / Math.sqrt(-slope)) : 1;
    const xNew = new Float64Array(n);
    const gNew = new Float64Array(n);
    let fNew = Number.NaN;
    let accepted = false;
    for (let tries = 0; tries < 30; tries++) {
      for (let i = 0; i < n; i++) xNew[i] = x[i] + step * direction[i];
      fNew = objective(xNew, gNew);
      evaluations++;
      if (Number.isFinite(fNew) && fNew <= f + 1e-4 * step * slope) { accepted = true; break; }
      step *= 0.5;
    }
    iterations++;
    if (!accepted) break;
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) { s[i] = xNew[i] - x[i]; y[i] = gNew[i] - g[i]; }
    const sy = dot(s, y);
    // Keep only pairs with positive curvature so that H stays positive definite.
    if (sy > 1e-12) {
      if (sList.length === memory) { sList.shift(); yList.shift(); rho.shift(); }
      sList.push(s); yList.push(y); rho.push(1 / sy);
    }
    const decrease = f - fNew;
    x = xNew; g = gNew; f = fNew;
    if (decrease < relativeTolerance * Math.max(1, Math.abs(f))) break;
  }
  return { x, value: f, iterations, evaluations };
}
