// Training-time augmentation: batches change only when asked, mixup gives soft targets that still
// learn, image specs are refused for tables, and a resumed augmented run equals an uninterrupted one.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { augmentTrainingBatch, isAugmenting, validateAugmentation } from '../../../src/engine/train/batch-augment';
import type { MlpSpec } from '../../../src/engine/model/model-types';
import { Trainer } from '../../../src/engine/train/training-loop';
import type { TrainConfig } from '../../../src/engine/train/train-types';
import { blobs, linear } from './synthetic-splits';

const classifier: MlpSpec = { version: 1, kind: 'mlp', inputSize: 4, hiddenLayers: [12], activation: 'relu', outputSize: 3, task: 'classification' };
const tableContext = { task: 'classification' as const, classCount: 3, featureCount: 4 };

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('augmentTrainingBatch', () => {
  const x = Float32Array.from({ length: 8 }, (_, i) => i);
  const y = Float32Array.from([0, 2]);

  it('is off unless an option is set, and then returns the batch unchanged', () => {
    expect(isAugmenting(undefined)).toBe(false);
    expect(isAugmenting({ featureNoiseStd: 0 })).toBe(false);
    expect(isAugmenting({ mixupAlpha: 0.2 })).toBe(true);
    expect(augmentTrainingBatch({}, tableContext, x, y, 2, 1)).toEqual({ x, y });
  });

  it('adds seeded feature noise and mixes rows with soft targets that sum to 1', () => {
    const noisy = augmentTrainingBatch({ featureNoiseStd: 0.5 }, tableContext, x, y, 2, 1);
    expect(noisy.x).not.toEqual(x);
    expect(augmentTrainingBatch({ featureNoiseStd: 0.5 }, tableContext, x, y, 2, 1).x).toEqual(noisy.x);
    const mixed = augmentTrainingBatch({ mixupAlpha: 1 }, tableContext, x, y, 2, 5);
    const soft = mixed.softTargets ?? new Float32Array();
    expect(soft).toHaveLength(6);
    expect(soft[0] + soft[1] + soft[2]).toBeCloseTo(1, 6);
    expect(soft[1]).toBe(0); // neither row is class 1
    // Row 0 is lambda*row0 + (1-lambda)*partner: its target weight on class 0 says how much of itself is left.
    const lambda0 = soft[0] === 1 || soft[2] === 1 ? 1 : soft[0];
    expect(mixed.x[0]).toBeCloseTo(lambda0 * 0 + (1 - lambda0) * 4, 4);
  });

  it('mixes regression targets directly and refuses image options for a table', () => {
    const regression = augmentTrainingBatch({ mixupAlpha: 1 }, { task: 'regression', classCount: 1, featureCount: 4 }, x, Float32Array.from([10, 20]), 2, 5);
    expect(regression.softTargets).toBeUndefined();
    expect(regression.y[0]).toBeGreaterThanOrEqual(10);
    expect(regression.y[0]).toBeLessThanOrEqual(20);
    expect(() => validateAugmentation({ image: { horizontalFlip: { probability: 0.5 } } }, tableContext)).toThrow(/image datasets only/);
    expect(() => validateAugmentation({ mixupAlpha: -1 }, tableContext)).toThrow(/alpha/);
    expect(() => validateAugmentation({ mixupAlpha: 0.2 }, { ...tableContext, tokenIds: true })).toThrow(/token ids/);
    expect(() => validateAugmentation({ featureNoiseStd: 0.1 }, { ...tableContext, tokenIds: true })).toThrow(/token ids/);
  });

  it('augments standardized image features in pixel space and standardizes them again', () => {
    // Pixels 0 and 1 standardized with mean 0.5, std 0.5 are -1 and 1; brightness +0.5 clamps 1 -> 1 and 0 -> 0.5.
    const features = Float32Array.from([-1, 1]);
    const out = augmentTrainingBatch({ image: { brightness: { min: 0.5, max: 0.5 } } },
      { task: 'classification', classCount: 2, featureCount: 2, image: { shape: [1, 2, 1], mean: [0.5], std: [0.5] } }, features, Float32Array.from([0]), 1, 3);
    expect(Array.from(out.x)).toEqual([0, 1]);
  });

  it('deletes tokens from bag-of-tokens counts by binomial thinning, leaving other features alone', () => {
    const context = { task: 'classification' as const, classCount: 2, featureCount: 3, tokenCountColumns: [1, 2] };
    const n = 2000;
    const x = new Float32Array(n * 3);
    for (let i = 0; i < n; i += 1) x.set([0.5, 10, 0], i * 3);
    const out = augmentTrainingBatch({ tokenDeletion: 0.3 }, context, x, new Float32Array(n), n, 9).x;
    let kept = 0;
    for (let i = 0; i < n; i += 1) {
      expect(out[i * 3]).toBe(0.5);
      expect(out[i * 3 + 2]).toBe(0);
      expect(Number.isInteger(out[i * 3 + 1]) && out[i * 3 + 1] <= 10).toBe(true);
      kept += out[i * 3 + 1];
    }
    // Binomial(10, 0.7) has mean 7 and std sqrt(2.1); the mean of 2000 draws is within 0.15 of 7 with overwhelming odds.
    expect(Math.abs(kept / n - 7)).toBeLessThan(0.15);
    expect(() => validateAugmentation({ tokenDeletion: 0.2 }, tableContext)).toThrow(/text features/);
    expect(() => validateAugmentation({ tokenDeletion: 1 }, context)).toThrow(/probability/);
  });

  it('flips image batches when asked', () => {
    const image = Float32Array.from([0, 1, 0, 1]); // 1 image, 2x2 gray: columns 0 and 1
    const flipped = augmentTrainingBatch({ image: { horizontalFlip: { probability: 1 } } },
      { task: 'classification', classCount: 2, featureCount: 4, image: { shape: [2, 2, 1], mean: [0], std: [1] } }, image, Float32Array.from([0]), 1, 3);
    expect(Array.from(flipped.x)).toEqual([1, 0, 1, 0]);
  });
});

describe('Trainer with augmentation', () => {
  const data = { train: blobs(90, 3, 4, 1), validation: blobs(30, 3, 4, 2) };
  const config: TrainConfig = { epochs: 12, batchSize: 16, learningRate: 0.05, optimizer: 'adam', seed: 3, augmentation: { mixupAlpha: 0.4, featureNoiseStd: 0.1 } };

  it('still learns the blobs with mixup and noise', async () => {
    const trainer = await Trainer.create(classifier, config, data);
    await trainer.run();
    expect(trainer.history.at(-1)?.valAccuracy).toBeGreaterThan(0.9);
    trainer.dispose();
  });

  it('resumes an augmented run exactly (augmentation is seeded by the optimizer step)', async () => {
    const cfg = { ...config, epochs: 4 };
    const straight = await Trainer.create(classifier, cfg, data);
    await straight.run();
    const expected = (await straight.snapshot()).weights.flatMap((w) => Array.from(w.data));
    straight.dispose();
    const first = await Trainer.create(classifier, { ...cfg, epochs: 2 }, data);
    await first.run();
    const snapshot = await first.snapshot();
    first.dispose();
    const resumed = await Trainer.create(classifier, cfg, data, snapshot);
    await resumed.run();
    const actual = (await resumed.snapshot()).weights.flatMap((w) => Array.from(w.data));
    resumed.dispose();
    actual.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 6));
  });

  it('refuses image augmentation for tabular data before building the model', async () => {
    await expect(Trainer.create(classifier, { ...config, augmentation: { image: { rotation: { maxDegrees: 10 } } } }, data)).rejects.toThrow(/image datasets only/);
    const regressor: MlpSpec = { ...classifier, inputSize: 3, outputSize: 1, task: 'regression' };
    const trainer = await Trainer.create(regressor, { ...config, epochs: 3 }, { train: linear(60), validation: linear(20, 9) });
    await trainer.run();
    expect(Number.isFinite(trainer.history.at(-1)?.valLoss)).toBe(true);
    trainer.dispose();
  });
});
