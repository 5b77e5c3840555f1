// Tests for the seeded PRNG, the Fisher-Yates shuffle and seed derivation.
import { describe, expect, it } from 'vitest';
import { createRandom, deriveSeed, shuffleInPlace } from '../../src/engine/random';

function draws(seed: number, count: number): number[] {
  const random = createRandom(seed);
  return Array.from({ length: count }, () => random());
}

describe('createRandom', () => {
  it('matches an independent mulberry32 implementation', () => {
    // Golden values from a separate Python reimplementation of mulberry32 (32-bit masks instead of Math.imul).
    expect(draws(42, 3)).toEqual([0.6011037519201636, 0.44829055899754167, 0.8524657934904099]);
    expect(draws(0, 2)).toEqual([0.26642920868471265, 0.0003297457005828619]);
  });

  it('is deterministic for equal seeds and differs for different seeds', () => {
    expect(draws(7, 50)).toEqual(draws(7, 50));
    expect(draws(7, 50)).not.toEqual(draws(8, 50));
  });

  it('returns floats in [0, 1) with a roughly uniform mean', () => {
    const values = draws(123, 10_000);
    for (const v of values) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(1);
    }
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(mean).toBeCloseTo(0.5, 1);
  });

  it('rejects non-finite seeds', () => {
    expect(() => createRandom(Number.NaN)).toThrow(/finite/);
    expect(() => createRandom(Infinity)).toThrow(/finite/);
  });
});

describe('shuffleInPlace', () => {
  it('permutes arrays and typed arrays in place, deterministically', () => {
    const a = Array.from({ length: 20 }, (_, i) => i);
    const result = shuffleInPlace(a, createRandom(1));
    expect(result).toBe(a);
    expect([...a].sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(a).not.toEqual(Array.from({ length: 20 }, (_, i) => i));

    const b = Int32Array.from({ length: 20 }, (_, i) => i);
    shuffleInPlace(b, createRandom(1));
    expect(Array.from(b)).toEqual(a);

    const c = Uint32Array.from({ length: 20 }, (_, i) => i);
    shuffleInPlace(c, createRandom(2));
    expect(Array.from(c)).not.toEqual(a);
  });

  it('gives every position to every element about equally often', () => {
    // 3 elements, 6000 shuffles: each element lands in each position ~2000 times.
    const counts = [0, 0, 0];
    const random = createRandom(99);
    for (let t = 0; t < 6000; t++) {
      const items = ['a', 'b', 'c'];
      shuffleInPlace(items, random);
      counts[items.indexOf('a')]++;
    }
    for (const c of counts) expect(Math.abs(c - 2000)).toBeLessThan(200);
  });

  it('handles empty and single-element arrays', () => {
    expect(shuffleInPlace([], createRandom(1))).toEqual([]);
    expect(shuffleInPlace(['x'], createRandom(1))).toEqual(['x']);
  });
});

describe('deriveSeed', () => {
  it('returns deterministic unsigned 32-bit integers that depend on every part and their order', () => {
    const s = deriveSeed(42, 3);
    expect(s).toBe(deriveSeed(42, 3));
    expect(Number.isInteger(s) && s >= 0 && s < 2 ** 32).toBe(true);
    const seen = new Set<number>();
    for (let epoch = 0; epoch < 1000; epoch++) seen.add(deriveSeed(42, epoch));
    expect(seen.size).toBe(1000);
    expect(deriveSeed(42, 1, 2)).not.toBe(deriveSeed(42, 2, 1));
    expect(deriveSeed(42)).not.toBe(deriveSeed(42, 0));
    expect(deriveSeed(42, 0)).not.toBe(deriveSeed(43, 0));
  });

  it('rejects non-finite inputs', () => {
    expect(() => deriveSeed(1, Number.NaN)).toThrow(/finite/);
    expect(() => deriveSeed(Number.NaN)).toThrow(/finite/);
  });
});
