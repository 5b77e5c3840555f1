// Tests for the seeded, optionally stratified train/validation/test assignment.
import { describe, expect, it } from 'vitest';
import { assignFolds, assignSplits, validateSplitFractions } from '../../../src/engine/data/split';

const F = { train: 0.7, validation: 0.15, test: 0.15 };

function countBy(assignment: Uint8Array, labels: (string | number)[], label: string | number): number[] {
  const c = [0, 0, 0];
  assignment.forEach((s, i) => {
    if (labels[i] === label) c[s]++;
  });
  return c;
}

describe('assignSplits', () => {
  // Three classes of sizes 50, 30, 7, interleaved so that row order carries no class blocks.
  const labels: string[] = [];
  for (let i = 0; i < 50; i++) labels.push('a');
  for (let i = 0; i < 30; i++) labels.splice((i * 7) % labels.length, 0, 'b');
  for (let i = 0; i < 7; i++) labels.splice((i * 11) % labels.length, 0, 'c');

  it('is deterministic for equal seeds and differs for different seeds', () => {
    expect(assignSplits(labels, F, 42, true)).toEqual(assignSplits(labels, F, 42, true));
    expect(assignSplits(labels, F, 42, true)).not.toEqual(assignSplits(labels, F, 43, true));
    expect(assignSplits(labels, F, 5, false)).toEqual(assignSplits(labels, F, 5, false));
    expect(assignSplits(labels, F, 5, false)).not.toEqual(assignSplits(labels, F, 6, false));
  });

  it('keeps each class proportion within one row per split when stratified', () => {
    const assignment = assignSplits(labels, F, 42, true);
    expect(assignment.length).toBe(labels.length);
    for (const cls of ['a', 'b', 'c']) {
      const m = labels.filter((l) => l === cls).length;
      const c = countBy(assignment, labels, cls);
      expect(c[0] + c[1] + c[2]).toBe(m);
      expect(Math.abs(c[0] - m * F.train)).toBeLessThanOrEqual(1);
      expect(Math.abs(c[1] - m * F.validation)).toBeLessThanOrEqual(1);
      expect(Math.abs(c[2] - m * F.test)).toBeLessThanOrEqual(1);
    }
    // Class 'c' (7 rows): 7 * 0.15 = 1.05 -> 1 row each in validation and test, 5 in train.
    expect(countBy(assignment, labels, 'c')).toEqual([5, 1, 1]);
  });

  it('gives a class with at least 3 rows a row in every split with a positive fraction', () => {
    const small = ['x', 'x', 'x', 'y', 'y', 'y', 'y', 'y', 'y', 'y', 'y', 'y', 'y'];
    const assignment = assignSplits(small, { train: 0.9, validation: 0.05, test: 0.05 }, 1, true);
    // 3 * 0.05 rounds to 0, but the minimum of one row per split applies: x -> [1, 1, 1].
    expect(countBy(assignment, small, 'x')).toEqual([1, 1, 1]);
    expect(countBy(assignment, small, 'y')[1]).toBeGreaterThanOrEqual(1);
    // Tiny classes (< 3 rows) stay in train.
    const tiny = ['p', 'p', 'q', 'q', 'q', 'q', 'q', 'q'];
    expect(countBy(assignSplits(tiny, F, 3, true), tiny, 'p')).toEqual([2, 0, 0]);
  });

  it('keeps train non-empty even with large held-out fractions', () => {
    const four = [1, 1, 1, 1];
    // round(4 * 0.5) = 2 and round(4 * 0.4) = 2 would leave train empty; one row goes back to train.
    const c = countBy(assignSplits(four, { train: 0.1, validation: 0.5, test: 0.4 }, 9, true), four, 1);
    expect(c[0]).toBeGreaterThanOrEqual(1);
    expect(c[1]).toBeGreaterThanOrEqual(1);
    expect(c[2]).toBeGreaterThanOrEqual(1);
  });

  it('cuts shuffled rows by rounded fractions when not stratified', () => {
    const values = Array.from({ length: 100 }, (_, i) => i * 0.5);
    const assignment = assignSplits(values, F, 11, false);
    const c = [0, 0, 0];
    assignment.forEach((s) => c[s]++);
    expect(c).toEqual([70, 15, 15]);
    // Shuffled: the test rows are not simply the last 15.
    expect(Array.from(assignment.slice(85))).not.toEqual(new Array(15).fill(2));
  });

  it('supports zero validation or test fractions and empty input', () => {
    const labels2 = Array.from({ length: 20 }, (_, i) => i % 2);
    const a = assignSplits(labels2, { train: 0.8, validation: 0, test: 0.2 }, 1, true);
    expect(a.includes(1)).toBe(false);
    expect(a.filter((s) => s === 2).length).toBe(4);
    expect(assignSplits([], F, 1, true).length).toBe(0);
  });

  it('tells labels apart by value and type', () => {
    const mixed: (string | number)[] = [1, 1, 1, '1', '1', '1'];
    const a = assignSplits(mixed, { train: 0.34, validation: 0.33, test: 0.33 }, 2, true);
    expect(countBy(a, mixed, 1)).toEqual([1, 1, 1]);
    expect(countBy(a, mixed, '1')).toEqual([1, 1, 1]);
  });
});

describe('validateSplitFractions', () => {
  it('accepts valid fractions', () => {
    expect(() => validateSplitFractions(F)).not.toThrow();
    expect(() => validateSplitFractions({ train: 1, validation: 0, test: 0 })).not.toThrow();
    expect(() => validateSplitFractions({ train: 0.7, validation: 0.2, test: 0.1 + 5e-7 })).not.toThrow();
  });

  it('rejects negative, non-finite, zero-train and non-unit-sum fractions with clear messages', () => {
    expect(() => validateSplitFractions({ train: 1.2, validation: -0.2, test: 0 })).toThrow(/validation split fraction/);
    expect(() => validateSplitFractions({ train: 0.7, validation: 0.15, test: Number.NaN })).toThrow(/test split fraction/);
    expect(() => validateSplitFractions({ train: 0, validation: 0.5, test: 0.5 })).toThrow(/train split fraction must be greater than 0/);
    expect(() => validateSplitFractions({ train: 0.7, validation: 0.2, test: 0.2 })).toThrow(/sum to 1/);
    expect(() => assignSplits(['a', 'b'], { train: 0.5, validation: 0.1, test: 0.1 }, 1, true)).toThrow(RangeError);
  });
});

describe('assignFolds', () => {
  // 60 'a', 30 'b', 7 'c' rows, interleaved.
  const labels = Array.from({ length: 97 }, (_, i) => (i % 97 < 60 ? 'a' : i < 90 ? 'b' : 'c')).map((l, i, all) => all[(i * 37) % 97] ?? l);

  it('puts every row in exactly one fold, with fold sizes within one row', () => {
    const folds = assignFolds(labels, 5, 7, true);
    expect(folds.length).toBe(97);
    const sizes = [0, 0, 0, 0, 0];
    folds.forEach((f) => sizes[f]++);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(97);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    expect(Array.from(assignFolds(10, 3, 1, false)).every((f) => f >= 0 && f < 3)).toBe(true);
  });

  it('keeps each fold’s class shares close to the overall shares when stratified', () => {
    const folds = assignFolds(labels, 5, 7, true);
    for (const cls of ['a', 'b', 'c']) {
      const m = labels.filter((l) => l === cls).length;
      for (let f = 0; f < 5; f++) {
        const inFold = labels.filter((l, i) => l === cls && folds[i] === f).length;
        expect(Math.abs(inFold - m / 5), `${cls} in fold ${f}`).toBeLessThan(1);
      }
    }
  });

  it('is seeded, accepts a row count, and validates k', () => {
    expect(assignFolds(labels, 4, 3, true)).toEqual(assignFolds(labels, 4, 3, true));
    expect(assignFolds(labels, 4, 3, true)).not.toEqual(assignFolds(labels, 4, 4, true));
    expect(assignFolds(97, 4, 3, false)).toEqual(assignFolds(labels, 4, 3, false));
    expect(() => assignFolds(5, 1, 0, false)).toThrow(/from 2 to 5/);
    expect(() => assignFolds(5, 6, 0, false)).toThrow(RangeError);
    expect(() => assignFolds(labels, 2.5, 0, true)).toThrow(RangeError);
  });
});
