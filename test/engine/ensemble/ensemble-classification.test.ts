// The ensembling correctness test on classification: members that err independently are beaten by their
// average and their vote; fitted weights follow member quality; stacking is at least as good as the best member.
import { describe, expect, it } from 'vitest';
import { combinePredictions, fitEnsemble } from '../../../src/engine/ensemble/ensemble';
import type { EnsembleSpec, MemberPredictions } from '../../../src/engine/ensemble/ensemble-types';
import { accuracy, argmaxRows } from '../../../src/engine/metrics/classification';
import { logLoss } from '../../../src/engine/metrics/probability-metrics';
import { makeClassificationSplits } from './synthetic-members';

const CLASSES = 4;
const VALIDATION_ROWS = 600;
const TEST_ROWS = 2000;

/** Test-split accuracy of a probability matrix (the metric suite's own accuracy and arg-max). */
function testAccuracy(p: MemberPredictions, labels: Int32Array): number {
  if (p.task !== 'classification') throw new Error('expected classification predictions');
  return accuracy(labels, argmaxRows(p.probs, labels.length, p.classes));
}

function testLogLoss(p: MemberPredictions, labels: Int32Array): number {
  if (p.task !== 'classification') throw new Error('expected classification predictions');
  return logLoss(labels, p.probs, labels.length, p.classes);
}

/** Fits on the validation split, predicts the test split. */
function ensembleOnTest(spec: EnsembleSpec, splits: ReturnType<typeof makeClassificationSplits>) {
  const fitted = fitEnsemble(spec, splits.validation);
  return { fitted, predictions: combinePredictions(fitted, splits.test.members) };
}

describe('ensembles of members with independent errors', () => {
  // Five members, each right on a row with probability 0.7 independently of the others.
  const splits = makeClassificationSplits([0.7, 0.7, 0.7, 0.7, 0.7], CLASSES, VALIDATION_ROWS, TEST_ROWS, 2024);
  const memberAccuracies = splits.test.members.map((m) => testAccuracy(m, splits.test.labels));
  const best = Math.max(...memberAccuracies);

  it('builds members as specified (about 0.7 accurate each), so the comparisons below mean something', () => {
    for (const a of memberAccuracies) {
      expect(a).toBeGreaterThan(0.62);
      expect(a).toBeLessThan(0.78);
    }
  });

  it('averaging and voting beat the best member on the test split', () => {
    const average = testAccuracy(ensembleOnTest({ method: 'average', seed: 1 }, splits).predictions, splits.test.labels);
    const vote = testAccuracy(ensembleOnTest({ method: 'vote', seed: 1 }, splits).predictions, splits.test.labels);
    // With independent errors a majority of five 0.7-accurate voters is right ~84 % of the time (more with
    // wrong votes split over three classes), so a margin of 0.05 is far from chance.
    expect(average).toBeGreaterThan(best + 0.05);
    expect(vote).toBeGreaterThan(best + 0.05);
  });

  it('stacking (logistic and MLP) is at least as good as the best member on the test split', () => {
    for (const metaLearner of ['logistic', 'mlp'] as const) {
      const { fitted, predictions } = ensembleOnTest({ method: 'stacking', metaLearner, seed: 7 }, splits);
      expect(fitted.meta?.kind).toBe(metaLearner);
      expect(testAccuracy(predictions, splits.test.labels), metaLearner).toBeGreaterThanOrEqual(best);
      const bestMemberLoss = Math.min(...splits.test.members.map((m) => testLogLoss(m, splits.test.labels)));
      expect(testLogLoss(predictions, splits.test.labels), metaLearner).toBeLessThan(bestMemberLoss);
    }
  });
});

describe('weighted averaging', () => {
  // Members 0-2 are ordinary, member 3 is deliberately better, member 4 is pure noise.
  const splits = makeClassificationSplits([0.65, 0.65, 0.65, 0.85, null], CLASSES, VALIDATION_ROWS, TEST_ROWS, 77);
  const { fitted, predictions } = ensembleOnTest({ method: 'weighted', seed: 1 }, splits);
  const weights = fitted.weights!;

  it('gives non-negative weights that sum to 1', () => {
    expect(weights).toHaveLength(5);
    for (const w of weights) expect(w).toBeGreaterThanOrEqual(0);
    expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('puts the most weight on the better member and almost none on the noise member', () => {
    for (const m of [0, 1, 2]) expect(weights[3]).toBeGreaterThan(weights[m] * 1.5);
    expect(weights[4]).toBeLessThan(0.02);
    expect(weights[4]).toBeLessThan(Math.min(...weights.slice(0, 4)) / 5);
  });

  it('fits weights that lower the validation log loss below the plain average, and does well on test', () => {
    const info = fitted.fitInfo!;
    expect(info['ensemble.logLoss']).toBeLessThan(info['uniform.logLoss']);
    const average = combinePredictions(fitEnsemble({ method: 'average', seed: 1 }, splits.validation), splits.test.members);
    expect(testLogLoss(predictions, splits.test.labels)).toBeLessThan(testLogLoss(average, splits.test.labels));
    const best = Math.max(...splits.test.members.map((m) => testAccuracy(m, splits.test.labels)));
    expect(testAccuracy(predictions, splits.test.labels)).toBeGreaterThanOrEqual(best);
  });
});

describe('stacking with many classes', () => {
  it('switches to the shared logistic model (one weight per member) and still beats the best member', () => {
    // 900 rows × (10 members × 12 classes) × 12 classes = 1.3 M multiply-adds per pass: above FULL_LOGISTIC_BUDGET.
    const splits = makeClassificationSplits(new Array(10).fill(0.5), 12, 900, 1000, 5);
    const { fitted, predictions } = ensembleOnTest({ method: 'stacking', seed: 2 }, splits);
    expect(fitted.meta?.kind === 'logistic' && fitted.meta.structure).toBe('shared');
    expect(fitted.meta?.kind === 'logistic' && fitted.meta.weights).toHaveLength(10);
    const best = Math.max(...splits.test.members.map((m) => testAccuracy(m, splits.test.labels)));
    expect(testAccuracy(predictions, splits.test.labels)).toBeGreaterThan(best + 0.2);
  });
});
