// classificationReport: golden values through the report, and the edge cases (empty input, one class,
// a class never predicted, a class absent, tied scores, a probability of 0), checked by hand.
import { describe, expect, it } from 'vitest';
import { classificationReport } from '../../../src/engine/metrics/classification-report';
import { LOG_LOSS_EPS, logLoss } from '../../../src/engine/metrics/probability-metrics';
import { averagePrecision, precisionRecallCurve, rocAuc, rocCurve } from '../../../src/engine/metrics/ranking-curves';
import { type ClassificationFixture, expectClose, loadFixture } from './golden';

// Every number anywhere in a record; the report must never hold NaN.
function numbersIn(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (Array.isArray(value)) return value.flatMap(numbersIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(numbersIn);
  return [];
}

function reportOf(f: ClassificationFixture, maxCurvePoints?: number) {
  return classificationReport(Int32Array.from(f.yTrue), Float32Array.from(f.probs), f.n, f.k, undefined, { maxCurvePoints });
}

describe('classificationReport on the golden fixtures', () => {
  it('binary with ties: headline values match scikit-learn, curves are downsampled with endpoints kept', () => {
    const f = loadFixture<ClassificationFixture>('binary-ties');
    const r = reportOf(f, 8);
    expectClose(r.accuracy, f.accuracy, 'accuracy');
    expectClose(r.rocAuc, f.ranking.perClass[0].auc, 'binary auc');
    expectClose(r.averagePrecision, f.ranking.perClass[0].ap, 'binary ap');
    expectClose(r.logLoss, f.logLoss, 'log loss');
    expectClose(r.calibration.ece, f.calibration.ece, 'ece');
    expect(r.topK).toEqual([]);
    expect(r.rocCurves.map((c) => c.classIndex)).toEqual([1]);
    const points = r.rocCurves[0].points;
    expect(points.length).toBe(8);
    expect(points[0]).toMatchObject({ fpr: 0, tpr: 0, threshold: Infinity });
    expect(points[7]).toMatchObject({ fpr: 1, tpr: 1 });
    // The scores were rounded to steps of 0.05, so some are exactly 0 or 1 (and so is their complement).
    const extremes = f.probs.filter((p) => p === 0 || p === 1).length;
    expect(extremes).toBeGreaterThan(0);
    expect(r.notes.join(' ')).toContain(`Log loss: ${extremes} probabilities of exactly 0 or 1 were clipped`);
  });

  it('4 classes: never-predicted and absent classes get zeros, nulls and notes; averages over present classes', () => {
    const f = loadFixture<ClassificationFixture>('multiclass-edge');
    const r = classificationReport(Int32Array.from(f.yTrue), Float32Array.from(f.probs), f.n, f.k, ['ant', 'bee', 'cat', 'dog']);
    expect(r.perClass[3]).toMatchObject({ name: 'dog', predicted: 0, precision: 0 });
    expect(r.perClass[2]).toMatchObject({ name: 'cat', support: 0, recall: 0, f1: 0, rocAuc: null, averagePrecision: null });
    expect(r.notes.join(' ')).toMatch(/Never predicted: "dog"\. Their precision is 0\/0 and shown as 0/);
    expect(r.notes.join(' ')).toMatch(/Not in the test split: "cat"\./);
    expectClose(r.rocAuc, f.ranking.aucMacro, 'auc macro');
    expectClose(r.rocAucWeighted, f.ranking.aucWeighted, 'auc weighted');
    expectClose(r.averagePrecisionWeighted, f.ranking.apWeighted, 'ap weighted');
    expectClose(r.macro.f1, f.averages.macro.f1, 'macro f1');
    expectClose(r.balancedAccuracy, f.balancedAccuracy, 'balanced accuracy');
    expect(r.topK.map((t) => t.k)).toEqual([2, 3]);
    expect(r.rocCurves.map((c) => c.name)).toEqual(['ant', 'bee', 'dog']);
    expect(numbersIn(r).some(Number.isNaN)).toBe(false);
    // Plain data: survives a structured clone unchanged (Infinity thresholds included).
    expect(structuredClone(r)).toEqual(r);
  });
});

describe('classification edge cases', () => {
  it('empty input throws the empty-split input error saying what to do', () => {
    const call = () => classificationReport(new Int32Array(0), new Float32Array(0), 0, 3);
    expect(call).toThrow(expect.objectContaining({ code: 'empty-split' }));
    expect(call).toThrow(/no rows to score; the split is empty, so give it a larger fraction or add data/);
  });

  it('rejects mismatched shapes, names and labels', () => {
    expect(() => classificationReport([0, 1], [0.5, 0.5, 0.5], 2, 2)).toThrow(/expected 2 x 2 = 4 probabilities, got 3/);
    expect(() => classificationReport([0, 2], [1, 0, 0, 1], 2, 2)).toThrow(/true label 2 at row 1/);
    expect(() => classificationReport([0], [1, 0], 1, 2, ['a'])).toThrow(/1 class names for k=2/);
    expect(() => classificationReport([0], [Number.NaN, 0], 1, 2)).toThrow(/non-finite probability/);
  });

  it('a single class in the test split: AUC and AP null with a note, MCC 0, kappa null when predictions agree', () => {
    // All true labels 0; predictions: rows 0-2 -> class 0, so everything is one class.
    const r = classificationReport([0, 0, 0], [0.9, 0.1, 0.8, 0.2, 0.6, 0.4], 3, 2);
    expect(r.accuracy).toBe(1);
    expect(r.rocAuc).toBeNull();
    expect(r.averagePrecision).toBeNull();
    expect(r.rocCurves).toEqual([]);
    expect(r.matthews).toBe(0);
    expect(r.kappa).toBeNull();
    const notes = r.notes.join(' ');
    expect(notes).toMatch(/Only one class occurs in the test split/);
    expect(notes).toMatch(/Cohen's kappa is undefined/);
    expect(notes).toMatch(/Matthews correlation is 0\/0/);
    expect(numbersIn(r).some(Number.isNaN)).toBe(false);
  });

  it('ROC and PR treat tied scores as one step (hand-computed)', () => {
    // y = [0, 0, 1, 1], scores [0.1, 0.4, 0.4, 0.8]. Steps: 0.8 -> tp 1 fp 0; 0.4 -> tp 2 fp 1; 0.1 -> tp 2 fp 2.
    const y = [0, 0, 1, 1];
    const s = [0.1, 0.4, 0.4, 0.8];
    expect(rocCurve(y, s)).toEqual([
      { fpr: 0, tpr: 0, threshold: Infinity },
      { fpr: 0, tpr: 0.5, threshold: 0.8 },
      { fpr: 0.5, tpr: 1, threshold: 0.4 },
      { fpr: 1, tpr: 1, threshold: 0.1 },
    ]);
    // Pairs (pos, neg) ranked right: 3 of 4, plus a tie counted as a half -> 3.5 / 4.
    expect(rocAuc(y, s)).toBeCloseTo(0.875, 12);
    expect(precisionRecallCurve(y, s)?.map((p) => [p.recall, p.precision])).toEqual([[0, 1], [0.5, 1], [1, 2 / 3], [1, 0.5]]);
    // 0.5 * 1 + 0.5 * 2/3 + 0 * 0.5 = 5/6.
    expect(averagePrecision(y, s)).toBeCloseTo(5 / 6, 12);
    expect(rocAuc([1, 1], [0.2, 0.3])).toBeNull();
    expect(() => rocAuc([0, 1], [0.2, Number.NaN])).toThrow(/not finite/);
  });

  it('log loss clips a probability of 0 on the true class to float64 eps, as scikit-learn', () => {
    // Row [0, 1] with true class 0: clipped to [eps, 1 - eps], which sums to 1, so the loss is -ln(eps) ~ 36.04.
    expect(logLoss([0], [0, 1], 1, 2)).toBeCloseTo(-Math.log(LOG_LOSS_EPS), 12);
    expect(-Math.log(LOG_LOSS_EPS)).toBeCloseTo(36.04365338911715, 12);
    // Rows are renormalised after clipping: [0.2, 0.6] -> 0.25, 0.75; mean of -ln 0.25 and -ln 0.75.
    expect(logLoss([0, 1], [0.2, 0.6, 0.2, 0.6], 2, 2)).toBeCloseTo((-Math.log(0.25) - Math.log(0.75)) / 2, 12);
  });
});
