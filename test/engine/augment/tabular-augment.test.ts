// Tests for tabular augmentation: feature noise (spread, chosen columns, seeding) and mixup
// (lambda statistics, rows as convex combinations of a row and its partner, labels summing to 1).
import { describe, expect, it } from 'vitest';
import { addFeatureNoise, mixupBatch } from '../../../src/engine/augment/tabular-augment';
import { createRandom } from '../../../src/engine/random';

function randomMatrix(rows: number, cols: number, seed: number): Float32Array {
  const random = createRandom(seed);
  return Float32Array.from({ length: rows * cols }, () => random() * 4 - 2);
}

function oneHot(labels: number[], classes: number): Float32Array {
  const y = new Float32Array(labels.length * classes);
  labels.forEach((label, i) => (y[i * classes + label] = 1));
  return y;
}

describe('addFeatureNoise', () => {
  it('adds noise of the requested spread, only to the chosen columns', () => {
    const n = 5000;
    const x = randomMatrix(n, 3, 1);
    const out = addFeatureNoise(x, n, 3, 0.2, 7, [0, 2]);
    let squares = 0;
    for (let i = 0; i < n; i++) {
      expect(out[i * 3 + 1]).toBe(x[i * 3 + 1]);
      squares += (out[i * 3] - x[i * 3]) ** 2;
    }
    expect(Math.sqrt(squares / n)).toBeCloseTo(0.2, 2);
    expect(addFeatureNoise(x, n, 3, 0.2, 7, [0, 2])).toEqual(out);
    expect(addFeatureNoise(x, n, 3, 0.2, 8, [0, 2])).not.toEqual(out);
  });

  it('returns an equal copy for std 0 and checks its arguments', () => {
    const x = randomMatrix(2, 2, 3);
    const out = addFeatureNoise(x, 2, 2, 0, 1);
    expect(out).toEqual(x);
    expect(out).not.toBe(x);
    expect(() => addFeatureNoise(x, 3, 2, 0.1, 1)).toThrow(/needs 6 values, got 4/);
    expect(() => addFeatureNoise(x, 2, 2, -1, 1)).toThrow(/std/);
    expect(() => addFeatureNoise(x, 2, 2, 0.1, 1, [2])).toThrow(/outside 0..1/);
  });
});

describe('mixupBatch', () => {
  it('makes every row a convex combination of a row and its partner, labels included', () => {
    const n = 64;
    const x = randomMatrix(n, 4, 5);
    const y = oneHot(Array.from({ length: n }, (_, i) => i % 3), 3);
    const { x: mx, y: my, lambdas, partners } = mixupBatch(x, y, n, 4, 3, 0.4, 11);
    expect(Array.from(partners).sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
    for (let i = 0; i < n; i++) {
      const l = lambdas[i];
      const p = partners[i];
      expect(l).toBeGreaterThanOrEqual(0);
      expect(l).toBeLessThanOrEqual(1);
      for (let j = 0; j < 4; j++) expect(mx[i * 4 + j]).toBeCloseTo(l * x[i * 4 + j] + (1 - l) * x[p * 4 + j], 5);
      let sum = 0;
      for (let c = 0; c < 3; c++) {
        expect(my[i * 3 + c]).toBeCloseTo(l * y[i * 3 + c] + (1 - l) * y[p * 3 + c], 6);
        sum += my[i * 3 + c];
      }
      expect(sum).toBeCloseTo(1, 6);
    }
  });

  it('draws lambda from a symmetric Beta: mean 0.5 and the Beta(alpha, alpha) variance', () => {
    const n = 20_000;
    const x = new Float32Array(n);
    const y = new Float32Array(n).fill(1);
    for (const alpha of [0.2, 1]) {
      const { lambdas } = mixupBatch(x, y, n, 1, 1, alpha, 3);
      const mean = lambdas.reduce((s, v) => s + v, 0) / n;
      const variance = lambdas.reduce((s, v) => s + (v - mean) ** 2, 0) / n;
      expect(Math.abs(mean - 0.5)).toBeLessThan(0.01);
      expect(variance).toBeCloseTo(1 / (4 * (2 * alpha + 1)), 2);
    }
  });

  it('is deterministic for a seed and checks its arguments', () => {
    const x = randomMatrix(10, 2, 1);
    const y = oneHot([0, 1, 0, 1, 0, 1, 0, 1, 0, 1], 2);
    expect(mixupBatch(x, y, 10, 2, 2, 0.2, 5)).toEqual(mixupBatch(x, y, 10, 2, 2, 0.2, 5));
    expect(mixupBatch(x, y, 10, 2, 2, 0.2, 5).x).not.toEqual(mixupBatch(x, y, 10, 2, 2, 0.2, 6).x);
    expect(() => mixupBatch(x, y, 10, 2, 2, 0, 5)).toThrow(/alpha/);
    expect(() => mixupBatch(x, y, 10, 2, 3, 0.2, 5)).toThrow(/One-hot labels of 10 x 3/);
  });
});
