// Copies a model's weights and its optimizer's slots to plain Float32Arrays, and back.
import * as tf from '@tensorflow/tfjs';
import type { NamedArray, TrainerSnapshot } from './train-types';

/** Thrown when a snapshot does not fit the model it is restored into. */
export class SnapshotMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SnapshotMismatchError';
  }
}

async function toNamedArray(name: string, tensor: tf.Tensor): Promise<NamedArray> {
  const values = await tensor.data();
  return { name, shape: tensor.shape.slice(), data: values instanceof Float32Array ? values.slice() : Float32Array.from(values) };
}

/** Weights in `model.weights` order (positions, not names, identify them: layer names change between sessions). */
export async function readModelWeights(model: tf.LayersModel): Promise<NamedArray[]> {
  return Promise.all(model.weights.map((w) => toNamedArray(w.name, w.read())));
}

/** Optimizer slots: the iteration counter first, then per-variable slots in variable order. */
export async function readOptimizerWeights(optimizer: tf.Optimizer): Promise<NamedArray[]> {
  const named = await optimizer.getWeights();
  const arrays = await Promise.all(named.map((w) => toNamedArray(w.name, w.tensor)));
  // getWeights() creates the iteration scalar afresh; the slot variables belong to the optimizer.
  named[0]?.tensor.dispose();
  return arrays;
}

/** Set the model's weights from a snapshot, checking count and shapes first. */
export function writeModelWeights(model: tf.LayersModel, weights: NamedArray[]): void {
  if (weights.length !== model.weights.length) {
    throw new SnapshotMismatchError(`The checkpoint has ${weights.length} weight tensors but the model has ${model.weights.length}; it belongs to a different model.`);
  }
  model.weights.forEach((w, i) => {
    if (w.shape.join('x') !== weights[i].shape.join('x')) {
      throw new SnapshotMismatchError(`Checkpoint weight ${i + 1} has shape [${weights[i].shape}] but the model expects [${w.shape}].`);
    }
  });
  const tensors = weights.map((w) => tf.tensor(w.data, w.shape, 'float32'));
  model.setWeights(tensors);
  tf.dispose(tensors);
}

/** Restore optimizer slots (Adam moments, iteration count). Never call compile() afterwards: it resets them. */
export async function writeOptimizerWeights(optimizer: tf.Optimizer, weights: NamedArray[]): Promise<void> {
  if (weights.length === 0) return;
  const named = weights.map((w, i) => ({
    name: w.name,
    // The first entry is the iteration counter, stored by tfjs as int32.
    tensor: tf.tensor(i === 0 ? Int32Array.from(w.data) : w.data, w.shape, i === 0 ? 'int32' : 'float32'),
  }));
  await optimizer.setWeights(named);
  // setWeights copies each tensor into a new variable.
  tf.dispose(named.map((n) => n.tensor));
}

/** Put a snapshot's weights and optimizer slots into a freshly built model and optimizer (resume). */
export async function restoreSnapshot(model: tf.LayersModel, optimizer: tf.Optimizer, snapshot: Pick<TrainerSnapshot, 'weights' | 'optimizerWeights'>): Promise<void> {
  writeModelWeights(model, snapshot.weights);
  await writeOptimizerWeights(optimizer, snapshot.optimizerWeights);
}
