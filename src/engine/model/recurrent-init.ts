// Seeded initial weights of recurrent layers that tfjs cannot give cheaply: orthogonal recurrent kernels (tfjs's
// Orthogonal runs a QR of many small ops and warns past 2000 values) and a backward direction that differs from the
// forward one (tfjs's Bidirectional clones the forward layer's config, seed included), and LSTM's forget-gate bias of 1
// (tfjs's unitForgetBias leaks 4 tensors per layer).
import * as tf from '@tensorflow/tfjs';
import { createRandom, deriveSeed } from '../random';

/** A tfjs initializer object (what `tf.initializers.heNormal({seed})` returns). */
export type KernelInitializer = ReturnType<typeof tf.initializers.glorotUniform>;

/**
 * A [rows, cols] row-major matrix with orthonormal rows (rows ≤ cols) or columns (rows ≥ cols), as Saxe et al. (2014)
 * recommend for recurrent kernels: Gram-Schmidt (twice, for stability) on a seeded Gaussian matrix.
 */
export function orthogonalMatrix(rows: number, cols: number, seed: number): Float32Array {
  const n = Math.max(rows, cols);
  const m = Math.min(rows, cols);
  const random = createRandom(seed);
  // m column vectors of length n; Box-Muller normals (1 - u keeps log away from 0).
  const q = Array.from({ length: m }, () => Float64Array.from({ length: n }, () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())));
  for (let j = 0; j < m; j += 1) {
    for (let pass = 0; pass < 2; pass += 1) {
      for (let k = 0; k < j; k += 1) {
        let dot = 0;
        for (let i = 0; i < n; i += 1) dot += q[j][i] * q[k][i];
        for (let i = 0; i < n; i += 1) q[j][i] -= dot * q[k][i];
      }
    }
    const norm = Math.hypot(...q[j]);
    for (let i = 0; i < n; i += 1) q[j][i] /= norm;
  }
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r += 1) {
    for (let c = 0; c < cols; c += 1) out[r * cols + c] = rows >= cols ? q[c][r] : q[r][c];
  }
  return out;
}

/**
 * Re-initializes a built recurrent (or Bidirectional) layer in place: each direction's recurrent kernel becomes
 * orthogonal, the backward direction's input kernel is redrawn with `kernelInit(seed of direction 1)`, and an LSTM's
 * bias is 1 for the forget gate, 0 elsewhere (Jozefowicz et al. 2015; tfjs orders gates i, f, c, o). Side effect:
 * writes the layer's variables; disposes its temporaries.
 */
export function seedRecurrentWeights(layer: tf.layers.Layer, seed: number, kernelInit: (seed: number) => KernelInitializer, lstm: boolean): void {
  // layer.weights are [kernel, recurrent_kernel, bias] per direction, forward first; read() gives the live value.
  const values = layer.weights.map((weight, i) => {
    const direction = Math.floor(i / 3);
    const role = i % 3;
    const shape = weight.shape as number[]; // Weights have concrete shapes once built.
    if (role === 1) return tf.tensor(orthogonalMatrix(shape[0], shape[1], deriveSeed(seed, direction, 1)), shape);
    if (role === 0 && direction === 1) return kernelInit(deriveSeed(seed, direction, 0)).apply(shape);
    if (role === 2 && lstm) {
      const units = shape[0] / 4;
      return tf.tensor1d(Float32Array.from({ length: shape[0] }, (_, j) => (j >= units && j < 2 * units ? 1 : 0)));
    }
    return weight.read();
  });
  layer.setWeights(values);
  values.forEach((value, i) => { if (value !== layer.weights[i].read()) value.dispose(); });
}
