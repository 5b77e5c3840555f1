// Tests for summarizeRun: headline numbers read off hand-made histories, including diverged epochs.
import { describe, expect, it } from 'vitest';
import { finiteOrNull, summarizeRun } from '../../../src/engine/history/run-summary';
import { epochs, makeRun } from './history-fixtures';

describe('summarizeRun', () => {
  it('reads final and best values, test results and total time', () => {
    const run = makeRun('a', {
      note: 'first try',
      history: epochs([0.9, 0.5, 0.5, 0.7], [1, 0.8, 0.6, 0.4], [0.5, 0.7, 0.8, 0.75]),
      evaluation: { task: 'classification', testCount: 30, accuracy: 0.8 },
    });
    expect(summarizeRun(run)).toEqual({
      id: 'a', name: 'run a', note: 'first try', datasetId: 'd-pen', datasetName: 'penguins.csv', status: 'completed',
      createdAt: 1_700_000_000_000, modelKind: 'mlp', epochs: 4, plannedEpochs: 3,
      finalTrainLoss: 0.4, finalValLoss: 0.7,
      bestValLoss: 0.5, bestEpoch: 2, // the tie at epoch 3 keeps the earlier epoch
      finalTrainAccuracy: 0.76, finalValAccuracy: 0.75,
      testAccuracy: 0.8, testMae: null, testR2: null, trainingMs: 400,
    });
  });

  it('gives nulls for an empty history and skips non-finite losses', () => {
    const empty = summarizeRun(makeRun('e', { status: 'failed' }));
    expect(empty).toMatchObject({ epochs: 0, finalValLoss: null, bestValLoss: null, bestEpoch: null, finalValAccuracy: null, trainingMs: 0, note: '' });
    const diverged = summarizeRun(makeRun('d', { history: epochs([0.6, Number.NaN, Infinity]) }));
    expect(diverged).toMatchObject({ finalValLoss: null, bestValLoss: 0.6, bestEpoch: 1, finalTrainLoss: null, finalValAccuracy: null });
  });

  it('reports regression test metrics', () => {
    const s = summarizeRun(makeRun('r', { evaluation: { task: 'regression', testCount: 9, mae: 1.5, r2: 0.25 } }));
    expect([s.testAccuracy, s.testMae, s.testR2]).toEqual([null, 1.5, 0.25]);
  });

  it('finiteOrNull keeps finite numbers only', () => {
    expect([finiteOrNull(0), finiteOrNull(-2.5), finiteOrNull(NaN), finiteOrNull(-Infinity), finiteOrNull(undefined), finiteOrNull(null)])
      .toEqual([0, -2.5, null, null, null, null]);
  });
});
