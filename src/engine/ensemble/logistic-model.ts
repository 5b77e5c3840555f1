// The math of the logistic meta-learner: softmax regression on a feature matrix in two structures ('full',
// 'shared'), its gradient, the curvature bound that sets the step, and the accelerated gradient solver.
import type { LogisticMetaParams } from './ensemble-types';
import { softmaxInPlace, type FeatureMatrix } from './stacking-features';

/** Weights and per-class bias; weights are [width × k] for 'full' and [members] for 'shared'. */
export interface LinearModel { weights: Float64Array; bias: Float64Array }
/** 'shared': logit c = bias[c] + Σ_m weights[m] · x[m·k + c] (see LogisticMetaParams). */
export type Structure = LogisticMetaParams['structure'];

const MAX_ITERATIONS = 400;
/**
 * Stop once every partial derivative of the objective is below this (nats per row per unit of a standardized
 * feature): the remaining log-loss gain is then far below the sampling noise of any validation split.
 */
const GRADIENT_TOLERANCE = 1e-4;
/** Stop when the objective (nats per row) fell by less than STALL_GAIN over the last STALL_WINDOW steps. */
const STALL_WINDOW = 10;
const STALL_GAIN = 1e-6;

/** Number of weights of a structure for `width` features and k classes. */
export function weightCount(width: number, k: number, structure: Structure): number {
  return structure === 'full' ? width * k : width / k;
}

/** Logits [rows × k], turned into softmax probabilities unless `linear`. Loops per structure stay tight. */
export function forward(x: FeatureMatrix, model: LinearModel, k: number, structure: Structure, linear = false): Float64Array {
  const { data, width } = x;
  const { weights, bias } = model;
  const out = new Float64Array(x.rows * k);
  for (let r = 0, row = 0, o = 0; r < x.rows; r++, row += width, o += k) {
    for (let c = 0; c < k; c++) out[o + c] = bias[c];
    if (structure === 'shared') {
      for (let m = 0, base = row; base < row + width; m++, base += k) {
        const w = weights[m];
        for (let c = 0; c < k; c++) out[o + c] += data[base + c] * w;
      }
    } else {
      for (let j = 0; j < width; j++) {
        const v = data[row + j];
        for (let c = 0, w = j * k; c < k; c++) out[o + c] += v * weights[w + c];
      }
    }
    if (!linear) softmaxInPlace(out, o, k);
  }
  return out;
}

/** Aᵀ · dLogits / rows, A the linear map from parameters to logits: the gradient given dLogits = p − one-hot. */
export function backward(x: FeatureMatrix, dLogits: Float64Array, k: number, structure: Structure): LinearModel {
  const { data, width } = x;
  const weights = new Float64Array(weightCount(width, k, structure));
  const bias = new Float64Array(k);
  for (let r = 0, row = 0, o = 0; r < x.rows; r++, row += width, o += k) {
    for (let c = 0; c < k; c++) bias[c] += dLogits[o + c];
    if (structure === 'shared') {
      for (let m = 0, base = row; base < row + width; m++, base += k) {
        let sum = 0;
        for (let c = 0; c < k; c++) sum += data[base + c] * dLogits[o + c];
        weights[m] += sum;
      }
    } else {
      for (let j = 0; j < width; j++) {
        const v = data[row + j];
        for (let c = 0, w = j * k; c < k; c++) weights[w + c] += v * dLogits[o + c];
      }
    }
  }
  for (let i = 0; i < weights.length; i++) weights[i] /= x.rows;
  for (let c = 0; c < k; c++) bias[c] /= x.rows;
  return { weights, bias };
}

/**
 * λmax(AᵀA / rows) by 50 power-iteration steps from a fixed start, times 1.1 because power iteration
 * approaches it from below. ½ of it bounds the Hessian of the mean cross-entropy (softmax Hessian ≤ ½ I).
 * For a subset S of the rows, λmax_S ≤ λmax · rows / |S| (AᵀA only gains terms), so one estimate serves all folds.
 */
export function curvature(x: FeatureMatrix, k: number, structure: Structure): number {
  let v: LinearModel = { weights: new Float64Array(weightCount(x.width, k, structure)).fill(1), bias: new Float64Array(k).fill(1) };
  let lambda = 1;
  for (let iteration = 0; iteration < 50; iteration++) {
    const next = backward(x, forward(x, v, k, structure, true), k, structure);
    let squares = 0;
    for (const e of next.weights) squares += e * e;
    for (const e of next.bias) squares += e * e;
    lambda = Math.sqrt(squares);
    if (!(lambda > 0)) return 1;
    v = { weights: next.weights.map((e) => e / lambda), bias: next.bias.map((e) => e / lambda) };
  }
  return 1.1 * lambda;
}

/**
 * Minimizes mean cross-entropy + l2/2 · ‖weights‖² (bias unpenalized) by accelerated gradient descent (FISTA)
 * with step 1/(½·lambda + l2), lambda ≥ λmax(AᵀA/rows) (see curvature), restarting momentum when it points
 * uphill (O'Donoghue & Candès). Strongly convex, so the start changes the speed, not the answer.
 */
export function trainLogistic(
  x: FeatureMatrix, labels: ArrayLike<number>, k: number, l2: number, structure: Structure, lambda: number, start?: LinearModel,
): LinearModel {
  const step = 1 / (0.5 * lambda + l2);
  let current: LinearModel = start ?? { weights: new Float64Array(weightCount(x.width, k, structure)), bias: new Float64Array(k) };
  let lookahead: LinearModel = { weights: current.weights.slice(), bias: current.bias.slice() };
  let t = 1;
  const history: number[] = [];
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    const probs = forward(x, lookahead, k, structure);
    let objective = 0;
    for (let r = 0; r < x.rows; r++) {
      objective -= Math.log(Math.max(probs[r * k + labels[r]], 1e-300)) / x.rows;
      probs[r * k + labels[r]] -= 1; // now the gradient of the logits
    }
    for (const w of lookahead.weights) objective += (l2 / 2) * w * w;
    history.push(objective);
    const grad = backward(x, probs, k, structure);
    for (let i = 0; i < grad.weights.length; i++) grad.weights[i] += l2 * lookahead.weights[i];
    const next: LinearModel = {
      weights: lookahead.weights.map((w, i) => w - step * grad.weights[i]),
      bias: lookahead.bias.map((b, c) => b - step * grad.bias[c]),
    };
    let steepest = 0;
    let uphill = 0;
    grad.weights.forEach((g, i) => { steepest = Math.max(steepest, Math.abs(g)); uphill += g * (next.weights[i] - current.weights[i]); });
    grad.bias.forEach((g, c) => { steepest = Math.max(steepest, Math.abs(g)); uphill += g * (next.bias[c] - current.bias[c]); });
    const tNext = uphill > 0 ? 1 : (1 + Math.sqrt(1 + 4 * t * t)) / 2;
    const momentum = uphill > 0 ? 0 : (t - 1) / tNext;
    lookahead = {
      weights: next.weights.map((w, i) => w + momentum * (w - current.weights[i])),
      bias: next.bias.map((b, c) => b + momentum * (b - current.bias[c])),
    };
    current = next;
    t = tNext;
    // Flat directions (e.g. the bias of a rare class) can keep a gradient above tolerance for hundreds of steps
    // while the loss no longer moves; stop when the last STALL_WINDOW steps gained under STALL_GAIN nats.
    const stalled = history.length > STALL_WINDOW && history[history.length - 1 - STALL_WINDOW] - objective < STALL_GAIN;
    if (steepest < GRADIENT_TOLERANCE || stalled) break;
  }
  return current;
}
