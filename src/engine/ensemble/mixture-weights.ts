// Fits the 'weighted' method's member weights (non-negative, summing to 1) on validation predictions:
// minimum log loss for classification (EM on the mixture), minimum MSE for regression (projected gradient).
// Both problems are convex on the simplex, so each deterministic method reaches the same optimum from uniform.

/** Result of a weight fit: weights in member order, and the iterations it took. */
export interface WeightFit {
  weights: number[];
  iterations: number;
}

/** Floor of a true-class probability, so a row every member gives 0 still has a finite gradient. */
const PROB_FLOOR = 1e-15;
const MAX_ITERATIONS = 5000;
/** Stop once no weight moves by more than this in an iteration (weights are fractions of 1). */
const TOLERANCE = 1e-10;

/**
 * Mixture weights w minimizing −(1/n) Σ_i ln Σ_m w_m · p_m[i, y_i] (the log loss of Σ_m w_m · probs_m, in nats).
 * `trueProbs[m][i]` is member m's probability of row i's true class. Uses EM for mixture proportions
 * (w_m ← w_m · mean_i(p_mi / q_i)): every step keeps w on the simplex and never raises the loss, with no
 * learning rate to tune, so the fit is the same on every platform. Starts from uniform weights.
 */
export function fitLogLossWeights(trueProbs: Float64Array[]): WeightFit {
  const count = trueProbs.length;
  const rows = trueProbs[0].length;
  let w = new Array<number>(count).fill(1 / count);
  const mix = new Float64Array(rows);
  for (let iteration = 1; iteration <= MAX_ITERATIONS; iteration++) {
    mix.fill(0);
    for (let m = 0; m < count; m++) for (let i = 0; i < rows; i++) mix[i] += w[m] * Math.max(trueProbs[m][i], PROB_FLOOR);
    const next = w.map((wm, m) => {
      let ratio = 0;
      for (let i = 0; i < rows; i++) ratio += Math.max(trueProbs[m][i], PROB_FLOOR) / mix[i];
      return (wm * ratio) / rows;
    });
    // Renormalize against rounding drift: in exact arithmetic the EM step already sums to 1.
    const total = next.reduce((a, b) => a + b, 0);
    const moved = Math.max(...next.map((v, m) => Math.abs(v / total - w[m])));
    w = next.map((v) => v / total);
    if (moved < TOLERANCE) return { weights: w, iterations: iteration };
  }
  return { weights: w, iterations: MAX_ITERATIONS };
}

/** Euclidean projection onto the probability simplex {w ≥ 0, Σw = 1} (Duchi et al. 2008, sort-based). */
export function projectToSimplex(u: readonly number[]): number[] {
  const sorted = [...u].sort((a, b) => b - a);
  let cumulative = 0;
  let theta = 0;
  for (let j = 0; j < sorted.length; j++) {
    cumulative += sorted[j];
    const candidate = (cumulative - 1) / (j + 1);
    if (sorted[j] - candidate > 0) theta = candidate;
  }
  return u.map((v) => Math.max(v - theta, 0));
}

/**
 * Weights w on the simplex minimizing mean((Σ_m w_m · values_m[i] − y_i)²), in squared target units.
 * The loss is the quadratic wᵀGw − 2bᵀw + c with G = VᵀV/n and b = Vᵀy/n, so after one pass over the rows
 * each iteration costs O(M²): accelerated projected gradient (FISTA) with step 1/L, L = 2·trace(G) ≥ 2·λmax(G).
 */
export function fitSquaredErrorWeights(values: ArrayLike<number>[], targets: ArrayLike<number>): WeightFit {
  const count = values.length;
  const rows = targets.length;
  const gram = Array.from({ length: count }, () => new Array<number>(count).fill(0));
  const cross = new Array<number>(count).fill(0);
  for (let a = 0; a < count; a++) {
    for (let i = 0; i < rows; i++) cross[a] += (values[a][i] * targets[i]) / rows;
    for (let b = a; b < count; b++) {
      let sum = 0;
      for (let i = 0; i < rows; i++) sum += values[a][i] * values[b][i];
      gram[a][b] = gram[b][a] = sum / rows;
    }
  }
  const lipschitz = 2 * gram.reduce((sum, row, a) => sum + row[a], 0);
  let w = new Array<number>(count).fill(1 / count);
  if (!(lipschitz > 0)) return { weights: w, iterations: 0 }; // every member predicts 0: any weights tie
  let y = w;
  let t = 1;
  for (let iteration = 1; iteration <= MAX_ITERATIONS; iteration++) {
    const step = y.map((ya, a) => ya - (2 * (gram[a].reduce((s, g, b) => s + g * y[b], 0) - cross[a])) / lipschitz);
    const next = projectToSimplex(step);
    const tNext = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
    const moved = Math.max(...next.map((v, a) => Math.abs(v - w[a])));
    y = next.map((v, a) => v + ((t - 1) / tNext) * (v - w[a]));
    w = next;
    t = tNext;
    if (moved < TOLERANCE) return { weights: w, iterations: iteration };
  }
  return { weights: w, iterations: MAX_ITERATIONS };
}
