// Label-based classification metrics and confusion-matrix scores against hand-computed values.
import { describe, expect, it } from 'vitest';
import { cohenKappa, matthewsCorrelation, precisionRecallF1 } from '../../../src/engine/metrics/class-scores';
import {
  accuracy, argmaxRows, balancedAccuracy, confusionMatrix, normalizeConfusion, topKAccuracy,
} from '../../../src/engine/metrics/classification';

describe('argmaxRows', () => {
  it('picks the largest entry per row, first on ties', () => {
    const probs = Float32Array.from([0.1, 0.7, 0.2, 0.5, 0.5, 0.0, 0.2, 0.3, 0.5, 0.4, Number.NaN, 0.6]);
    // Rows: [0.1 .7 .2] -> 1; [.5 .5 0] -> 0 (tie, first); [.2 .3 .5] -> 2; [.4 NaN .6] -> 2.
    expect(Array.from(argmaxRows(probs, 4, 3))).toEqual([1, 0, 2, 2]);
    expect(Array.from(argmaxRows(Float32Array.from([Number.NaN, 0.2]), 1, 2))).toEqual([1]);
    expect(argmaxRows(new Float32Array(0), 0, 3).length).toBe(0);
  });

  it('rejects a shape that does not match the data', () => {
    expect(() => argmaxRows(new Float32Array(5), 2, 3)).toThrow(/expected 2 x 3 = 6 values, got 5/);
    expect(() => argmaxRows(new Float32Array(0), 0, 0)).toThrow(/k an integer >= 1/);
  });
});

describe('accuracy', () => {
  it('is the fraction of exact matches', () => {
    // Matches at positions 0, 2, 3 out of 4 -> 3 / 4 = 0.75.
    expect(accuracy([0, 1, 2, 1], [0, 2, 2, 1])).toBe(0.75);
    expect(accuracy(Int32Array.from([1, 1]), Float32Array.from([1, 1]))).toBe(1);
  });

  it('throws on empty or mismatched inputs instead of returning NaN', () => {
    expect(() => accuracy([], [])).toThrow(/no rows to score/);
    expect(() => accuracy([0, 1], [0])).toThrow(/2 true labels but 1 predictions/);
  });
});

describe('confusionMatrix', () => {
  it('counts true (rows) against predicted (columns)', () => {
    // Pairs (t,p): (0,0) (0,1) (1,1) (2,1) (2,2) (2,2) -> row 0: [1 1 0], row 1: [0 1 0], row 2: [0 1 2].
    expect(confusionMatrix([0, 0, 1, 2, 2, 2], [0, 1, 1, 1, 2, 2], 3)).toEqual([
      [1, 1, 0],
      [0, 1, 0],
      [0, 1, 2],
    ]);
  });

  it('validates inputs and labels', () => {
    expect(() => confusionMatrix([], [], 2)).toThrow(/no rows/);
    expect(() => confusionMatrix([0], [0, 1], 2)).toThrow(/1 true labels but 2 predictions/);
    expect(() => confusionMatrix([0], [0], 0)).toThrow(/classCount must be an integer >= 1/);
    expect(() => confusionMatrix([0, 2], [0, 1], 2)).toThrow(/true label 2 at row 1/);
    expect(() => confusionMatrix([0, 1], [0.5, 1], 2)).toThrow(/prediction 0.5 at row 0/);
  });
});

describe('balancedAccuracy, topKAccuracy, normalizeConfusion', () => {
  it('balanced accuracy averages recall over classes present in yTrue only', () => {
    // Class 0: 2 of 2 right, class 1: 1 of 2; class 2 only predicted, never true -> (1 + 0.5) / 2.
    expect(balancedAccuracy([0, 0, 1, 1], [0, 0, 1, 2], 3)).toBe(0.75);
  });

  it('top-k counts the true class among the k largest, breaking ties towards the higher index as scikit-learn', () => {
    // Row 0: [0.5, 0.3, 0.2], true 1 -> rank 2. Row 1: [0.4, 0.4, 0.2], true 0 -> class 1 ties and ranks first, so rank 2.
    const probs = [0.5, 0.3, 0.2, 0.4, 0.4, 0.2];
    expect(topKAccuracy([1, 0], probs, 2, 3, 1)).toBe(0);
    expect(topKAccuracy([1, 0], probs, 2, 3, 2)).toBe(1);
    // True class 1 in row 1 wins the tie against class 0: a top-1 hit.
    expect(topKAccuracy([1, 1], probs, 2, 3, 1)).toBe(0.5);
    expect(() => topKAccuracy([0], [1, 0, 0], 1, 3, 0)).toThrow(/topK must be an integer >= 1/);
  });

  it('normalises by row, column or total, with 0 for an empty row or column', () => {
    const counts = [[2, 2], [0, 0]];
    expect(normalizeConfusion(counts, 'true')).toEqual([[0.5, 0.5], [0, 0]]);
    expect(normalizeConfusion(counts, 'pred')).toEqual([[1, 1], [0, 0]]);
    expect(normalizeConfusion(counts, 'all')).toEqual([[0.5, 0.5], [0, 0]]);
  });
});

describe('precisionRecallF1, matthewsCorrelation, cohenKappa', () => {
  it('hand-computed scores', () => {
    // counts rows true, columns predicted: [[3, 1], [2, 4]]. Class 0: P = 3/5, R = 3/4; class 1: P = 4/5, R = 4/6.
    const counts = [[3, 1], [2, 4]];
    const s = precisionRecallF1(counts);
    expect(s.perClass[0].precision).toBeCloseTo(0.6, 12);
    expect(s.perClass[1].recall).toBeCloseTo(2 / 3, 12);
    expect(s.perClass[0].f1).toBeCloseTo((2 * 0.6 * 0.75) / 1.35, 12);
    expect(s.micro.f1).toBeCloseTo(0.7, 12);
    // MCC = (3*4 - 1*2) / sqrt(4 * 6 * 5 * 5) = 10 / sqrt(600).
    expect(matthewsCorrelation(counts)).toBeCloseTo(10 / Math.sqrt(600), 12);
    // Observed agreement 0.7; expected (4*5 + 6*5) / 100 = 0.5; kappa = 0.2 / 0.5 = 0.4.
    expect(cohenKappa(counts)).toBeCloseTo(0.4, 12);
  });

  it('zero_division = 0 for a never-predicted or absent class, listed for notes', () => {
    const s = precisionRecallF1([[2, 0, 0], [1, 0, 0], [0, 0, 0]]);
    expect(s.neverPredicted).toEqual([1, 2]);
    expect(s.absent).toEqual([2]);
    expect(s.perClass[1]).toMatchObject({ precision: 0, recall: 0, f1: 0 });
    // Macro counts all 3 classes: precision (2/3 + 0 + 0) / 3.
    expect(s.macro.precision).toBeCloseTo(2 / 9, 12);
    expect(matthewsCorrelation([[2, 0], [1, 0]])).toBe(0);
    expect(cohenKappa([[3, 0], [0, 0]])).toBeNull();
  });
});
