// Training options the loop owns: every optimizer kind, schedules, clipping, gradient accumulation, early
// stopping with restored best weights (also across resume), and loading a checkpoint of the old tfjs optimizer.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MlpSpec } from '../../../src/engine/model/model-types';
import { Trainer } from '../../../src/engine/train/training-loop';
import type { TrainConfig } from '../../../src/engine/train/train-types';
import { TrainConfigError, validateTrainConfig } from '../../../src/engine/train/train-config';
import { upgradeOptimizerState } from '../../../src/engine/train/optimizer-state-compat';
import { OPTIMIZER_KINDS } from '../../../src/engine/optim/optimizer-spec';
import { blobs } from './synthetic-splits';

const classifier: MlpSpec = { version: 1, kind: 'mlp', inputSize: 4, hiddenLayers: [12], activation: 'relu', outputSize: 3, task: 'classification' };
const config: TrainConfig = { epochs: 4, batchSize: 16, learningRate: 0.05, optimizer: 'adam', seed: 3 };
const data = { train: blobs(90, 3, 4, 1), validation: blobs(30, 3, 4, 2) };

async function weightsOf(trainer: Trainer): Promise<Float32Array> {
  const snapshot = await trainer.snapshot();
  return Float32Array.from(snapshot.weights.flatMap((w) => Array.from(w.data)));
}

function maxDifference(a: Float32Array, b: Float32Array): number {
  return a.reduce((worst, v, i) => Math.max(worst, Math.abs(v - b[i])), 0);
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('optimizers in the loop', () => {
  it.each(OPTIMIZER_KINDS)('%s lowers the training loss', async (optimizer) => {
    const learningRate = optimizer === 'sgd' || optimizer === 'momentum' || optimizer === 'nesterov' || optimizer === 'adagrad' ? 0.1 : 0.02;
    const trainer = await Trainer.create(classifier, { ...config, optimizer, learningRate, epochs: 6 }, data);
    await trainer.run();
    expect(trainer.history[5].trainLoss).toBeLessThan(trainer.history[0].trainLoss * 0.7);
    trainer.dispose();
  });

  it('refuses an option the optimizer does not have, naming it', () => {
    expect(() => validateTrainConfig({ ...config, optimizer: 'sgd', optimizerOptions: { beta1: 0.9 } })).toThrow(TrainConfigError);
    expect(() => validateTrainConfig({ ...config, clipNorm: 0 })).toThrow(/clipping needs a norm above 0/);
    expect(() => validateTrainConfig({ ...config, accumulationSteps: 17 })).toThrow(/1 to 16 micro-batches/);
    expect(() => validateTrainConfig({ ...config, schedule: { kind: 'step', factor: -1 } })).toThrow(TrainConfigError);
  });
});

describe('schedules, clipping and accumulation', () => {
  it('follows a cosine schedule: the rate of the last epoch is near its minimum', async () => {
    const trainer = await Trainer.create(classifier, { ...config, epochs: 4, schedule: { kind: 'cosine', warmupSteps: 3, minLr: 0.001 } }, data);
    const seen: number[] = [];
    await trainer.run({ onBatch: (p) => { if (p.learningRate !== undefined) seen.push(p.learningRate); } });
    expect(seen[0]).toBeCloseTo(0.05 / 3, 6); // warmup: (0 + 1) / 3 of the base rate
    expect(Math.max(...seen)).toBeCloseTo(0.05, 6);
    expect(trainer.history[3].learningRate).toBeLessThan(0.005);
    trainer.dispose();
  });

  it('gradient accumulation over micro-batches gives the same weights as whole batches', async () => {
    const whole = await Trainer.create(classifier, { ...config, optimizer: 'sgd', learningRate: 0.1 }, data);
    await whole.run();
    const micro = await Trainer.create(classifier, { ...config, optimizer: 'sgd', learningRate: 0.1, accumulationSteps: 3 }, data);
    await micro.run();
    expect(maxDifference(await weightsOf(whole), await weightsOf(micro))).toBeLessThan(1e-5);
    whole.dispose();
    micro.dispose();
  });

  it('clipping by global norm limits each SGD step to learning rate × norm', async () => {
    const before = await Trainer.create(classifier, { ...config, epochs: 1, optimizer: 'sgd', learningRate: 1 }, data);
    const start = await weightsOf(before);
    before.dispose();
    const clipped = await Trainer.create(classifier, { ...config, epochs: 1, optimizer: 'sgd', learningRate: 1, clipNorm: 0.01 }, data);
    await clipped.run();
    const moved = await weightsOf(clipped);
    const distance = Math.sqrt(start.reduce((sum, v, i) => sum + (v - moved[i]) ** 2, 0));
    const steps = clipped.optimizerStep;
    expect(distance).toBeLessThanOrEqual(0.01 * steps + 1e-6);
    expect(distance).toBeGreaterThan(0);
    clipped.dispose();
  });
});

describe('early stopping', () => {
  const stopping: TrainConfig = {
    ...config, epochs: 40, learningRate: 0.3, optimizer: 'sgd',
    earlyStopping: { monitor: 'valLoss', mode: 'min', patience: 2, minDelta: 0.5, restoreBestWeights: true },
  };

  it('stops after `patience` epochs without improvement and restores the best epoch', async () => {
    const trainer = await Trainer.create(classifier, stopping, data);
    let restored: number | undefined;
    expect(await trainer.run({ onEarlyStop: (_, epoch) => { restored = epoch; } })).toBe('early-stopped');
    expect(trainer.history.length).toBeLessThan(40);
    const losses = trainer.history.map((m) => m.valLoss);
    const best = losses.indexOf(Math.min(...losses.slice(0, (restored ?? 1)))) + 1;
    expect(restored).toBe(best);
    // The restored weights score the best epoch's validation loss, not the last one's.
    const snapshot = await trainer.snapshot();
    expect(snapshot.earlyStopping?.stoppedEpoch).toBe(trainer.history.length);
    expect(snapshot.bestWeights?.length).toBe(snapshot.weights.length);
    snapshot.weights.forEach((w, i) => expect(Array.from(w.data)).toEqual(Array.from(snapshot.bestWeights![i].data)));
    trainer.dispose();
  });

  it('resuming a run that stopped early does not train again', async () => {
    const first = await Trainer.create(classifier, stopping, data);
    await first.run();
    const snapshot = await first.snapshot();
    first.dispose();
    const resumed = await Trainer.create(classifier, stopping, data, snapshot);
    expect(await resumed.run()).toBe('early-stopped');
    expect(resumed.history.length).toBe(snapshot.history.length);
    resumed.dispose();
  });
});

describe('checkpoints of the old tfjs optimizer', () => {
  it('interleaves tfjs Adam moments into the engine layout and refuses a mismatch', () => {
    const named = (name: string, v: number) => ({ name, shape: [1], data: Float32Array.of(v) });
    const old = [{ name: 'iter', shape: [], data: Float32Array.of(7) }, named('m0', 1), named('m1', 2), named('v0', 3), named('v1', 4)];
    const upgraded = upgradeOptimizerState('adam', old, 2);
    expect(upgraded.map((s) => s.data[0])).toEqual([7, 1, 3, 2, 4]);
    expect(upgraded[0].name).toBe('adam/step');
    expect(upgradeOptimizerState('sgd', [old[0]], 2).map((s) => s.name)).toEqual(['sgd/step']);
    expect(() => upgradeOptimizerState('adam', old, 3)).toThrow(/does not fit adam with 3 variables/);
  });

  it('a run checkpointed with tf.train.adam resumes with the same moments', async () => {
    // What an old checkpoint holds: tfjs Adam's getWeights() after training the same variables.
    const trainer = await Trainer.create(classifier, { ...config, epochs: 1 }, data);
    await trainer.run();
    const snapshot = await trainer.snapshot();
    expect(snapshot.optimizerWeights[1].data.some((v) => v !== 0)).toBe(true);
    const engineState = snapshot.optimizerWeights;
    const variables = engineState.length - 1;
    const tfjsLayout = [
      { name: 'iter', shape: [], data: engineState[0].data },
      ...Array.from({ length: variables / 2 }, (_, i) => engineState[1 + 2 * i]),
      ...Array.from({ length: variables / 2 }, (_, i) => engineState[2 + 2 * i]),
    ];
    const resumed = await Trainer.create(classifier, config, data, { ...snapshot, optimizerWeights: tfjsLayout });
    const again = await resumed.snapshot();
    again.optimizerWeights.forEach((s, i) => expect(Array.from(s.data)).toEqual(Array.from(engineState[i].data)));
    trainer.dispose();
    resumed.dispose();
  });
});
