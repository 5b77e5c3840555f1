// Tests for the normal, gamma and beta samplers: moments against the closed forms over many
// seeded draws, support, determinism and argument checks.
import { describe, expect, it } from 'vitest';
import { sampleBeta, sampleGamma, sampleNormal } from '../../../src/engine/augment/sampling';
import { createRandom } from '../../../src/engine/random';

function moments(draw: () => number, count: number): { mean: number; variance: number; min: number; max: number } {
  let sum = 0;
  let squares = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < count; i++) {
    const v = draw();
    sum += v;
    squares += v * v;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  const mean = sum / count;
  return { mean, variance: squares / count - mean * mean, min, max };
}

const N = 40_000;

describe('sampleNormal', () => {
  it('has mean 0 and variance 1', () => {
    const random = createRandom(1);
    const m = moments(() => sampleNormal(random), N);
    expect(Math.abs(m.mean)).toBeLessThan(0.02);
    expect(m.variance).toBeCloseTo(1, 1);
  });
});

describe('sampleGamma', () => {
  // Gamma(k, 1): mean k, variance k; shapes below 1 take the boosted path.
  for (const shape of [0.3, 1, 2.5, 9]) {
    it(`matches the mean and variance of Gamma(${shape})`, () => {
      const random = createRandom(shape * 100);
      const m = moments(() => sampleGamma(random, shape), N);
      expect(m.min).toBeGreaterThanOrEqual(0);
      expect(Math.abs(m.mean - shape) / shape).toBeLessThan(0.03);
      expect(Math.abs(m.variance - shape) / shape).toBeLessThan(0.08);
    });
  }

  it('rejects non-positive shapes', () => {
    expect(() => sampleGamma(createRandom(1), 0)).toThrow(/positive/);
    expect(() => sampleGamma(createRandom(1), Number.NaN)).toThrow(/positive/);
  });
});

describe('sampleBeta', () => {
  const cases: [number, number][] = [[0.2, 0.2], [1, 1], [2, 2], [2, 5]];
  for (const [a, b] of cases) {
    it(`matches the mean and variance of Beta(${a}, ${b})`, () => {
      const random = createRandom(a * 10 + b);
      const m = moments(() => sampleBeta(random, a, b), N);
      const mean = a / (a + b);
      const variance = (a * b) / ((a + b) ** 2 * (a + b + 1));
      expect(m.min).toBeGreaterThanOrEqual(0);
      expect(m.max).toBeLessThanOrEqual(1);
      expect(Math.abs(m.mean - mean)).toBeLessThan(0.01);
      expect(Math.abs(m.variance - variance) / variance).toBeLessThan(0.06);
    });
  }

  it('is deterministic for a seed', () => {
    const draws = (seed: number) => {
      const random = createRandom(seed);
      return Array.from({ length: 5 }, () => sampleBeta(random, 0.4, 0.4));
    };
    expect(draws(3)).toEqual(draws(3));
    expect(draws(3)).not.toEqual(draws(4));
  });
});
