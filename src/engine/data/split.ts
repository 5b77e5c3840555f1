// Seeded train/validation/test assignment of rows and k-fold assignment, stratified by class for classification.
// Output codes: 0 = train, 1 = validation, 2 = test (the pipeline uses 255 for dropped rows).

import type { SplitFractions } from './prepare-types';
import { createRandom, shuffleInPlace } from '../random';

/** Split codes stored per row in an assignment array. */
export const SPLIT_TRAIN = 0;
export const SPLIT_VALIDATION = 1;
export const SPLIT_TEST = 2;
/** Assignment code of a row that belongs to no split (e.g. its target is missing). */
export const SPLIT_DROPPED = 255;

/**
 * Throws a RangeError unless every fraction is a finite number >= 0, train > 0 and the three sum to 1
 * (within 1e-6). Pure.
 */
export function validateSplitFractions(fractions: SplitFractions): void {
  const entries: [keyof SplitFractions, number][] = [
    ['train', fractions?.train],
    ['validation', fractions?.validation],
    ['test', fractions?.test],
  ];
  for (const [name, value] of entries) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new RangeError(
        `The ${name} split fraction must be a number between 0 and 1, got ${String(value)}; use e.g. 0.7 / 0.15 / 0.15.`,
      );
    }
  }
  if (fractions.train <= 0) {
    throw new RangeError('The train split fraction must be greater than 0: a model needs rows to learn from.');
  }
  const sum = fractions.train + fractions.validation + fractions.test;
  if (Math.abs(sum - 1) > 1e-6) {
    throw new RangeError(
      `The split fractions must sum to 1, but train ${fractions.train} + validation ${fractions.validation} + ` +
        `test ${fractions.test} = ${sum}; adjust them so they add up to 1.`,
    );
  }
}

/**
 * How many of `m` rows go to validation and test: rounded fractions; when m >= 3 every split with a
 * fraction > 0 gets at least one row; train always keeps the remainder and at least one row.
 */
function allocate(m: number, fractions: SplitFractions): { validation: number; test: number } {
  let validation = Math.round(m * fractions.validation);
  let test = Math.round(m * fractions.test);
  if (m >= 3) {
    if (fractions.validation > 0) validation = Math.max(1, validation);
    if (fractions.test > 0) test = Math.max(1, test);
  }
  // Give rows back to train, taking from the larger held-out split, never below the minimum above.
  const minVal = m >= 3 && fractions.validation > 0 ? 1 : 0;
  const minTest = m >= 3 && fractions.test > 0 ? 1 : 0;
  while (m - validation - test < 1 && (validation > minVal || test > minTest)) {
    if ((validation >= test && validation > minVal) || test <= minTest) validation--;
    else test--;
  }
  return { validation, test };
}

/** Writes split codes for the given row indices (already shuffled): train first, then validation, then test. */
function cut(indices: number[], fractions: SplitFractions, out: Uint8Array): void {
  const { validation, test } = allocate(indices.length, fractions);
  const train = indices.length - validation - test;
  for (let i = 0; i < indices.length; i++) {
    out[indices[i]] = i < train ? SPLIT_TRAIN : i < train + validation ? SPLIT_VALIDATION : SPLIT_TEST;
  }
}

/**
 * Assigns each row to a split. `labels[i]` is row i's class (classification) or anything (regression).
 * Stratified: each class's rows are shuffled and cut by rounded fractions (classes with >= 3 rows get
 * at least one row in every split whose fraction is > 0; train takes the remainder). Not stratified:
 * all rows are shuffled and cut the same way. Classes are told apart by value and type (`1` ≠ `'1'`).
 * Deterministic for a given (labels, fractions, seed, stratify).
 * Returns a Uint8Array of length labels.length with 0 = train, 1 = validation, 2 = test.
 */
export function assignSplits(
  labels: (string | number)[],
  fractions: SplitFractions,
  seed: number,
  stratify: boolean,
): Uint8Array {
  validateSplitFractions(fractions);
  const random = createRandom(seed);
  const out = new Uint8Array(labels.length);
  if (!stratify) {
    const all = Array.from({ length: labels.length }, (_, i) => i);
    cut(shuffleInPlace(all, random), fractions, out);
    return out;
  }
  // Map keeps first-appearance order, so the class order (and the random draws) depend only on the input.
  const groups = new Map<string | number, number[]>();
  labels.forEach((label, i) => {
    const group = groups.get(label);
    if (group) group.push(i);
    else groups.set(label, [i]);
  });
  for (const indices of groups.values()) {
    cut(shuffleInPlace(indices, random), fractions, out);
  }
  return out;
}

/** Most folds assignFolds gives (fold indices are stored in a Uint8Array). */
export const MAX_FOLDS = 255;

/**
 * Assigns each row to one of `k` folds for k-fold cross-validation. `labelsOrCount` is either the
 * per-row labels (class for stratification) or just the row count n. Rows are shuffled with
 * createRandom(seed) and dealt round-robin into folds 0..k-1; stratified, each class is shuffled and dealt
 * in turn, continuing the round-robin where the previous class stopped, so every fold gets its class
 * share within one row and fold sizes differ by at most one. Classes are told apart as in assignSplits
 * and visited in first-appearance order. Deterministic for (labels, k, seed, stratify).
 * Returns a Uint8Array of length n with fold indices. Throws RangeError unless k is an integer with
 * 2 <= k <= min(n, 255).
 */
export function assignFolds(labelsOrCount: readonly (string | number)[] | number, k: number, seed: number, stratify: boolean): Uint8Array {
  const n = typeof labelsOrCount === 'number' ? labelsOrCount : labelsOrCount.length;
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`The row count must be a whole number >= 0, got ${String(n)}.`);
  if (!Number.isInteger(k) || k < 2 || k > Math.min(n, MAX_FOLDS)) {
    throw new RangeError(`The number of folds must be a whole number from 2 to ${Math.min(n, MAX_FOLDS)} (at most one per row), got ${String(k)}.`);
  }
  const random = createRandom(seed);
  const out = new Uint8Array(n);
  const groups = new Map<string | number, number[]>();
  if (typeof labelsOrCount === 'number' || !stratify) groups.set(0, Array.from({ length: n }, (_, i) => i));
  else {
    labelsOrCount.forEach((label, i) => {
      const group = groups.get(label);
      if (group) group.push(i);
      else groups.set(label, [i]);
    });
  }
  let next = 0;
  for (const indices of groups.values()) {
    for (const i of shuffleInPlace(indices, random)) {
      out[i] = next;
      next = (next + 1) % k;
    }
  }
  return out;
}
