// One replica's share of a data-parallel step: the gradient of its shard's summed loss divided by the
// GLOBAL batch size, packed with the shard's loss sum into one flat Float32Array, the unit the all-reduce sums.
import * as tf from '@tensorflow/tfjs';

/** Where each variable's gradient lies in a packed vector: shapes in variable order, `size` values in all. */
export interface GradientLayout {
  shapes: number[][];
  /** Gradient values in all (sum of the shapes' sizes); a packed step vector has `size + 1` values. */
  size: number;
}

/** Per-sample data loss of a shard: x [rows, ...] and y [rows, ...] to losses [rows]. Called inside a gradient tape. */
export type PerSampleLossFn = (x: tf.Tensor, y: tf.Tensor) => tf.Tensor1D;

export interface ShardGradientOptions {
  /** Rows of the whole global batch (all shards together), the divisor of every shard's loss sum. */
  globalBatch: number;
  /**
   * The model's L1/L2 penalty (a scalar built from the variables). Added by exactly one party, the one
   * with `addPenalty` true: by convention party 0. See `shardGradients` for why.
   */
  penalty?: () => tf.Scalar;
  addPenalty?: boolean;
}

/** A shard's packed step vector: `size` gradient values in variable order, then the shard's data-loss sum. */
export interface ShardGradients {
  packed: Float32Array;
  /** Sum of the per-sample data loss over the shard's rows (no penalty, not divided): packed[size]. */
  lossSum: number;
}

/** The layout of `variables` (in the order the optimizer will see them). */
export function gradientLayout(variables: readonly tf.Variable[]): GradientLayout {
  const shapes = variables.map((v) => v.shape.slice());
  return { shapes, size: shapes.reduce((total, shape) => total + sizeOf(shape), 0) };
}

/**
 * Gradients of  L_shard = (sum over the shard's rows of lossFn) / globalBatch  [+ penalty]  with respect to
 * `variables`, read back in one transfer. Summing the packed vectors of all shards (any split of the batch)
 * gives the gradient of  mean loss over the global batch + penalty,  which is what one replica computes
 * on the whole batch: the mean is linear, so it splits into per-shard sums over one shared divisor. Scaling
 * by the shard's own size instead would weight the rows of small shards more.
 *
 * The penalty is added by one party only (`addPenalty`, party 0), not as penalty/N by each: that keeps the
 * total exact (N rounded copies of penalty/N do not sum to the penalty) and it goes through the all-reduce,
 * so every replica applies the same bits. Adding it locally after the reduce would not be safe, because
 * replicas on different backends (WebGPU, WebGL, CPU) can round the penalty's gradient differently.
 *
 * A shard with no rows is allowed (fewer rows than workers): its data gradient is zeros. A variable the
 * loss does not reach gets a zero gradient. Returns a new array the caller owns (it may transfer it).
 * Tensors: none leak; inputs are not disposed.
 */
export async function shardGradients(lossFn: PerSampleLossFn, variables: readonly tf.Variable[], xShard: tf.Tensor, yShard: tf.Tensor,
  options: ShardGradientOptions): Promise<ShardGradients> {
  const { globalBatch, penalty, addPenalty = false } = options;
  if (!Number.isInteger(globalBatch) || globalBatch < 1) throw new RangeError(`The global batch must be a whole number of rows ≥ 1, not ${globalBatch}.`);
  if (xShard.shape[0] !== yShard.shape[0]) throw new RangeError(`The shard has ${xShard.shape[0]} feature rows but ${yShard.shape[0]} targets; slice x and y with the same rows.`);
  if (xShard.shape[0] > globalBatch) throw new RangeError(`The shard has ${xShard.shape[0]} rows, more than the global batch of ${globalBatch}.`);
  if (variables.length === 0) throw new RangeError('There are no variables to compute gradients for.');
  let lossSum: tf.Scalar | undefined;
  const grads = tf.tidy(() => {
    const { value, grads: named } = tf.variableGrads(() => {
      lossSum = tf.keep(tf.sum(lossFn(xShard, yShard)) as tf.Scalar);
      const data = tf.div(lossSum, globalBatch) as tf.Scalar;
      return addPenalty && penalty ? tf.add(data, penalty()) as tf.Scalar : data;
    }, variables as tf.Variable[]);
    value.dispose();
    return variables.map((v) => named[v.name] ?? tf.zerosLike(v));
  });
  const sum = lossSum as tf.Scalar;
  try {
    const packed = await packGradients(grads, [sum]);
    return { packed, lossSum: packed[packed.length - 1] };
  } finally {
    tf.dispose([...grads, sum]);
  }
}

/**
 * `gradients` (in variable order) flattened and concatenated on the device, then `trailing` scalars,
 * read back in ONE transfer (one GPU readback per step instead of one per variable). Returns a new
 * Float32Array of length sum(sizes) + trailing.length. Does not dispose its inputs.
 */
export async function packGradients(gradients: readonly tf.Tensor[], trailing: readonly tf.Scalar[] = []): Promise<Float32Array> {
  const flat = tf.tidy(() => tf.concat([...gradients, ...trailing].map((t) => tf.cast(t, 'float32').reshape([-1]))));
  try {
    // A copy: the cpu backend hands out its own backing store, which must not alias a buffer we transfer.
    return Float32Array.from(await flat.data() as Float32Array);
  } finally {
    flat.dispose();
  }
}

/**
 * The first sum(sizes of `shapes`) values of `flat` as tensors of those shapes, in order (values after
 * them, such as the packed loss sum, are ignored). Each tensor gets its own copy of its values: `flat` may
 * be a view of a SharedArrayBuffer, which WebGL and WebGPU refuse to upload from and which the cpu backend
 * would otherwise keep by reference. The caller disposes the returned tensors.
 */
export function unpackGradients(flat: Float32Array, shapes: readonly number[][]): tf.Tensor[] {
  const needed = shapes.reduce((total, shape) => total + sizeOf(shape), 0);
  if (flat.length < needed) throw new RangeError(`The packed gradients hold ${flat.length} values but the variables need ${needed}; the replicas were built from different models.`);
  const out: tf.Tensor[] = [];
  let offset = 0;
  for (const shape of shapes) {
    const size = sizeOf(shape);
    out.push(tf.tensor(flat.slice(offset, offset + size), shape, 'float32'));
    offset += size;
  }
  return out;
}

function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}
