// Vote tie-breaking and median by hand, output shapes, argument validation (messages checked), the method
// registry, determinism given the seed, and that a fitted ensemble survives structured cloning and JSON.
import { describe, expect, it } from 'vitest';
import { combinePredictions, ENSEMBLE_METHODS, fitEnsemble } from '../../../src/engine/ensemble/ensemble';
import { METHOD_NAMES } from '../../../src/engine/ensemble/ensemble-inputs';
import type { EnsembleSpec, FittedEnsemble, MemberPredictions } from '../../../src/engine/ensemble/ensemble-types';
import { argmaxRows } from '../../../src/engine/metrics/classification';
import { makeClassificationSplits } from './synthetic-members';

const cls = (classes: number, probs: number[]): MemberPredictions => ({ task: 'classification', classes, probs: Float32Array.from(probs) });
const reg = (values: number[]): MemberPredictions => ({ task: 'regression', values: Float32Array.from(values) });
const VOTE: FittedEnsemble = { version: 1, spec: { method: 'vote', seed: 0 }, task: 'classification', members: 3, classes: 3 };

describe('vote', () => {
  it('takes the majority, breaks ties by mean probability and then by lowest index', () => {
    // Probabilities are dyadic (exact in float32, exact sums), so the "equal mean" tie below is a real tie.
    const members = [
      cls(3, [0.875, 0.0625, 0.0625, 0.5, 0.25, 0.25, 0.25, 0.625, 0.125, 0.25, 0.25, 0.5]),
      cls(3, [0.25, 0.25, 0.5, 0.25, 0.5, 0.25, 0.125, 0.25, 0.625, 0.25, 0.5, 0.25]),
      cls(3, [0.25, 0.25, 0.5, 0.25, 0.125, 0.625, 0.25, 0.5, 0.25, 0.5, 0.25, 0.25]),
    ];
    // row 0: votes 0, 2, 2 -> 2 by majority, although class 0 has the highest mean probability (0.458).
    // row 1: votes 0, 1, 2 -> a three-way tie; means 0.333, 0.292, 0.375 -> 2.
    // row 2: votes 1, 2, 1 -> 1 by majority.
    // row 3: votes 2, 1, 0 and every class's mean is exactly 1/3 -> lowest index, 0.
    const out = combinePredictions(VOTE, members);
    if (out.task !== 'classification') throw new Error('expected classification');
    expect(out.classes).toBe(3);
    expect(out.probs).toHaveLength(12);
    expect(Array.from(argmaxRows(out.probs, 4, 3))).toEqual([2, 2, 1, 0]);
    for (let r = 0; r < 4; r++) {
      const row = Array.from(out.probs.subarray(r * 3, r * 3 + 3));
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
      for (const p of row) expect(p).toBeGreaterThan(0); // log loss stays finite
    }
    // Two votes of three: the winner's share is about (2 + ½) / 3.5, the rest follows the blend of means.
    expect(out.probs[2]).toBeGreaterThan(0.65);
  });

  it('breaks a two-two tie between four members towards the higher mean probability', () => {
    const members = [cls(2, [0.75, 0.25]), cls(2, [0.625, 0.375]), cls(2, [0.375, 0.625]), cls(2, [0.25, 0.75])];
    // Votes 0, 0, 1, 1 and equal probability sums (2 and 2) -> index 0; lifting the last member to 0.875 on
    // class 1 keeps the votes tied but raises class 1's mean -> 1.
    const fitted: FittedEnsemble = { ...VOTE, members: 4, classes: 2 };
    const even = combinePredictions(fitted, members);
    const tilted = combinePredictions(fitted, [...members.slice(0, 3), cls(2, [0.125, 0.875])]);
    if (even.task !== 'classification' || tilted.task !== 'classification') throw new Error('expected classification');
    expect(argmaxRows(even.probs, 1, 2)[0]).toBe(0);
    expect(argmaxRows(tilted.probs, 1, 2)[0]).toBe(1);
  });

  it('gives the median for regression (middle value, or the mean of the two middle ones)', () => {
    const fitted: FittedEnsemble = { version: 1, spec: { method: 'vote', seed: 0 }, task: 'regression', members: 3 };
    const odd = combinePredictions(fitted, [reg([1, 10]), reg([5, -2]), reg([3, 4])]);
    const even = combinePredictions({ ...fitted, members: 4 }, [reg([1, 10]), reg([5, -2]), reg([3, 4]), reg([100, 0])]);
    expect(odd.task === 'regression' && Array.from(odd.values)).toEqual([3, 4]);
    expect(even.task === 'regression' && Array.from(even.values)).toEqual([4, 2]);
  });
});

describe('shapes and the registry', () => {
  const splits = makeClassificationSplits([0.7, 0.6, 0.8], 5, 120, 50, 41);

  it('returns rows × classes probabilities for every method, on a split of any size', () => {
    for (const method of METHOD_NAMES) {
      const fitted = fitEnsemble({ method, seed: 2 }, splits.validation);
      expect(fitted).toMatchObject({ version: 1, task: 'classification', members: 3, classes: 5 });
      expect(fitted.weights !== undefined).toBe(method === 'weighted');
      expect(fitted.meta !== undefined).toBe(method === 'stacking');
      const out = combinePredictions(fitted, splits.test.members);
      expect(out.task === 'classification' && out.probs.length).toBe(50 * 5);
    }
  });

  it('lists every method once with a label and a description', () => {
    expect(Object.keys(ENSEMBLE_METHODS).sort()).toEqual([...METHOD_NAMES].sort());
    for (const entry of Object.values(ENSEMBLE_METHODS)) expect(entry.label.length * entry.description.length).toBeGreaterThan(0);
  });

  it('fits records that survive structured cloning and JSON with the same predictions', () => {
    for (const spec of [{ method: 'weighted', seed: 1 }, { method: 'stacking', metaLearner: 'mlp', seed: 1 }] as EnsembleSpec[]) {
      const fitted = fitEnsemble(spec, splits.validation);
      const direct = combinePredictions(fitted, splits.test.members);
      expect(combinePredictions(structuredClone(fitted), splits.test.members)).toEqual(direct);
      expect(combinePredictions(JSON.parse(JSON.stringify(fitted)) as FittedEnsemble, splits.test.members)).toEqual(direct);
    }
  });
});

describe('determinism', () => {
  const splits = makeClassificationSplits([0.7, 0.6, 0.8], 3, 150, 10, 42);

  it('gives the same fit for the same seed and different folds / initial weights for another seed', () => {
    for (const metaLearner of ['logistic', 'mlp'] as const) {
      const a = fitEnsemble({ method: 'stacking', metaLearner, seed: 5 }, splits.validation);
      const b = fitEnsemble({ method: 'stacking', metaLearner, seed: 5 }, splits.validation);
      const c = fitEnsemble({ method: 'stacking', metaLearner, seed: 6 }, splits.validation);
      expect(JSON.stringify(b)).toBe(JSON.stringify(a));
      // Logistic: the folds move, so the cross-validation losses do (the final fit on all rows may not: it is a
      // convex problem); MLP: the initial weights move, so the trained weights do.
      const what = (f: FittedEnsemble) => JSON.stringify(metaLearner === 'mlp' ? f.meta : f.fitInfo);
      expect(what(c), metaLearner).not.toBe(what(a));
    }
  });
});
