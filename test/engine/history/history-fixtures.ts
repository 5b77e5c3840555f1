// Small hand-made run records for the history tests: known histories, so expected summaries,
// orders and CSV lines can be written down by hand.
import type { FittedPipeline } from '../../../src/engine/data/prepare-types';
import type { RunRecord } from '../../../src/engine/storage/records';
import type { EpochMetrics } from '../../../src/engine/train/train-types';

/** Epoch e (1-based) of a curve: losses and accuracies given per epoch, 10 steps and 100 ms each. */
export function epochs(valLoss: number[], trainLoss = valLoss.map((v) => v + 0.1), valAccuracy?: number[]): EpochMetrics[] {
  return valLoss.map((v, i) => ({
    epoch: i + 1,
    trainLoss: trainLoss[i],
    valLoss: v,
    ...(valAccuracy ? { trainAccuracy: valAccuracy[i] + 0.01, valAccuracy: valAccuracy[i] } : {}),
    optimizerStep: (i + 1) * 10,
    durationMs: 100,
  }));
}

export function makeRun(id: string, overrides: Partial<RunRecord> = {}): RunRecord {
  return {
    id,
    datasetId: 'd-pen',
    datasetName: 'penguins.csv',
    name: `run ${id}`,
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
    status: 'completed',
    modelSpec: { version: 1, kind: 'mlp', inputSize: 2, hiddenLayers: [3], activation: 'relu', outputSize: 2, task: 'classification' },
    trainConfig: { epochs: 3, batchSize: 16, learningRate: 0.01, optimizer: 'adam', seed: 7 },
    pipeline: { version: 1, featureNames: ['a', 'b'] } as unknown as FittedPipeline,
    history: [],
    ...overrides,
  };
}
