// The evaluation screen's cells: full reports fill every tile, records stored before the full report still
// render (their missing metrics read "—" with the reason), and nothing is ever written as NaN.
import { describe, expect, it } from 'vitest';
import type { EncodedSplit, FittedPipeline } from '../../src/engine/data/prepare-types';
import type { RunEvaluation } from '../../src/engine/storage/records';
import {
  classificationCells, classificationReportOf, formatValue, OLD_RECORD_REASON, regressionCells, regressionReportOf,
} from '../../src/components/evaluate/evaluation-view';
import { predictedVsActualSeries, prSeries, reliabilitySeries, residualSeries, rocSeries } from '../../src/components/evaluate/evaluation-plots';
import { evaluateOutputs } from '../../workers/evaluate-run';

const base: Omit<FittedPipeline, 'spec'> = { version: 2, encoders: [], featureNames: ['a'], droppedMissingTarget: 0, counts: { train: 0, validation: 0, test: 0 } };
const spec = (task: 'classification' | 'regression') => ({ version: 2 as const, targetColumn: 't', task, featureColumns: ['a'], split: { train: 0.7, validation: 0.15, test: 0.15 }, seed: 1 });
const split = (y: number[]): EncodedSplit => ({ x: new Float32Array(y.length), y: Float32Array.from(y), n: y.length, featureCount: 1 });

describe('formatValue', () => {
  it('writes a dash for null, undefined, NaN and Infinity', () => {
    for (const style of ['percent', 'score', 'number'] as const) {
      for (const value of [null, undefined, Number.NaN, Infinity, -Infinity]) expect(formatValue(value, style)).toBe('—');
    }
  });

  it('writes percentages, scores and plain numbers', () => {
    expect(formatValue(0.9731, 'percent')).toBe('97.3%');
    expect(formatValue(0.5, 'score')).toBe('0.500');
    expect(formatValue(12345.678, 'number')).toBe('12,345.7');
    expect(formatValue(3474.02, 'number')).toBe('3,474.0');
    expect(formatValue(0.123456, 'number')).toBe('0.1235');
    expect(formatValue(3, 'number')).toBe('3');
    expect(formatValue(2.5e-7, 'number')).toBe('2.50e-7');
  });
});

describe('classificationCells', () => {
  it('fills every tile from a full report', () => {
    const pipeline = { ...base, spec: spec('classification'), classes: ['a', 'b'] };
    const probs = Float32Array.from([0.9, 0.1, 0.2, 0.8, 0.6, 0.4, 0.3, 0.7]);
    const cells = classificationCells(evaluateOutputs(pipeline, split([0, 1, 1, 0]), probs));
    expect(cells.map((c) => c.id)).toContain('ece');
    expect(cells.every((c) => !c.missing && c.text !== '—' && !c.text.includes('NaN'))).toBe(true);
    expect(cells.find((c) => c.id === 'accuracy')?.text).toBe('50.0%');
    // Positive class scores 0.1 (neg), 0.8 (pos), 0.4 (pos), 0.7 (neg): 3 of the 4 (pos, neg) pairs ranked right.
    expect(cells.find((c) => c.id === 'roc-auc')?.text).toBe('0.750');
  });

  it('renders an old record: accuracy shown, the rest a dash with the reason', () => {
    const old: RunEvaluation = { task: 'classification', testCount: 30, accuracy: 0.9, classes: ['a', 'b'], confusion: [[14, 1], [2, 13]] };
    const cells = classificationCells(old);
    expect(cells[0]).toMatchObject({ id: 'accuracy', text: '90.0%', missing: false });
    for (const cell of cells.slice(1)) {
      expect(cell.text).toBe('—');
      expect(cell.title).toContain(OLD_RECORD_REASON);
    }
  });

  it('explains an undefined value of a full report', () => {
    const pipeline = { ...base, spec: spec('classification'), classes: ['a', 'b'] };
    // Only class 0 in the test split: ROC AUC is null.
    const cells = classificationCells(evaluateOutputs(pipeline, split([0, 0]), Float32Array.from([0.6, 0.4, 0.7, 0.3])));
    const auc = cells.find((c) => c.id === 'roc-auc');
    expect(auc).toMatchObject({ text: '—', missing: true });
    expect(auc?.title).toContain('only one class');
  });

  it('shows the problem of a diverged run on every tile', () => {
    const cells = classificationCells({ task: 'classification', testCount: 4, problem: 'The model produced NaN.' });
    expect(cells.every((c) => c.text === '—' && c.title.includes('The model produced NaN.'))).toBe(true);
  });
});

describe('regressionCells', () => {
  it('fills MAE, RMSE, MSE, MAPE and R² from a full report', () => {
    const pipeline = { ...base, spec: spec('regression'), targetScale: { mean: 100, std: 10 } };
    const cells = regressionCells(evaluateOutputs(pipeline, split([0, 1, -1]), Float32Array.from([0, 0.5, -1])), 'grams');
    expect(cells.map((c) => [c.id, c.text])).toEqual([['mae', '1.667'], ['rmse', '2.887'], ['mse', '8.333'], ['mape', '1.5%'], ['r2', '0.875']]);
    expect(cells[0].title).toContain('grams');
  });

  it('renders an old record with MAE and R² only', () => {
    const cells = regressionCells({ task: 'regression', testCount: 10, mae: 3.25, r2: 0.5 });
    expect(cells.filter((c) => !c.missing).map((c) => c.id)).toEqual(['mae', 'r2']);
  });
});

describe('evaluation plot series', () => {
  const pipeline = { ...base, spec: spec('classification'), classes: ['a', 'b'] };
  const report = classificationReportOf(evaluateOutputs(pipeline, split([0, 1, 1, 0]), Float32Array.from([0.9, 0.1, 0.2, 0.8, 0.6, 0.4, 0.3, 0.7])));
  if (!report) throw new Error('expected a classification report');

  it('draws the positive class ROC from (0, 0) to (1, 1) plus the chance line', () => {
    const [curve, chance] = rocSeries(report);
    expect(curve.label).toBe('b (positive class)');
    expect([curve.x[0], curve.y[0]]).toEqual([0, 0]);
    expect([curve.x[curve.x.length - 1], curve.y[curve.y.length - 1]]).toEqual([1, 1]);
    expect(chance).toMatchObject({ reference: true, x: [0, 1], y: [0, 1] });
  });

  it('puts the random-precision line of a binary PR plot at the share of positives', () => {
    expect(prSeries(report).at(-1)).toMatchObject({ reference: true, y: [0.5, 0.5] });
  });

  it('outlines one bar per non-empty reliability bin at its accuracy', () => {
    const [bars, dots] = reliabilitySeries(report);
    const used = report.calibration.bins.filter((b) => b.count > 0);
    expect(bars.x).toHaveLength(4 * used.length);
    expect(Array.from(bars.y).filter((_, i) => i % 4 === 1)).toEqual(used.map((b) => b.accuracy));
    expect(dots.x).toEqual(used.map((b) => b.confidence));
  });

  it('spans the y = x and zero lines over the regression data', () => {
    const reg = regressionReportOf(evaluateOutputs({ ...base, spec: spec('regression'), targetScale: { mean: 0, std: 1 } }, split([1, 5, 3]), Float32Array.from([2, 4, 7])));
    if (!reg) throw new Error('expected a regression report');
    expect(predictedVsActualSeries(reg)[1]).toMatchObject({ x: [1, 7], y: [1, 7] });
    expect(residualSeries(reg)[0].y).toEqual([-1, 1, -4]);
    expect(residualSeries(reg)[1]).toMatchObject({ x: [2, 7], y: [0, 0] });
  });
});
