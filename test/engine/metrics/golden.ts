// Helpers for the metric golden tests: read a fixture written by scripts/make-fixtures/metrics-golden.py and
// compare numbers to 1e-6 (absolute near 0, relative for large values such as MAPE with a zero target).
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';

/** Default tolerance of the golden comparisons. */
export const GOLDEN_TOL = 1e-6;

/** Parsed JSON of test/fixtures/metrics/<name>.json. */
export function loadFixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../../fixtures/metrics/${name}.json`, import.meta.url), 'utf8')) as T;
}

/** Fails unless |actual - expected| <= tol * max(1, |expected|); nulls must match exactly. */
export function expectClose(actual: number | null | undefined, expected: number | null, what: string, tol = GOLDEN_TOL): void {
  if (expected === null) {
    expect(actual, what).toBeNull();
    return;
  }
  expect(typeof actual, `${what}: expected a number`).toBe('number');
  const diff = Math.abs((actual as number) - expected);
  expect(diff, `${what}: got ${actual}, expected ${expected}`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected)));
}

/** expectClose element by element, after checking the lengths agree. */
export function expectAllClose(actual: ArrayLike<number | null>, expected: ArrayLike<number | null>, what: string, tol = GOLDEN_TOL): void {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expectClose(actual[i], expected[i], `${what}[${i}]`, tol);
}

/** Shape of a classification fixture (see the script's header for how each value was made). */
export interface ClassificationFixture {
  name: string;
  n: number;
  k: number;
  yTrue: number[];
  probs: number[];
  accuracy: number;
  balancedAccuracy: number;
  topK: { k: number; value: number }[];
  confusion: { counts: number[][]; true: number[][]; pred: number[][]; all: number[][] };
  perClass: { precision: number[]; recall: number[]; f1: number[]; support: number[] };
  averages: Record<'micro' | 'macro' | 'weighted', { precision: number; recall: number; f1: number }>;
  matthews: number;
  kappa: number;
  logLoss: number;
  calibration: { bins: { count: number; accuracy: number | null; confidence: number | null }[]; ece: number };
  ranking: {
    perClass: {
      class: number; auc: number | null; ap: number | null;
      roc: { fpr: number[]; tpr: number[]; thresholds: (number | null)[] } | null;
      pr: { precision: number[]; recall: number[]; thresholds: number[] } | null;
    }[];
    aucMacro: number | null; aucWeighted: number | null; apMacro: number | null; apWeighted: number | null;
  };
  sklearnOvr?: { aucMacro: number; aucWeighted: number; apMacro: number; apWeighted: number };
}

/** Shape of a regression fixture. */
export interface RegressionFixture {
  name: string;
  yTrue: number[];
  yPred: number[];
  mse: number;
  rmse: number;
  mae: number;
  mape: number;
  r2: number;
}

export const CLASSIFICATION_FIXTURES = ['binary-ties', 'multiclass-edge', 'multiclass-clean'] as const;
export const REGRESSION_FIXTURES = ['regression', 'regression-zero'] as const;
