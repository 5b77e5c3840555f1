// Stacking's nonlinear meta-learner: a one-hidden-layer tanh MLP plus a linear skip path on standardized member
// log-probabilities, seeded Glorot initialization and full-batch Adam on plain arrays (≤ a few thousand rows).
import { logLoss } from '../metrics/probability-metrics';
import { createRandom, deriveSeed } from '../random';
import type { MlpMetaParams } from './ensemble-types';
import { fitStandardizer, softmaxInPlace, standardize, type FeatureMatrix } from './stacking-features';

/**
 * Training settings, fixed rather than cross-validated because one MLP fit costs about as much as the whole
 * logistic search (~20 s at 3000 rows × 10 members × 50 classes on one core; under 0.3 s at 600 × 5 × 4).
 * On 600-row synthetic splits l2 = 1e-3 overfit (train 0.09 vs test 0.54 nats) while 1e-2 converged within
 * 200 steps to the best test log loss of the grid tried, so that is the default.
 */
export const MLP_META_DEFAULTS = {
  /** Full-batch Adam steps. */
  steps: 200,
  /** Adam step size (standard β1 = 0.9, β2 = 0.999). */
  learningRate: 0.02,
  /** Weight decay l2/2 · ‖w‖² on w1, w2 and skip (not biases), per row of mean log loss. */
  l2: 1e-2,
} as const;

/**
 * Hidden units: twice the classes, kept within 8..16. The skip path carries the main signal, so the hidden
 * layer only models member interactions; a cap of 16 keeps 3000 rows × 500 inputs affordable.
 */
export function mlpHiddenUnits(classes: number): number {
  return Math.min(16, Math.max(8, 2 * classes));
}

interface Layers { w1: Float64Array; b1: Float64Array; w2: Float64Array; b2: Float64Array; skip: Float64Array }

/** Hidden activations [rows × hidden] and output probabilities [rows × k]. */
function forward(x: FeatureMatrix, p: Layers, hidden: number, k: number): { h: Float64Array; probs: Float64Array } {
  const h = new Float64Array(x.rows * hidden);
  const probs = new Float64Array(x.rows * k);
  for (let r = 0; r < x.rows; r++) {
    // j outer, u inner: w1 is [inputs × hidden], so the inner loop walks it contiguously.
    const o = r * hidden;
    for (let u = 0; u < hidden; u++) h[o + u] = p.b1[u];
    for (let j = 0; j < x.width; j++) {
      const v = x.data[r * x.width + j];
      for (let u = 0, w = j * hidden; u < hidden; u++) h[o + u] += v * p.w1[w + u];
    }
    for (let u = 0; u < hidden; u++) h[o + u] = Math.tanh(h[o + u]);
    for (let c = 0; c < k; c++) {
      let z = p.b2[c];
      for (let u = 0; u < hidden; u++) z += h[r * hidden + u] * p.w2[u * k + c];
      for (let m = 0; m < p.skip.length; m++) z += p.skip[m] * x.data[r * x.width + m * k + c];
      probs[r * k + c] = z;
    }
    softmaxInPlace(probs, r * k, k);
  }
  return { h, probs };
}

/** Gradients of mean cross-entropy + l2/2 · (‖w1‖² + ‖w2‖² + ‖skip‖²), in the same layout as the parameters. */
function gradients(x: FeatureMatrix, labels: ArrayLike<number>, p: Layers, hidden: number, k: number, l2: number): Layers {
  const { h, probs } = forward(x, p, hidden, k);
  const g: Layers = {
    w1: p.w1.map((w) => l2 * w), b1: new Float64Array(hidden), w2: p.w2.map((w) => l2 * w), b2: new Float64Array(k), skip: p.skip.map((w) => l2 * w),
  };
  const dh = new Float64Array(hidden);
  for (let r = 0; r < x.rows; r++) {
    probs[r * k + labels[r]] -= 1;
    dh.fill(0);
    for (let c = 0; c < k; c++) {
      const d = probs[r * k + c] / x.rows;
      g.b2[c] += d;
      for (let m = 0; m < p.skip.length; m++) g.skip[m] += x.data[r * x.width + m * k + c] * d;
      for (let u = 0; u < hidden; u++) {
        g.w2[u * k + c] += h[r * hidden + u] * d;
        dh[u] += p.w2[u * k + c] * d;
      }
    }
    for (let u = 0; u < hidden; u++) {
      dh[u] *= 1 - h[r * hidden + u] ** 2; // tanh' = 1 − tanh²: dh now holds the gradient of the pre-activation
      g.b1[u] += dh[u];
    }
    for (let j = 0; j < x.width; j++) {
      const v = x.data[r * x.width + j];
      for (let u = 0, w = j * hidden; u < hidden; u++) g.w1[w + u] += v * dh[u];
    }
  }
  return g;
}

/**
 * Trains the MLP meta-learner on raw stacking features (see logProbFeatures) and class labels 0..k-1.
 * Initial weights are Glorot-uniform from `seed` (biases 0), so a seed gives the same parameters everywhere.
 * fitInfo reports the final training log loss in nats per row (`trainLogLoss`).
 */
export function fitMlpMeta(raw: FeatureMatrix, labels: ArrayLike<number>, k: number, seed: number): { params: MlpMetaParams; info: Record<string, number> } {
  const { mean, scale } = fitStandardizer(raw);
  const x = standardize(raw, mean, scale);
  const hidden = mlpHiddenUnits(k);
  const random = createRandom(deriveSeed(seed, 0x3f1a));
  const glorot = (fanIn: number, fanOut: number): Float64Array => {
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    return Float64Array.from({ length: fanIn * fanOut }, () => (2 * random() - 1) * limit);
  };
  const p: Layers = {
    w1: glorot(x.width, hidden), b1: new Float64Array(hidden), w2: glorot(hidden, k), b2: new Float64Array(k), skip: new Float64Array(x.width / k),
  };
  const keys = ['w1', 'b1', 'w2', 'b2', 'skip'] as const;
  const m1 = keys.map((key) => new Float64Array(p[key].length));
  const m2 = keys.map((key) => new Float64Array(p[key].length));
  const { steps, learningRate, l2 } = MLP_META_DEFAULTS;
  for (let step = 1; step <= steps; step++) {
    const g = gradients(x, labels, p, hidden, k, l2);
    const correction1 = 1 - 0.9 ** step;
    const correction2 = 1 - 0.999 ** step;
    keys.forEach((key, i) => {
      const param = p[key];
      for (let e = 0; e < param.length; e++) {
        m1[i][e] = 0.9 * m1[i][e] + 0.1 * g[key][e];
        m2[i][e] = 0.999 * m2[i][e] + 0.001 * g[key][e] ** 2;
        param[e] -= (learningRate * (m1[i][e] / correction1)) / (Math.sqrt(m2[i][e] / correction2) + 1e-8);
      }
    });
  }
  const trainLogLoss = logLoss(labels, forward(x, p, hidden, k).probs, x.rows, k);
  return {
    params: {
      kind: 'mlp', inputs: x.width, hidden, outputs: k, featureMean: mean, featureScale: scale,
      w1: Array.from(p.w1), b1: Array.from(p.b1), w2: Array.from(p.w2), b2: Array.from(p.b2), skip: Array.from(p.skip), l2,
    },
    info: { trainLogLoss, hidden, steps },
  };
}

/** Probabilities [rows × outputs] of the fitted MLP meta-learner on raw stacking features. */
export function predictMlpMeta(params: MlpMetaParams, raw: FeatureMatrix): Float64Array {
  const x = standardize(raw, params.featureMean, params.featureScale);
  const layers: Layers = {
    w1: Float64Array.from(params.w1), b1: Float64Array.from(params.b1), w2: Float64Array.from(params.w2), b2: Float64Array.from(params.b2),
    skip: Float64Array.from(params.skip),
  };
  return forward(x, layers, params.hidden, params.outputs).probs;
}
