// Multi-head self-attention: shapes, a plain-loop reference, the causal and padding masks, finite-difference gradients.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { MultiHeadSelfAttention, causalMaskValues } from '../../../src/engine/model/attention-layer';
import { finiteDifferenceCheck } from '../../../src/engine/model/gradient-check';
import { createRandom } from '../../../src/engine/random';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A model of one attention layer over x [batch, t, width] (and a key mask [batch, t] when masked). */
function attentionModel(t: number, width: number, heads: number, causal: boolean, masked = false): tf.LayersModel {
  const x = tf.input({ shape: [t, width] });
  const mask = tf.input({ shape: [t] });
  const layer = new MultiHeadSelfAttention({ heads, causal, seed: 3 });
  const y = layer.apply(masked ? [x, mask] : x) as tf.SymbolicTensor;
  return tf.model({ inputs: masked ? [x, mask] : x, outputs: y });
}

function randomValues(n: number, seed: number): Float32Array {
  const random = createRandom(seed);
  return Float32Array.from({ length: n }, () => random() * 2 - 1);
}

/** Independent reference: attention for one row x [t][width] written as plain loops in float64. */
function referenceAttention(x: number[][], w: Float32Array[], width: number, heads: number, causal: boolean): number[][] {
  const project = (k: number, b: number) => x.map((row) => Array.from({ length: width }, (_, j) => row.reduce((s, v, i) => s + v * w[k][i * width + j], w[b][j])));
  const [q, key, v] = [project(0, 1), project(2, 3), project(4, 5)];
  const size = width / heads;
  const context = x.map(() => new Array<number>(width).fill(0));
  for (let h = 0; h < heads; h++) {
    for (let i = 0; i < x.length; i++) {
      const limit = causal ? i + 1 : x.length;
      const scores = Array.from({ length: limit }, (_, j) => {
        let s = 0;
        for (let c = h * size; c < (h + 1) * size; c++) s += q[i][c] * key[j][c];
        return s / Math.sqrt(size);
      });
      const top = Math.max(...scores);
      const e = scores.map((s) => Math.exp(s - top));
      const total = e.reduce((a, b) => a + b, 0);
      for (let j = 0; j < limit; j++) for (let c = h * size; c < (h + 1) * size; c++) context[i][c] += (e[j] / total) * v[j][c];
    }
  }
  return context.map((row) => Array.from({ length: width }, (_, j) => row.reduce((s, v, i) => s + v * w[6][i * width + j], w[7][j])));
}

describe('MultiHeadSelfAttention', () => {
  it('maps [batch, t, width] to the same shape and matches a plain-loop reference (2 heads, causal or not)', () => {
    for (const causal of [false, true]) {
      const model = attentionModel(4, 6, 2, causal);
      const xs = randomValues(2 * 4 * 6, 11);
      const out = tf.tidy(() => model.predict(tf.tensor3d(xs, [2, 4, 6])) as tf.Tensor);
      expect(out.shape).toEqual([2, 4, 6]);
      const got = out.arraySync() as number[][][];
      const weights = model.getWeights().map((w) => w.dataSync() as Float32Array);
      expect(model.getWeights().map((w) => w.shape)).toEqual([[6, 6], [6], [6, 6], [6], [6, 6], [6], [6, 6], [6]]);
      for (let b = 0; b < 2; b++) {
        const rows = Array.from({ length: 4 }, (_, i) => Array.from(xs.subarray((b * 4 + i) * 6, (b * 4 + i + 1) * 6)));
        const want = referenceAttention(rows, weights, 6, 2, causal);
        for (let i = 0; i < 4; i++) for (let c = 0; c < 6; c++) expect(got[b][i][c]).toBeCloseTo(want[i][c], 5);
      }
      out.dispose();
      model.dispose();
    }
  });

  it('causal mask: changing a future token leaves every earlier position unchanged, and changes later ones', () => {
    const model = attentionModel(5, 4, 2, true);
    const xs = randomValues(5 * 4, 5);
    const changed = xs.slice();
    for (let c = 0; c < 4; c++) changed[3 * 4 + c] += 1.5; // position 3
    const [a, b] = [xs, changed].map((v) => tf.tidy(() => (model.predict(tf.tensor3d(v, [1, 5, 4])) as tf.Tensor).dataSync()));
    expect(Array.from(b.subarray(0, 12))).toEqual(Array.from(a.subarray(0, 12))); // positions 0..2: bit-identical
    for (const position of [3, 4]) {
      const diff = Math.max(...Array.from(b.subarray(position * 4, position * 4 + 4), (v, c) => Math.abs(v - a[position * 4 + c])));
      expect(diff).toBeGreaterThan(1e-3);
    }
    model.dispose();
  });

  it('builds the causal mask once per length: 0 on and below the diagonal, a large negative number above', () => {
    const mask = causalMaskValues(3);
    expect(Array.from(mask)).toEqual([0, -1e9, -1e9, 0, 0, -1e9, 0, 0, 0].map(Math.fround));
    expect(causalMaskValues(3)).toBe(mask);
  });

  it('padding mask: a masked key does not influence the other positions', () => {
    const model = attentionModel(4, 4, 1, false, true);
    const xs = randomValues(16, 8);
    const changed = xs.slice();
    for (let c = 0; c < 4; c++) changed[12 + c] = 9; // position 3 is padding
    const mask = tf.tensor2d([[1, 1, 1, 0]]);
    const [a, b] = [xs, changed].map((v) => tf.tidy(() => (model.predict([tf.tensor3d(v, [1, 4, 4]), mask]) as tf.Tensor).dataSync()));
    for (let i = 0; i < 12; i++) expect(b[i]).toBeCloseTo(a[i], 6);
    mask.dispose();
    model.dispose();
  });

  it('refuses a width not divisible by the heads', () => {
    expect(() => attentionModel(3, 5, 2, false)).toThrow(/divisible by heads/);
  });

  it('gradients of every weight agree with central finite differences (relative error < 1e-3)', async () => {
    const model = attentionModel(3, 4, 2, true);
    const x = tf.tensor3d(randomValues(2 * 3 * 4, 21), [2, 3, 4]);
    const probe = tf.tensor3d(randomValues(2 * 3 * 4, 22), [2, 3, 4]);
    // A linear read-out of the output with random weights exercises every output entry; squaring adds curvature.
    const loss = (y: tf.Tensor, r: tf.Tensor) => tf.tidy(() => y.mul(r).sum().add(y.square().mean()) as tf.Scalar);
    const before = tf.memory().numTensors;
    const differences = await finiteDifferenceCheck(model, x, probe, loss, 1e-2);
    expect(tf.memory().numTensors).toBe(before);
    expect(differences).toHaveLength(8);
    // The key bias adds q·b_k to every score of a query: softmax cancels it, so its true gradient is 0 and only
    // float32 noise (~1e-6) is left on both sides; it is held to an absolute bound instead of a relative one.
    const keyBias = differences.find((d) => d.name.endsWith('key_bias'))!;
    expect(keyBias.maxAbsoluteError).toBeLessThan(1e-5);
    const worst = Math.max(...differences.filter((d) => d !== keyBias).map((d) => d.relativeError));
    expect(worst).toBeLessThan(1e-3);
    console.info(`attention vs finite differences: worst relative error ${worst.toExponential(2)}`);
    tf.dispose([x, probe]);
    model.dispose();
  });
});
