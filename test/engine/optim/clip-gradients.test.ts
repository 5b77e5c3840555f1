// Clipping by global norm: a hand-computed 3-4-12 case, unchanged gradients under the bound, no leaks.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { clipByGlobalNorm } from '../../../src/engine/optim/clip-gradients';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('clipByGlobalNorm', () => {
  it('scales all gradients by maxNorm / globalNorm when above the bound', () => {
    // Global norm of [3, 4] and [[12]] is √(9 + 16 + 144) = 13; with maxNorm 6.5 every value halves.
    const grads = [tf.tensor1d([3, 4]), tf.tensor2d([[12]])];
    const out = clipByGlobalNorm(grads, 6.5);
    expect(out.norm.dataSync()[0]).toBeCloseTo(13, 5);
    expect(Array.from(out.grads[0].dataSync())).toEqual([1.5, 2]);
    expect(out.grads[1].shape).toEqual([1, 1]);
    expect(out.grads[1].dataSync()[0]).toBeCloseTo(6, 5);
    const clippedNorm = Math.hypot(...out.grads.flatMap((g) => Array.from(g.dataSync())));
    expect(clippedNorm).toBeCloseTo(6.5, 5);
    tf.dispose([...grads, ...out.grads, out.norm]);
  });

  it('leaves gradients within the bound exactly unchanged (and at the bound)', () => {
    const values = [0.1234567, -0.7654321, 0.5];
    const grads = [tf.tensor1d(values)];
    for (const maxNorm of [10, Math.fround(Math.hypot(...values.map(Math.fround)))]) {
      const out = clipByGlobalNorm(grads, maxNorm);
      expect(out.grads[0].dataSync()).toEqual(grads[0].dataSync());
      tf.dispose([...out.grads, out.norm]);
    }
    tf.dispose(grads);
  });

  it('returns exactly the new tensors (inputs untouched), handles no gradients, and checks maxNorm', () => {
    const grads = [tf.tensor1d([30, 40])];
    const before = tf.memory().numTensors;
    const out = clipByGlobalNorm(grads, 1);
    expect(tf.memory().numTensors).toBe(before + 2);
    expect(Array.from(grads[0].dataSync())).toEqual([30, 40]);
    expect(Array.from(out.grads[0].dataSync()).map((v) => Number(v.toFixed(6)))).toEqual([0.6, 0.8]);
    tf.dispose([...grads, ...out.grads, out.norm]);
    const empty = clipByGlobalNorm([], 1);
    expect(empty.grads).toEqual([]);
    expect(empty.norm.dataSync()[0]).toBe(0);
    empty.norm.dispose();
    expect(() => clipByGlobalNorm([], 0)).toThrow(/clipping norm/);
    expect(() => clipByGlobalNorm([], NaN)).toThrow(/clipping norm/);
  });

  it('turns non-finite gradients into NaN everywhere (caught by the caller)', () => {
    const grads = [tf.tensor1d([1, Infinity]), tf.tensor1d([2])];
    const out = clipByGlobalNorm(grads, 1);
    expect(out.norm.dataSync()[0]).toBe(Infinity);
    expect(Number.isNaN(out.grads[1].dataSync()[0])).toBe(true);
    expect(Array.from(out.grads[0].dataSync()).every(Number.isNaN)).toBe(true);
    tf.dispose([...grads, ...out.grads, out.norm]);
  });
});
