// Our LayerNorm: same outputs as tfjs's LayerNormalization and as the formula, gradients by finite differences.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { finiteDifferenceCheck } from '../../../src/engine/model/gradient-check';
import { LayerNorm } from '../../../src/engine/model/transformer-norm';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const normModel = (layer: tf.layers.Layer) => {
  const x = tf.input({ shape: [2, 4] });
  return tf.model({ inputs: x, outputs: layer.apply(x) as tf.SymbolicTensor });
};

describe('LayerNorm', () => {
  it('normalizes a row by hand: [1, 2, 3, 4] → (x − 2.5) / √(1.25 + ε)', () => {
    const model = normModel(new LayerNorm({}));
    const out = tf.tidy(() => (model.predict(tf.tensor3d([[[1, 2, 3, 4], [5, 5, 5, 5]]])) as tf.Tensor).dataSync());
    const scale = 1 / Math.sqrt(1.25 + 1e-5);
    [-1.5, -0.5, 0.5, 1.5].forEach((c, i) => expect(out[i]).toBeCloseTo(c * scale, 5));
    [4, 5, 6, 7].forEach((i) => expect(out[i]).toBe(0)); // a constant row becomes 0, not NaN
    model.dispose();
  });

  it('matches tfjs LayerNormalization with the same γ and β, and has 2d weights', () => {
    const ours = normModel(new LayerNorm({ epsilon: 1e-3 }));
    const theirs = normModel(tf.layers.layerNormalization({ epsilon: 1e-3 }));
    const weights = [tf.tensor1d([0.5, 2, -1, 1.5]), tf.tensor1d([0.1, 0, -0.2, 0.3])];
    ours.setWeights(weights);
    theirs.setWeights(weights);
    expect(ours.countParams()).toBe(8);
    const x = tf.randomNormal([3, 2, 4], 0, 2, 'float32', 4);
    const [a, b] = [ours, theirs].map((m) => tf.tidy(() => (m.predict(x) as tf.Tensor).dataSync()));
    a.forEach((v, i) => expect(v).toBeCloseTo(b[i], 5));
    tf.dispose([x, ...weights]);
    ours.dispose();
    theirs.dispose();
  });

  it('has gradients that agree with finite differences (relative error < 1e-3)', async () => {
    const model = normModel(new LayerNorm({}));
    model.setWeights([tf.tensor1d([0.5, 2, -1, 1.5]), tf.tensor1d([0.1, 0, -0.2, 0.3])]);
    const x = tf.randomNormal([2, 2, 4], 0, 1, 'float32', 5);
    const r = tf.randomNormal([2, 2, 4], 0, 1, 'float32', 6);
    const loss = (y: tf.Tensor, t: tf.Tensor) => tf.tidy(() => y.mul(t).sum().add(y.square().mean()) as tf.Scalar);
    const worst = Math.max(...(await finiteDifferenceCheck(model, x, r, loss, 1e-2)).map((d) => d.relativeError));
    expect(worst).toBeLessThan(1e-3);
    tf.dispose([x, r]);
    model.dispose();
  });
});
