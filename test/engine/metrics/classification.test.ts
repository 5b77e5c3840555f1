// Tests for argmaxRows, accuracy and confusionMatrix against hand-computed values.
import { describe, expect, it } from 'vitest';
import { accuracy, argmaxRows, confusionMatrix } from '../../../src/engine/metrics/classification';

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
