// Class balance of a classification target and the imbalance rule; pure functions over value counts.
import type { ClassCount, ClassImbalance } from './quality-types';
import { rankValues } from './column-quality';

/**
 * A class is "small" below this many rows: with fewer than 5 examples a stratified split leaves at
 * most one or two in validation and test, and its metrics mean little.
 */
export const MIN_CLASS_ROWS = 5;
/** Classes are imbalanced when the smallest has fewer than 10% of the largest's rows. */
export const MIN_CLASS_RATIO = 0.1;

/**
 * Every class with its count and share of the rows that have a target, most frequent first (ties in
 * first-seen order). `counts` maps trimmed label → rows (missing labels already left out).
 */
export function computeClassCounts(counts: ReadonlyMap<string, number>): ClassCount[] {
  let total = 0;
  for (const n of counts.values()) total += n;
  return rankValues(counts, counts.size).map(({ value, count }) => ({ label: value, count, share: count / total }));
}

/**
 * The imbalance finding for classes sorted most frequent first, or undefined for fewer than 2 classes.
 * Imbalanced when smallest/largest < MIN_CLASS_RATIO or the smallest class has < MIN_CLASS_ROWS rows.
 */
export function assessImbalance(classes: readonly ClassCount[]): ClassImbalance | undefined {
  if (classes.length < 2) return undefined;
  const largest = classes[0];
  const smallest = classes[classes.length - 1];
  const ratio = smallest.count / largest.count;
  return {
    smallest: { ...smallest },
    largest: { ...largest },
    ratio,
    imbalanced: ratio < MIN_CLASS_RATIO || smallest.count < MIN_CLASS_ROWS,
  };
}
