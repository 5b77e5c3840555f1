// Tests for compareRuns (rows, best marks, ties, dropped empty rows) and overlayCurves (epoch alignment).
import { describe, expect, it } from 'vitest';
import { compareRuns, overlayCurves } from '../../../src/engine/history/run-compare';
import { epochs, makeRun } from './history-fixtures';

const a = makeRun('a', { name: 'small lr', history: epochs([0.8, 0.6], [0.9, 0.7], [0.6, 0.7]), evaluation: { task: 'classification', testCount: 10, accuracy: 0.7 } });
const b = makeRun('b', {
  name: 'big lr',
  trainConfig: { epochs: 3, batchSize: 16, learningRate: 0.1, optimizer: 'sgd', seed: 7 },
  history: epochs([0.5, 0.4, 0.45], [0.6, 0.5, 0.4], [0.8, 0.9, 0.7]),
  evaluation: { task: 'classification', testCount: 10, accuracy: 0.9 },
});

describe('compareRuns', () => {
  const table = compareRuns([a, b]);
  const row = (key: string) => table.rows.find((r) => r.key === key);

  it('lists the runs in order and one value per run per row', () => {
    expect(table.runs).toEqual([{ id: 'a', name: 'small lr', datasetName: 'penguins.csv' }, { id: 'b', name: 'big lr', datasetName: 'penguins.csv' }]);
    expect(row('learningRate')?.values).toEqual([0.01, 0.1]);
    expect(row('optimizer')?.values).toEqual(['adam', 'sgd']);
    expect(row('epochs')?.values).toEqual([2, 3]);
    expect(row('bestValLoss')?.values).toEqual([0.6, 0.4]);
    expect(row('bestEpoch')?.values).toEqual([2, 2]);
    expect(row('trainingSeconds')?.values).toEqual([0.2, 0.3]);
  });

  it('marks the better value by direction and nothing on settings rows', () => {
    expect(row('finalValLoss')?.best).toEqual([1]); // 0.45 < 0.6
    expect(row('finalTrainLoss')?.best).toEqual([1]); // 0.4 < 0.7
    expect(row('finalValAccuracy')?.best).toEqual([0, 1]); // both end at 0.7: a tie marks both
    expect(row('trainingSeconds')?.best).toEqual([0]);
    expect(row('testAccuracy')?.best).toEqual([1]);
    expect(row('learningRate')?.best).toEqual([]);
    expect(row('learningRate')?.better).toBeUndefined();
  });

  it('drops rows no run has, and marks nothing with a single value', () => {
    expect(row('testMae')).toBeUndefined();
    const single = compareRuns([a, makeRun('c', { evaluation: { task: 'regression', testCount: 3, mae: 2 } })]);
    expect(single.rows.find((r) => r.key === 'testMae')?.values).toEqual([null, 2]);
    expect(single.rows.find((r) => r.key === 'testMae')?.best).toEqual([]);
    expect(compareRuns([]).rows.filter((r) => r.values.length)).toEqual([]);
  });
});

describe('overlayCurves', () => {
  it('aligns runs of different lengths on the union of epochs, null-padded', () => {
    const curves = overlayCurves([a, b], ['valLoss', 'valAccuracy']);
    expect(curves.epochs).toEqual([1, 2, 3]);
    expect(curves.series.map((s) => `${s.runId}:${s.metric}`)).toEqual(['a:valLoss', 'b:valLoss', 'a:valAccuracy', 'b:valAccuracy']);
    expect(curves.series[0].values).toEqual([0.8, 0.6, null]);
    expect(curves.series[1].values).toEqual([0.5, 0.4, 0.45]);
    expect(curves.series[3].runName).toBe('big lr');
  });

  it('leaves out series with no finite value and nulls non-finite points', () => {
    const regression = makeRun('r', { history: epochs([1, Number.NaN]) });
    const curves = overlayCurves([regression, a], ['valLoss', 'trainAccuracy']);
    expect(curves.series.map((s) => `${s.runId}:${s.metric}`)).toEqual(['r:valLoss', 'a:valLoss', 'a:trainAccuracy']);
    expect(curves.series[0].values).toEqual([1, null]);
    expect(overlayCurves([], ['valLoss'])).toEqual({ epochs: [], series: [] });
  });
});
