// Test-split evaluation: known model outputs give the report fields, the legacy summary fields, the worst rows
// in the right order, target-unit regression errors, previews, and a stored `problem` instead of a throw.
import { describe, expect, it } from 'vitest';
import type { EncodedSplit, FittedPipeline } from '../../src/engine/data/prepare-types';
import type { ClassificationReport } from '../../src/engine/metrics/classification-report';
import type { RegressionReport } from '../../src/engine/metrics/regression-report';
import { createRandom } from '../../src/engine/random';
import { evaluateOutputs, evaluateTestSplit, worstClassified, worstPredicted } from '../../workers/evaluate-run';

function pipeline(task: 'classification' | 'regression', extra: Partial<FittedPipeline>): FittedPipeline {
  return {
    version: 2,
    spec: { version: 2, targetColumn: 't', task, featureColumns: ['a'], split: { train: 0.7, validation: 0.15, test: 0.15 }, seed: 1 },
    encoders: [], featureNames: ['a'], droppedMissingTarget: 0, counts: { train: 0, validation: 0, test: 0 }, ...extra,
  };
}

function split(y: number[]): EncodedSplit {
  return { x: new Float32Array(y.length), y: Float32Array.from(y), n: y.length, featureCount: 1 };
}

// Three classes, four rows: rows 0 and 2 right, rows 1 and 3 wrong (both predicted "a").
const PROBS = Float32Array.from([0.7, 0.2, 0.1, 0.6, 0.3, 0.1, 0.1, 0.1, 0.8, 0.5, 0.4, 0.1]);
const LABELS = [0, 1, 2, 2];
const classifier = pipeline('classification', { classes: ['a', 'b', 'c'] });

describe('evaluateOutputs for classification', () => {
  const evaluation = evaluateOutputs(classifier, split(LABELS), PROBS);
  const report = evaluation.report as ClassificationReport;

  it('keeps the legacy fields and adds the full report', () => {
    expect(evaluation).toMatchObject({ task: 'classification', testCount: 4, classes: ['a', 'b', 'c'], accuracy: 0.5 });
    expect(evaluation.confusion).toEqual([[1, 0, 0], [1, 0, 0], [1, 0, 1]]);
    expect(report.accuracy).toBe(0.5);
    expect(report.classNames).toEqual(['a', 'b', 'c']);
    // Mean of -ln p(true class), by hand.
    const logLoss = -(Math.log(0.7) + Math.log(0.3) + Math.log(0.8) + Math.log(0.1)) / 4;
    expect(report.logLoss).toBeCloseTo(logLoss, 6);
    expect(report.perClass.map((c) => c.support)).toEqual([1, 1, 2]);
    expect(report.notes.join(' ')).toContain('Never predicted: "b"');
  });

  it('lists every row (fewer than 10) by the lowest probability on the true class', () => {
    expect(evaluation.worst?.map((w) => w.row)).toEqual([3, 1, 0, 2]);
    const first = evaluation.worst?.[0];
    expect(first).toMatchObject({ kind: 'class', row: 3, trueClass: 2, predictedClass: 0 });
    if (first?.kind !== 'class') throw new Error('expected a classified example');
    expect(first.probabilities.map((p) => Number(p.toFixed(4)))).toEqual([0.5, 0.4, 0.1]);
  });

  it('survives a structured clone unchanged (it is stored in IndexedDB)', () => {
    expect(structuredClone(evaluation)).toEqual(evaluation);
  });

  it('attaches row previews when the caller can give them', () => {
    const withText = evaluateOutputs(classifier, split(LABELS), PROBS, { rowPreview: (row) => (row === 1 ? undefined : `row ${row}`), worstCount: 2 });
    expect(withText.worst).toEqual([
      expect.objectContaining({ row: 3, preview: 'row 3' }),
      expect.not.objectContaining({ preview: expect.anything() }),
    ]);
  });
});

describe('evaluateOutputs for regression', () => {
  // targetScale mean 10, std 2: actual 10, 12, 8, 11; predicted 10, 10, 10, 12 (errors 0, 2, 2, 1).
  const regressor = pipeline('regression', { targetScale: { mean: 10, std: 2 } });
  const evaluation = evaluateOutputs(regressor, split([0, 1, -1, 0.5]), Float32Array.from([0, 0, 0, 1]));
  const report = evaluation.report as RegressionReport;

  it('reports errors in target units', () => {
    expect(evaluation.mae).toBeCloseTo(1.25, 6);
    expect(report.mse).toBeCloseTo(2.25, 6);
    expect(report.rmse).toBeCloseTo(1.5, 6);
    // R² = 1 - SSres / SStot: mean 10.25, SStot = 0.0625 + 3.0625 + 5.0625 + 0.5625 = 8.75.
    expect(evaluation.r2).toBeCloseTo(1 - 9 / 8.75, 6);
    expect(report.points.map((p) => p.actual)).toEqual([10, 12, 8, 11]);
  });

  it('lists the largest absolute errors first, ties by row', () => {
    expect(evaluation.worst?.map((w) => w.row)).toEqual([1, 2, 3, 0]);
    expect(evaluation.worst?.[0]).toEqual({ kind: 'value', row: 1, actual: 12, predicted: 10 });
  });
});

describe('evaluateTestSplit', () => {
  it('is undefined for an empty test split and never calls the model', async () => {
    const trainer = { predict: async () => { throw new Error('should not predict'); } };
    expect(await evaluateTestSplit(trainer, classifier, split([]))).toBeUndefined();
  });

  it('asks the model once and evaluates its outputs', async () => {
    let calls = 0;
    const trainer = { predict: async (_x: Float32Array, n: number) => { calls++; expect(n).toBe(4); return PROBS; } };
    const evaluation = await evaluateTestSplit(trainer, classifier, split(LABELS));
    expect(calls).toBe(1);
    expect(evaluation?.accuracy).toBe(0.5);
  });

  it('stores a problem instead of throwing when the model diverged', async () => {
    const nan = Float32Array.from(PROBS, (v, i) => (i === 4 ? Number.NaN : v));
    const evaluation = await evaluateTestSplit({ predict: async () => nan }, classifier, split(LABELS));
    expect(evaluation).toEqual({ task: 'classification', testCount: 4, problem: expect.stringContaining('NaN') });
    expect(evaluation?.report).toBeUndefined();
  });

  it('downsamples long curves for storage', () => {
    const random = createRandom(7);
    const n = 2000;
    const labels = Array.from({ length: n }, (_, i) => i % 2);
    const probs = new Float32Array(n * 2);
    for (let i = 0; i < n; i++) {
      const p = Math.min(0.999, Math.max(0.001, 0.5 + (labels[i] ? 0.2 : -0.2) + (random() - 0.5) * 0.8));
      probs[i * 2] = 1 - p;
      probs[i * 2 + 1] = p;
    }
    const report = evaluateOutputs(pipeline('classification', { classes: ['no', 'yes'] }), split(labels), probs).report as ClassificationReport;
    expect(report.rocCurves).toHaveLength(1);
    expect(report.rocCurves[0].points.length).toBeLessThanOrEqual(200);
    expect(report.rocCurves[0].points.length).toBeGreaterThan(50);
    expect(report.prCurves[0].points.length).toBeLessThanOrEqual(200);
  });
});

describe('worst example helpers', () => {
  it('worstClassified breaks ties by row and picks the first arg-max', () => {
    const probs = [0.5, 0.5, 0.5, 0.5, 0.9, 0.1];
    expect(worstClassified([1, 1, 0], probs, 3, 2, 3).map((w) => [w.row, w.predictedClass])).toEqual([[0, 0], [1, 0], [2, 0]]);
  });

  it('worstPredicted keeps at most count rows', () => {
    expect(worstPredicted([1, 2, 3], [1, 0, 3.5], 2).map((w) => w.row)).toEqual([1, 2]);
    expect(worstPredicted([1], [1], 0)).toEqual([]);
  });
});
