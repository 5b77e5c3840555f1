// Frees every variable of a model, including layers applied more than once (a tied embedding is used
// for input and output): tfjs counts each use, so model.dispose() alone leaves such a layer alive.

import type * as tf from '@tensorflow/tfjs';

/** Dispose `model` and any layer it still holds (reference-counted shared layers). Safe to call once. */
export function disposeModel(model: tf.LayersModel): void {
  model.dispose();
  for (const layer of model.layers) {
    // A layer already at zero references throws "already disposed"; that is the common case.
    try {
      layer.dispose();
    } catch {
      // already freed
    }
  }
}
