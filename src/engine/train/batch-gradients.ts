// Gradients of one batch (or one data-parallel shard of it), optionally in micro-batches: the gradient of
// (sum of per-sample loss) / divisor [+ penalty], summed over slices, left on the device (no readback).
import * as tf from '@tensorflow/tfjs';
import { planShards, equalWeights } from '../parallel/shard-plan';

/** Rows of a batch as tensors: features, targets and, when mixup mixed classes, soft targets. */
export interface BatchRows {
  x: tf.Tensor;
  y: tf.Tensor;
  soft?: tf.Tensor;
}

/** Per-sample data loss [rows] and the count of correctly classified rows (0 for regression), in training mode. */
export type RowLossFn = (rows: BatchRows) => { losses: tf.Tensor1D; correct: tf.Scalar };

export interface BatchGradientOptions {
  /**
   * What each slice's loss sum is divided by: the rows of the whole global batch. Summing the gradients of
   * all slices (and of all shards, across workers) then gives the gradient of the mean over the batch.
   */
  divisor: number;
  /** Micro-batches to split the rows into (≥ 1); only one slice's activations are alive at a time. */
  microBatches?: number;
  /** The L1/L2 penalty, added once (to the first slice); pass it on exactly one data-parallel party. */
  penalty?: () => tf.Scalar;
}

export interface BatchGradients {
  /** One gradient per variable, in variable order (zeros for a variable the loss does not reach). */
  grads: tf.Tensor[];
  /** Sum of the per-sample data loss over the rows (no penalty, not divided). */
  lossSum: tf.Scalar;
  /** Correctly classified rows. */
  correct: tf.Scalar;
}

function sliceRows(rows: BatchRows, start: number, count: number): BatchRows {
  const part = (t: tf.Tensor) => tf.slice(t, [start], [count]);
  return { x: part(rows.x), y: part(rows.y), soft: rows.soft ? part(rows.soft) : undefined };
}

/**
 * Gradients of `lossFn` over `rows` with respect to `variables`, computed slice by slice and summed on the
 * device. With zero rows the data gradients are zeros (a data-parallel worker whose shard is empty).
 * Returns tensors the caller disposes; nothing else stays allocated. Does not dispose `rows`.
 */
export function batchGradients(lossFn: RowLossFn, variables: readonly tf.Variable[], rows: BatchRows, options: BatchGradientOptions): BatchGradients {
  const { divisor, microBatches = 1, penalty } = options;
  if (!Number.isInteger(divisor) || divisor < 1) throw new RangeError(`The loss divisor must be a whole number of rows ≥ 1, not ${divisor}.`);
  const n = rows.x.shape[0];
  const slices = n === 0 ? [] : planShards(n, equalWeights(Math.min(microBatches, n))).filter((s) => s.count > 0);
  return tf.tidy(() => {
    let grads = variables.map((v) => tf.zerosLike(v) as tf.Tensor);
    let lossSum: tf.Scalar = tf.scalar(0);
    let correct: tf.Scalar = tf.scalar(0);
    const addPenaltyAlone = slices.length === 0 && penalty;
    if (addPenaltyAlone) grads = addGradients(grads, variables, () => penalty());
    slices.forEach((slice, i) => {
      const part = slices.length === 1 ? rows : sliceRows(rows, slice.start, slice.count);
      let sliceLoss: tf.Scalar | undefined;
      let sliceCorrect: tf.Scalar | undefined;
      grads = addGradients(grads, variables, () => {
        const { losses, correct: c } = lossFn(part);
        sliceLoss = tf.keep(tf.sum(losses) as tf.Scalar);
        sliceCorrect = tf.keep(c);
        const data = tf.div(sliceLoss, divisor) as tf.Scalar;
        return i === 0 && penalty ? (tf.add(data, penalty()) as tf.Scalar) : data;
      });
      lossSum = tf.add(lossSum, sliceLoss as tf.Scalar) as tf.Scalar;
      correct = tf.add(correct, sliceCorrect as tf.Scalar) as tf.Scalar;
      // keep() let them out of the gradient tape's scope; they are summed now, so free them here.
      tf.dispose([sliceLoss as tf.Scalar, sliceCorrect as tf.Scalar]);
    });
    return { grads, lossSum, correct };
  });
}

/** `sums[i]` plus the gradient of `f` for variable i (call inside tidy). */
function addGradients(sums: tf.Tensor[], variables: readonly tf.Variable[], f: () => tf.Scalar): tf.Tensor[] {
  const { value, grads } = tf.variableGrads(f, variables as tf.Variable[]);
  value.dispose();
  return sums.map((sum, i) => {
    const g = grads[variables[i].name];
    return g ? tf.add(sum, g) : sum;
  });
}

/** Global L2 norm of `grads` as a scalar tensor (read it back only when needed). */
export function globalNorm(grads: readonly tf.Tensor[]): tf.Scalar {
  return tf.tidy(() => tf.sqrt(tf.addN(grads.map((g) => tf.sum(tf.square(g))))) as tf.Scalar);
}
