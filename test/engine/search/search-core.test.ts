// The search library's parts: space validation, sampling, encoding and keys; grid points; the Gaussian
// process (interpolation, uncertainty, likelihood fit); expected improvement; the strategy registry.
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../src/engine/random';
import {
  decodeParams, encodeParams, encodedDimension, isActive, paramsKey, sampleParams, validateSearchSpace, type SearchSpace,
} from '../../../src/engine/search/search-space';
import { gridPoints } from '../../../src/engine/search/grid-search';
import { fitGaussianProcess, logMarginalLikelihood } from '../../../src/engine/search/gaussian-process';
import { expectedImprovement, normalCdf } from '../../../src/engine/search/acquisition';
import { proposeTrial, validateStrategy } from '../../../src/engine/search/strategy';

const space: SearchSpace = { version: 1, params: [
  { kind: 'float', name: 'lr', min: 1e-4, max: 1e-1, scale: 'log' },
  { kind: 'int', name: 'units', min: 8, max: 64, scale: 'linear' },
  { kind: 'choice', name: 'opt', options: ['adam', 'sgd'] },
  { kind: 'float', name: 'momentum', min: 0.5, max: 0.9, scale: 'linear', when: { param: 'opt', oneOf: ['sgd'] } },
] };

describe('search space', () => {
  it('names each problem', () => {
    const bad = (params: unknown[]) => () => validateSearchSpace({ version: 1, params } as SearchSpace);
    expect(bad([])).toThrow(/parameter/i);
    expect(bad([{ kind: 'float', name: 'a', min: 2, max: 1, scale: 'linear' }])).toThrow(/min < max/);
    expect(bad([{ kind: 'float', name: 'a', min: 0, max: 1, scale: 'log' }])).toThrow(/log scale/);
    expect(bad([{ kind: 'int', name: 'a', min: 0.5, max: 3, scale: 'linear' }])).toThrow(/whole-number/);
    expect(bad([{ kind: 'choice', name: 'a', options: [] }])).toThrow(/option/);
    expect(bad([{ kind: 'float', name: 'a', min: 0, max: 1, scale: 'linear' }, { kind: 'float', name: 'a', min: 0, max: 1, scale: 'linear' }])).toThrow(/"a"/);
    expect(bad([{ kind: 'float', name: 'm', min: 0, max: 1, scale: 'linear', when: { param: 'opt', oneOf: ['sgd'] } }])).toThrow(/opt/);
    expect(() => validateSearchSpace(space)).not.toThrow();
  });

  it('samples within bounds, evenly in log space, with conditional parameters only where active', () => {
    const random = createRandom(3);
    const samples = Array.from({ length: 2000 }, () => sampleParams(space, random));
    for (const s of samples) {
      expect(s.lr as number).toBeGreaterThanOrEqual(1e-4);
      expect(s.lr as number).toBeLessThanOrEqual(1e-1);
      expect(Number.isInteger(s.units)).toBe(true);
      expect('momentum' in s).toBe(s.opt === 'sgd');
      expect(isActive(space.params[3], s)).toBe(s.opt === 'sgd');
    }
    // Log scale: about a third of the draws in each decade.
    const belowMilli = samples.filter((s) => (s.lr as number) < 1e-3).length / samples.length;
    expect(belowMilli).toBeGreaterThan(0.28);
    expect(belowMilli).toBeLessThan(0.39);
  });

  it('encodes to the unit cube with one-hot choices and decodes back; keys ignore key order', () => {
    expect(encodedDimension(space)).toBe(5);
    const params = { lr: 1e-2, units: 36, opt: 'sgd', momentum: 0.7 };
    const point = encodeParams(space, params);
    expect(point).toHaveLength(5);
    expect(point[0]).toBeCloseTo(2 / 3, 10);
    expect(point.slice(2, 4)).toEqual([0, 1]);
    const back = decodeParams(space, point);
    expect(back.lr as number).toBeCloseTo(1e-2, 10);
    expect(back).toMatchObject({ units: 36, opt: 'sgd' });
    expect(back.momentum as number).toBeCloseTo(0.7, 10);
    expect(decodeParams(space, encodeParams(space, { lr: 1e-3, units: 8, opt: 'adam' }))).not.toHaveProperty('momentum');
    expect(paramsKey({ a: 1, b: 'x' })).toBe(paramsKey({ b: 'x', a: 1 }));
    expect(paramsKey({ a: 1 })).not.toBe(paramsKey({ a: '1' }));
  });
});

describe('grid', () => {
  it('takes every combination, expanding conditional parameters only where active', () => {
    const points = gridPoints(space, 3);
    // lr 3 × units 3 × (adam + sgd with 3 momenta) = 3 × 3 × 4.
    expect(points).toHaveLength(36);
    expect(new Set(points.map(paramsKey)).size).toBe(36);
    expect(points.filter((p) => p.opt === 'adam').every((p) => !('momentum' in p))).toBe(true);
    expect(new Set(points.map((p) => p.lr)).size).toBe(3);
    expect(() => gridPoints(space, 30, 100)).toThrow(/points/);
  });
});

describe('Gaussian process and expected improvement', () => {
  it('interpolates noiseless data, is sure at the data and unsure far away, and fits a better likelihood than a poor guess', () => {
    const x = Array.from({ length: 12 }, (_, i) => [i / 11]);
    const y = x.map(([v]) => Math.sin(6 * v));
    const gp = fitGaussianProcess(x, y, createRandom(1));
    for (let i = 0; i < x.length; i++) expect(gp.predict(x[i]).mean).toBeCloseTo(y[i], 2);
    expect(gp.predict([0.5 / 11]).mean).toBeCloseTo(Math.sin(6 * 0.5 / 11), 1);
    expect(gp.predict([x[3][0]]).variance).toBeLessThan(gp.predict([3]).variance);
    const standardized = y.map((v) => (v - gp.targetMean) / gp.targetScale);
    const poor = { ...gp.hyperparameters, lengthScales: [5] };
    expect(gp.logMarginalLikelihood).toBeGreaterThan(logMarginalLikelihood(x, standardized, poor));
  });

  it('expected improvement matches its closed form (sd·(z·Φ(z) + φ(z)))', () => {
    const [mean, variance, best] = [1, 0.25, 1.2];
    const z = (best - mean) / 0.5;
    const phi = Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI);
    expect(expectedImprovement(mean, variance, best, 0)).toBeCloseTo(0.5 * (z * normalCdf(z) + phi), 9);
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021, 6);
    expect(expectedImprovement(5, 1e-12, 1, 0)).toBeLessThan(1e-12);
  });
});

describe('strategies', () => {
  it('propose the same configuration for the same seed, index and history, and a grid runs out', () => {
    const history = { observations: [], pending: [] };
    for (const strategy of [{ kind: 'random' as const }, { kind: 'bayesian' as const, initialRandom: 2 }]) {
      expect(proposeTrial(strategy, space, history, 9, 4)).toEqual(proposeTrial(strategy, space, history, 9, 4));
      expect(proposeTrial(strategy, space, history, 9, 4)).not.toEqual(proposeTrial(strategy, space, history, 10, 4));
    }
    const small: SearchSpace = { version: 1, params: [{ kind: 'choice', name: 'a', options: [1, 2] }] };
    expect(proposeTrial({ kind: 'grid', pointsPerNumeric: 2 }, small, history, 1, 1)).toEqual({ a: 2 });
    expect(proposeTrial({ kind: 'grid', pointsPerNumeric: 2 }, small, history, 1, 2)).toBeUndefined();
    expect(() => validateStrategy({ kind: 'grid', pointsPerNumeric: 0 })).toThrow(/points per numeric/);
    expect(() => validateStrategy({ kind: 'annealing' } as never)).toThrow(/Unknown search strategy/);
  });

  it('gives parallel Bayesian proposals that differ (pending trials count)', () => {
    const random = createRandom(5);
    const observations = Array.from({ length: 10 }, () => {
      const params = sampleParams(space, random);
      return { params, value: Math.abs(Math.log10(params.lr as number) + 2) };
    });
    const first = proposeTrial({ kind: 'bayesian', initialRandom: 4 }, space, { observations, pending: [] }, 1, 10)!;
    const second = proposeTrial({ kind: 'bayesian', initialRandom: 4 }, space, { observations, pending: [first] }, 1, 10)!;
    expect(paramsKey(second)).not.toBe(paramsKey(first));
  });
});
