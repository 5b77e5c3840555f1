// The training loop on the cpu backend: learning, no tensor leaks, exact resume, stop, NaN guard.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MlpSpec } from '../../../src/engine/model/model-types';
import { NonFiniteLossError, Trainer } from '../../../src/engine/train/training-loop';
import type { TrainConfig } from '../../../src/engine/train/train-types';
import { blobs, linear } from './synthetic-splits';

const classifier: MlpSpec = { version: 1, kind: 'mlp', inputSize: 4, hiddenLayers: [12], activation: 'relu', outputSize: 3, task: 'classification' };
const regressor: MlpSpec = { version: 1, kind: 'mlp', inputSize: 3, hiddenLayers: [16], activation: 'tanh', outputSize: 1, task: 'regression' };
const config: TrainConfig = { epochs: 4, batchSize: 16, learningRate: 0.05, optimizer: 'adam', seed: 3 };
const blobData = { train: blobs(90, 3, 4, 1), validation: blobs(30, 3, 4, 2) };

async function finalWeights(trainer: Trainer): Promise<number[]> {
  const snapshot = await trainer.snapshot();
  return snapshot.weights.flatMap((w) => Array.from(w.data));
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('Trainer', () => {
  it('learns separable blobs: loss falls and validation accuracy is high', async () => {
    const trainer = await Trainer.create(classifier, { ...config, epochs: 15 }, blobData);
    expect(await trainer.run()).toBe('completed');
    const h = trainer.history;
    expect(h).toHaveLength(15);
    expect(h[14].trainLoss).toBeLessThan(h[0].trainLoss / 3);
    expect(h[14].valAccuracy).toBeGreaterThan(0.95);
    expect(h[14].optimizerStep).toBe(15 * Math.ceil(90 / 16));
    trainer.dispose();
  });

  it('lowers the mean squared error of a regression', async () => {
    const trainer = await Trainer.create(regressor, { ...config, epochs: 20, learningRate: 0.02 }, { train: linear(120), validation: linear(40, 9) });
    await trainer.run();
    expect(trainer.history[19].valLoss).toBeLessThan(trainer.history[0].valLoss / 4);
    expect(trainer.history[0].valAccuracy).toBeUndefined();
    trainer.dispose();
  });

  it('keeps the tensor count flat across epochs and frees everything on dispose', async () => {
    const before = tf.memory().numTensors;
    const counts: number[] = [];
    const trainer = await Trainer.create(classifier, { ...config, epochs: 3 }, blobData);
    await trainer.run({ onEpochEnd: () => { counts.push(tf.memory().numTensors); }, onBatch: () => undefined });
    await trainer.snapshot();
    expect(counts[1]).toBe(counts[0]);
    expect(counts[2]).toBe(counts[0]);
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it.each(['adam', 'sgd'] as const)('resumes from a snapshot exactly (%s): same weights, steps and history', async (optimizer) => {
    const cfg = { ...config, optimizer };
    const straight = await Trainer.create(classifier, cfg, blobData);
    await straight.run();
    const expected = await finalWeights(straight);
    straight.dispose();

    const first = await Trainer.create(classifier, { ...cfg, epochs: 2 }, blobData);
    await first.run();
    const snapshot = await first.snapshot();
    first.dispose();
    expect(snapshot.completedEpochs).toBe(2);

    const resumed = await Trainer.create(classifier, cfg, blobData, snapshot);
    expect(resumed.completedEpochs).toBe(2);
    expect(resumed.optimizerStep).toBe(snapshot.optimizerStep);
    await resumed.run();
    const actual = await finalWeights(resumed);
    expect(resumed.history.map((m) => m.epoch)).toEqual([1, 2, 3, 4]);
    expect(resumed.optimizerStep).toBe(2 * snapshot.optimizerStep);
    resumed.dispose();
    expect(actual).toHaveLength(expected.length);
    actual.forEach((v, i) => expect(Math.abs(v - expected[i])).toBeLessThan(1e-6));
  });

  it('stops within one batch when asked', async () => {
    let batches = 0;
    const trainer = await Trainer.create(classifier, { ...config, epochs: 50 }, blobData);
    const outcome = await trainer.run({ onBatch: () => { batches += 1; }, shouldStop: () => batches >= 3 });
    expect(outcome).toBe('stopped');
    expect(trainer.optimizerStep).toBe(3);
    expect(trainer.completedEpochs).toBe(0);
    trainer.dispose();
  });

  it('stops with NonFiniteLossError when the loss explodes', async () => {
    const trainer = await Trainer.create(regressor, { ...config, optimizer: 'sgd', learningRate: 10, epochs: 30 },
      { train: { ...linear(64), y: linear(64).y.map((v) => v * 1e18) }, validation: linear(16, 5) });
    await expect(trainer.run()).rejects.toBeInstanceOf(NonFiniteLossError);
    trainer.dispose();
  });

  it('is deterministic for a seed and differs for another seed', async () => {
    const weightsFor = async (seed: number) => {
      const trainer = await Trainer.create(classifier, { ...config, epochs: 2, seed }, blobData);
      await trainer.run();
      const weights = await finalWeights(trainer);
      trainer.dispose();
      return weights;
    };
    expect(await weightsFor(11)).toEqual(await weightsFor(11));
    expect(await weightsFor(11)).not.toEqual(await weightsFor(12));
  });

  it('refuses data whose width does not match the model', async () => {
    await expect(Trainer.create({ ...classifier, inputSize: 5 }, config, blobData)).rejects.toThrow(/4 features but the model expects 5/);
  });
});
