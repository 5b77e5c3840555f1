// Regression ensembles: averaging independent noisy members cuts the MSE, the median and fitted weights follow
// the members' noise, and ridge stacking recovers known mixing weights and an offset.
import { describe, expect, it } from 'vitest';
import { combinePredictions, fitEnsemble } from '../../../src/engine/ensemble/ensemble';
import type { MemberPredictions } from '../../../src/engine/ensemble/ensemble-types';
import { deriveSeed, createRandom } from '../../../src/engine/random';
import { meanSquaredError } from '../../../src/engine/metrics/regression';
import { gaussian, makeRegressor, makeTargets, sliceRows } from './synthetic-members';

const VALIDATION_ROWS = 400;
const TEST_ROWS = 1000;

function valuesOf(p: MemberPredictions): Float32Array {
  if (p.task !== 'regression') throw new Error('expected regression predictions');
  return p.values;
}

/** Members target + N(0, noise²) on validation and test rows. */
function noisySplits(noises: number[], seed: number) {
  const rows = VALIDATION_ROWS + TEST_ROWS;
  const targets = makeTargets(rows, deriveSeed(seed, 0));
  const members = noises.map((s, m) => makeRegressor(targets, s, deriveSeed(seed, 1, m)));
  return {
    validation: { members: members.map((p) => sliceRows(p, 0, VALIDATION_ROWS)), labels: targets.subarray(0, VALIDATION_ROWS) },
    test: { members: members.map((p) => sliceRows(p, VALIDATION_ROWS, rows)), labels: targets.subarray(VALIDATION_ROWS) },
  };
}

describe('regression ensembles', () => {
  it('averaging five members with independent noise divides the MSE by about five; the median also beats every member', () => {
    const splits = noisySplits([1, 1, 1, 1, 1], 31);
    const memberMse = splits.test.members.map((m) => meanSquaredError(splits.test.labels, valuesOf(m)));
    const best = Math.min(...memberMse);
    const average = combinePredictions(fitEnsemble({ method: 'average', seed: 1 }, splits.validation), splits.test.members);
    const median = combinePredictions(fitEnsemble({ method: 'vote', seed: 1 }, splits.validation), splits.test.members);
    const averageMse = meanSquaredError(splits.test.labels, valuesOf(average));
    // Mean of 5 independent N(0, 1) errors has variance 1/5; allow sampling error on 1000 rows.
    expect(averageMse).toBeLessThan(best * 0.3);
    expect(averageMse).toBeGreaterThan(0.12);
    // The median of 5 Gaussians has variance ≈ 1.4/5 of one member's.
    expect(meanSquaredError(splits.test.labels, valuesOf(median))).toBeLessThan(best * 0.45);
  });

  it('weighted averaging favours the less noisy members (inverse-variance weights are optimal)', () => {
    // Noise σ = 0.5, 1, 2: the MSE-optimal simplex weights are ∝ 1/σ² = 4 : 1 : 0.25, i.e. ≈ 0.76, 0.19, 0.05.
    const splits = noisySplits([0.5, 1, 2], 32);
    const fitted = fitEnsemble({ method: 'weighted', seed: 1 }, splits.validation);
    const w = fitted.weights!;
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(w[0]).toBeGreaterThan(w[1]);
    expect(w[1]).toBeGreaterThan(w[2]);
    [0.762, 0.19, 0.048].forEach((expected, m) => expect(Math.abs(w[m] - expected), `weight ${m}`).toBeLessThan(0.08));
    const info = fitted.fitInfo!;
    expect(info['ensemble.mse']).toBeLessThan(info['uniform.mse']);
    const testMse = meanSquaredError(splits.test.labels, valuesOf(combinePredictions(fitted, splits.test.members)));
    expect(testMse).toBeLessThan(meanSquaredError(splits.test.labels, valuesOf(splits.test.members[0])));
  });

  it('ridge stacking recovers known mixing weights and offset', () => {
    // Three members with independent outputs; the target is a known mix of them plus an offset and small noise.
    const mix = [0.5, 0.3, 0.2];
    const offset = 1.5;
    const random = createRandom(33);
    const rows = VALIDATION_ROWS + TEST_ROWS;
    const outputs = mix.map(() => Float32Array.from({ length: rows }, () => 2 * gaussian(random)));
    const targets = Float32Array.from({ length: rows }, (_, r) => offset + mix.reduce((s, w, m) => s + w * outputs[m][r], 0) + 0.05 * gaussian(random));
    const members: MemberPredictions[] = outputs.map((values) => ({ task: 'regression', values }));
    const validation = { members: members.map((p) => sliceRows(p, 0, VALIDATION_ROWS)), labels: targets.subarray(0, VALIDATION_ROWS) };
    const fitted = fitEnsemble({ method: 'stacking', seed: 4 }, validation);
    const meta = fitted.meta!;
    if (meta.kind !== 'ridge') throw new Error(`expected a ridge meta-learner, got ${meta.kind}`);
    mix.forEach((w, m) => expect(Math.abs(meta.weights[m] - w), `weight ${m}`).toBeLessThan(0.01));
    expect(Math.abs(meta.bias - offset)).toBeLessThan(0.02);
    // Cross-validation tried every strength and kept the smallest out-of-fold error.
    const cv = Object.entries(fitted.fitInfo!).filter(([key]) => key.startsWith('cvMse@'));
    expect(cv).toHaveLength(6);
    expect(Math.min(...cv.map(([, v]) => v))).toBe(fitted.fitInfo![`cvMse@l2=${meta.l2.toExponential(3)}`]);
    const testMembers = members.map((p) => sliceRows(p, VALIDATION_ROWS, rows));
    const stacked = valuesOf(combinePredictions(fitted, testMembers));
    // Test MSE close to the noise floor 0.05² = 0.0025, far below the plain average's.
    const testTargets = targets.subarray(VALIDATION_ROWS);
    expect(meanSquaredError(testTargets, stacked)).toBeLessThan(0.004);
    const average = valuesOf(combinePredictions(fitEnsemble({ method: 'average', seed: 1 }, validation), testMembers));
    expect(meanSquaredError(testTargets, average)).toBeGreaterThan(1);
  });
});
