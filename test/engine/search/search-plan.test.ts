// The search plan: next work from the stored record (new trials up to the budget, ASHA promotions,
// pending trials passed on), objectives read from a run's history, best and ranked trials.
import { describe, expect, it } from 'vitest';
import { bestTrial, nextSearchWork, objectiveOf, rankedTrials, searchFinished } from '../../../src/engine/search/search-plan';
import type { SearchRecord, TrialRecord } from '../../../src/engine/storage/search-records';

function search(overrides: Partial<SearchRecord> = {}): SearchRecord {
  return {
    id: 's', datasetId: 'd', datasetName: 'd', name: 'S', createdAt: 0, updatedAt: 0, status: 'running',
    space: { version: 1, params: [{ kind: 'float', name: 'learningRate', min: 1e-4, max: 0.1, scale: 'log' }] },
    strategy: { kind: 'random' }, objective: 'val-loss', maxTrials: 3, parallel: 2, seed: 5,
    base: { model: { hiddenLayers: [8], activation: 'relu' }, config: { epochs: 9, batchSize: 16, learningRate: 0.01, optimizer: 'adam', seed: 1 } },
    trials: [], ...overrides,
  };
}
const trial = (index: number, rungValues: number[], status: TrialRecord['status'] = 'completed', targetEpochs = 9): TrialRecord =>
  ({ index, params: { learningRate: 0.001 * (index + 1) }, status, targetEpochs, rungValues, runId: `r${index}` });

describe('nextSearchWork', () => {
  it('proposes new trials with the full epochs until the budget is spent, deterministically', () => {
    const first = nextSearchWork(search());
    expect(first).toMatchObject({ kind: 'new', index: 0, epochs: 9 });
    expect(nextSearchWork(search())).toEqual(first);
    expect(nextSearchWork(search({ trials: [trial(0, [0.5]), trial(1, [0.4]), trial(2, [], 'running')] }))).toBeUndefined();
    expect(searchFinished(search({ trials: [trial(0, [0.5]), trial(1, [0.4]), trial(2, [], 'running')] }))).toBe(false);
    expect(searchFinished(search({ trials: [trial(0, [0.5]), trial(1, [0.4]), trial(2, [0.3])] }))).toBe(true);
  });

  it('under halving starts trials at the first rung and promotes the best of a full rung (accuracy: highest)', () => {
    const halving = { minEpochs: 1, maxEpochs: 9, eta: 3 };
    expect(nextSearchWork(search({ halving, maxTrials: 9 }))).toMatchObject({ kind: 'new', epochs: 1 });
    const rung0 = [trial(0, [0.7], 'completed', 1), trial(1, [0.9], 'completed', 1), trial(2, [0.8], 'completed', 1)];
    expect(nextSearchWork(search({ halving, maxTrials: 9, objective: 'val-accuracy', trials: rung0 }))).toEqual({ kind: 'continue', index: 1, epochs: 3 });
    expect(nextSearchWork(search({ halving, maxTrials: 9, objective: 'val-loss', trials: rung0 }))).toEqual({ kind: 'continue', index: 0, epochs: 3 });
  });
});

describe('objectives and rankings', () => {
  it('reads the last epoch and refuses missing or non-finite values', () => {
    const history = [{ epoch: 1, trainLoss: 1, valLoss: 0.9, valAccuracy: 0.5, optimizerStep: 1, durationMs: 1 }, { epoch: 2, trainLoss: 1, valLoss: 0.4, valAccuracy: 0.8, optimizerStep: 2, durationMs: 1 }];
    expect(objectiveOf('val-loss', history)).toBe(0.4);
    expect(objectiveOf('val-accuracy', history)).toBe(0.8);
    expect(objectiveOf('val-loss', [{ ...history[0], valLoss: Number.NaN }])).toBeUndefined();
    expect(objectiveOf('val-accuracy', [{ ...history[0], valAccuracy: undefined }])).toBeUndefined();
    expect(objectiveOf('val-loss', [])).toBeUndefined();
  });

  it('ranks trials that trained every epoch first, then by score in the objective’s direction', () => {
    const trials = [trial(0, [0.2], 'stopped-early', 3), trial(1, [0.5]), trial(2, [0.3]), trial(3, [], 'failed')];
    expect(rankedTrials(search({ trials })).map((t) => t.index)).toEqual([2, 1, 0]);
    expect(bestTrial(search({ trials }))?.index).toBe(2);
    expect(rankedTrials(search({ trials, objective: 'val-accuracy' })).map((t) => t.index)).toEqual([1, 2, 0]);
    expect(bestTrial(search({ trials: [] }))).toBeUndefined();
  });
});
