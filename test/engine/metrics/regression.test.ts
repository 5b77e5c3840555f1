// Tests for MAE, MSE and R^2 against hand-computed values.
import { describe, expect, it } from 'vitest';
import { meanAbsoluteError, meanSquaredError, r2Score } from '../../../src/engine/metrics/regression';

// yTrue = [3, -0.5, 2, 7], yPred = [2.5, 0, 2, 8] (scikit-learn's documentation example).
// Errors: 0.5, -0.5, 0, -1.
const yTrue = [3, -0.5, 2, 7];
const yPred = [2.5, 0, 2, 8];

describe('regression metrics', () => {
  it('mean absolute error', () => {
    // (0.5 + 0.5 + 0 + 1) / 4 = 0.5
    expect(meanAbsoluteError(yTrue, yPred)).toBeCloseTo(0.5, 12);
  });

  it('mean squared error', () => {
    // (0.25 + 0.25 + 0 + 1) / 4 = 0.375
    expect(meanSquaredError(yTrue, Float32Array.from(yPred))).toBeCloseTo(0.375, 12);
  });

  it('r2 score', () => {
    // mean(yTrue) = 11.5 / 4 = 2.875; SS_tot = 0.015625 + 11.390625 + 0.765625 + 17.015625 = 29.1875;
    // SS_res = 1.5; R^2 = 1 - 1.5 / 29.1875 = 0.948608137...
    expect(r2Score(yTrue, yPred)).toBeCloseTo(1 - 1.5 / 29.1875, 12);
    expect(r2Score(yTrue, yTrue)).toBe(1);
    // Predicting the mean everywhere gives 0; worse than the mean gives a negative score.
    expect(r2Score([1, 2, 3], [2, 2, 2])).toBeCloseTo(0, 12);
    // SS_res = 4 + 0 + 4 = 8, SS_tot = 2 -> 1 - 8 / 2 = -3.
    expect(r2Score([1, 2, 3], [3, 2, 1])).toBeCloseTo(-3, 12);
  });

  it('r2 with constant true values follows scikit-learn: 1 if perfect, else 0', () => {
    expect(r2Score([0.1, 0.1, 0.1], [0.1, 0.1, 0.1])).toBe(1);
    expect(r2Score([5, 5], [5, 5.001])).toBe(0);
  });

  it('throws on empty, mismatched or non-finite inputs instead of returning NaN', () => {
    for (const metric of [meanAbsoluteError, meanSquaredError, r2Score]) {
      expect(() => metric([], [])).toThrow(/no rows to score/);
      expect(() => metric([1, 2], [1])).toThrow(/2 true values but 1 predictions/);
      expect(() => metric([1, 2], [1, Number.NaN])).toThrow(/row 1 has a non-finite value/);
    }
  });
});
