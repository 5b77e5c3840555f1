// The start-up check that the active backend computes gradients right: a tiny CNN and a tiny
// Transformer get their loss gradients on this backend and on the CPU backend with identical weights;
// a backend whose kernels disagree (e.g. a driver bug) is not used for training.
import * as tf from '@tensorflow/tfjs';
import { buildModel } from '../src/engine/model/build-model';
import { compareGradients, type GradientDifference } from '../src/engine/model/gradient-check';
import type { ModelSpec } from '../src/engine/model/model-spec';
import { createRandom } from '../src/engine/random';

/** Largest relative gradient error accepted (float32 backends agree to about 1e-6). */
export const GRADIENT_TOLERANCE = 1e-3;

const head = { task: 'classification' as const, outputSize: 3, kernelInitializer: 'glorotUniform' as const };
const CHECKED: { spec: ModelSpec; input: () => tf.Tensor }[] = [
  {
    spec: {
      version: 2, kind: 'cnn', inputShape: [6, 6, 1], globalPooling: 'avg', ...head,
      blocks: [{ type: 'conv', filters: 4, kernelSize: 3, stride: 1, padding: 'same', activation: 'relu', batchNorm: false, pool: 'max', poolSize: 2, dropout: 0 }],
      head: [{ units: 8, activation: 'tanh', normalization: 'none', dropout: 0 }],
    },
    input: () => tf.tensor4d(seeded(4 * 36, 1), [4, 6, 6, 1]),
  },
  {
    spec: { version: 2, kind: 'transformer', vocabSize: 8, sequenceLength: 5, embedDim: 8, heads: 2, layers: 1, mlpDim: 16, dropout: 0, pooling: 'mean', outputSize: 3, task: 'classification' },
    input: () => tf.tensor2d(Int32Array.from(seeded(4 * 5, 2), (v) => 1 + Math.floor(v * 7)), [4, 5], 'int32'),
  },
];

function seeded(n: number, seed: number): Float32Array {
  const random = createRandom(seed);
  return Float32Array.from({ length: n }, () => random());
}

const loss = (prediction: tf.Tensor, target: tf.Tensor) => tf.losses.softmaxCrossEntropy(target, prediction) as tf.Scalar;

/** The worst disagreement between the active backend's gradients and the CPU's over the checked models. */
export async function worstGradientDifference(): Promise<GradientDifference> {
  let worst: GradientDifference = { name: 'none', maxAbsoluteError: 0, relativeError: 0 };
  for (const { spec, input } of CHECKED) {
    const x = input();
    const y = tf.tidy(() => tf.oneHot(tf.tensor1d([0, 1, 2, 1], 'int32'), 3));
    try {
      for (const d of await compareGradients(() => buildModel(spec, 7), x, y, loss, 'cpu')) {
        if (!(d.relativeError <= worst.relativeError)) worst = d; // NaN counts as worst
      }
    } finally {
      tf.dispose([x, y]);
    }
  }
  return worst;
}
