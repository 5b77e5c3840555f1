// The update every replica applies after the all-reduce, and the read-out used to compare replicas.
// Identical summed gradients + identical variable order + identical optimizer state => identical weights.
import * as tf from '@tensorflow/tfjs';
import { unpackGradients, type GradientLayout } from './replica-gradients';

/**
 * The trainable variables of `model` in the one order every replica uses (the model's weight order,
 * which is the build order, so replicas built from the same spec agree). Pass this list everywhere:
 * to `gradientLayout`, `shardGradients`, `applySummedGradients` and `readParameters`.
 */
export function replicaVariables(model: tf.LayersModel): tf.Variable[] {
  return model.trainableWeights.map((w) => w.read() as tf.Variable);
}

/**
 * Apply the all-reduced step vector `summed` (layout.size gradient values, then the global loss sum) with
 * `optimizer`, gradient i to variable i. The gradients go in as an ordered list, not a name map: optimizer
 * slots (Adam's moments) are created in the order they are first seen, and variable names differ between
 * replicas built in one process. Returns the global batch's summed data loss (summed[layout.size], NaN if
 * absent). Side effects: updates the variables and the optimizer's state; no tensors leak.
 */
export function applySummedGradients(optimizer: tf.Optimizer, variables: readonly tf.Variable[], summed: Float32Array, layout: GradientLayout): number {
  if (variables.length !== layout.shapes.length) {
    throw new RangeError(`The layout has ${layout.shapes.length} variables but ${variables.length} were passed; build the layout from the same variable list.`);
  }
  variables.forEach((v, i) => {
    if (v.shape.join('x') !== layout.shapes[i].join('x')) {
      throw new RangeError(`Variable ${i} (${v.name}) has shape [${v.shape}] but the layout says [${layout.shapes[i]}]; the replicas were built from different models.`);
    }
  });
  const gradients = unpackGradients(summed, layout.shapes);
  try {
    optimizer.applyGradients(variables.map((v, i) => ({ name: v.name, tensor: gradients[i] })));
  } finally {
    tf.dispose(gradients);
  }
  return summed.length > layout.size ? summed[layout.size] : Number.NaN;
}

/** Copies of the variables' values, in order (for hashing or for sending weights to a replica that rejoins). */
export async function readParameters(variables: readonly tf.Variable[]): Promise<Float32Array[]> {
  return Promise.all(variables.map(async (v) => Float32Array.from(await v.data() as Float32Array)));
}
