// Gradient clipping by global norm, on the device with no readback: the norm comes back as a tensor the
// caller may read later (for progress or NaN checks) or not at all.
import * as tf from '@tensorflow/tfjs';

/**
 * Scales all gradients by one factor so that their global norm √(Σ_i ‖g_i‖²) is at most `maxNorm` > 0
 * (Pascanu et al. 2013; the same rule as TensorFlow's clip_by_global_norm): factor = maxNorm / max(norm, maxNorm),
 * so gradients already within the bound are multiplied by exactly 1 and keep their values.
 * Returns new tensors: `grads` in input order and shapes, and `norm`, the global norm before clipping.
 * The inputs are not disposed (the caller disposes inputs and outputs). A NaN or infinite norm (a non-finite gradient,
 * or squares overflowing float32 above ~1.8e19) makes every output gradient NaN, as TensorFlow does, for the
 * caller's non-finite check to catch.
 */
export function clipByGlobalNorm(grads: readonly tf.Tensor[], maxNorm: number): { grads: tf.Tensor[]; norm: tf.Scalar } {
  if (!Number.isFinite(maxNorm) || maxNorm <= 0) {
    throw new RangeError(`The gradient clipping norm must be a finite number above 0, not ${maxNorm}; 1 is a common choice.`);
  }
  return tf.tidy(() => {
    if (grads.length === 0) return { grads: [], norm: tf.scalar(0) };
    const squares = grads.map((g) => tf.sum(tf.square(g)));
    const norm = tf.sqrt(tf.addN(squares)) as tf.Scalar;
    // An infinite norm would give factor 0 and silently zero the finite gradients: make everything NaN instead.
    const factor = tf.where(tf.isFinite(norm), tf.div(maxNorm, tf.maximum(norm, maxNorm)), tf.scalar(NaN));
    return { grads: grads.map((g) => tf.mul(g, factor)), norm };
  });
}
