// The trainer with version-2 model specs: a small CNN learns bar orientation from image rows (reshaped
// to [h, w, c]), a token RNN learns which sequences contain a token, L2 penalties shrink weights, and
// shapes that do not match the data are refused before training.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CnnSpec, MlpSpecV2, RnnSpec } from '../../../src/engine/model/model-spec';
import { Trainer } from '../../../src/engine/train/training-loop';
import type { TrainConfig } from '../../../src/engine/train/train-types';
import type { EncodedSplit } from '../../../src/engine/data/prepare-types';
import { createRandom } from '../../../src/engine/random';

const config: TrainConfig = { epochs: 8, batchSize: 16, learningRate: 0.01, optimizer: 'adam', seed: 5 };

/** 8x8 gray images: class 0 a vertical bar, class 1 a horizontal bar, at a random position, with noise. */
function bars(n: number, seed: number): EncodedSplit {
  const random = createRandom(seed);
  const x = new Float32Array(n * 64);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i += 1) {
    const cls = i % 2;
    const at = 1 + Math.floor(random() * 6);
    y[i] = cls;
    for (let p = 0; p < 64; p += 1) {
      const row = Math.floor(p / 8);
      const col = p % 8;
      x[i * 64 + p] = ((cls === 0 ? col : row) === at ? 1 : 0) + (random() - 0.5) * 0.2;
    }
  }
  return { x, y, n, featureCount: 64 };
}

/** Sequences of 6 token ids in 2..9 (as floats); class 1 when token 3 occurs. */
function sequences(n: number, seed: number): EncodedSplit {
  const random = createRandom(seed);
  const x = new Float32Array(n * 6);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i += 1) {
    const has = i % 2 === 1;
    for (let t = 0; t < 6; t += 1) {
      let id = 2 + Math.floor(random() * 8);
      if (!has && id === 3) id = 4;
      x[i * 6 + t] = id;
    }
    if (has) x[i * 6 + Math.floor(random() * 6)] = 3;
    y[i] = has ? 1 : 0;
  }
  return { x, y, n, featureCount: 6 };
}

const head = { task: 'classification' as const, outputSize: 2, kernelInitializer: 'glorotUniform' as const };

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('Trainer with version-2 model specs', () => {
  it('trains a small CNN on image rows reshaped to [h, w, c] and keeps the tensor count flat', async () => {
    const cnn: CnnSpec = {
      version: 2, kind: 'cnn', inputShape: [8, 8, 1], globalPooling: 'max', head: [], ...head,
      blocks: [{ type: 'conv', filters: 8, kernelSize: 3, stride: 1, padding: 'same', activation: 'relu', batchNorm: false, pool: 'none', poolSize: 2, dropout: 0 }],
    };
    const counts: number[] = [];
    const trainer = await Trainer.create(cnn, config, { train: bars(96, 1), validation: bars(32, 2) });
    await trainer.run({ onEpochEnd: () => { counts.push(tf.memory().numTensors); } });
    expect(trainer.history.at(-1)?.valAccuracy).toBeGreaterThan(0.9);
    expect(counts.at(-1)).toBe(counts[1]);
    const probabilities = await trainer.predict(bars(4, 3).x, 4);
    expect(probabilities).toHaveLength(8);
    trainer.dispose();
  });

  it('trains a GRU over token ids (cast to int32) to spot a token', async () => {
    const rnn: RnnSpec = {
      version: 2, kind: 'rnn', cell: 'gru', recurrentLayers: [16], bidirectional: false, dropout: 0, head: [], ...head,
      input: { type: 'tokens', vocabSize: 10, sequenceLength: 6, embeddingDim: 8, maskPadding: false },
    };
    const trainer = await Trainer.create(rnn, { ...config, epochs: 15, learningRate: 0.02 }, { train: sequences(160, 4), validation: sequences(40, 5) });
    await trainer.run();
    expect(trainer.history.at(-1)?.valAccuracy).toBeGreaterThan(0.9);
    trainer.dispose();
  });

  it('adds L2 penalties to the step: weights end smaller than without them', async () => {
    const mlp = (l2?: number): MlpSpecV2 => ({
      version: 2, kind: 'mlp', inputSize: 64, ...head,
      layers: [{ units: 16, activation: 'relu', normalization: 'none', dropout: 0, ...(l2 ? { l2 } : {}) }],
    });
    const norm = async (l2?: number) => {
      const trainer = await Trainer.create(mlp(l2), config, { train: bars(96, 1), validation: bars(32, 2) });
      await trainer.run();
      const kernel = (await trainer.snapshot()).weights[0].data;
      trainer.dispose();
      return Math.sqrt(kernel.reduce((s, v) => s + v * v, 0));
    };
    expect(await norm(0.05)).toBeLessThan(0.8 * (await norm()));
  });

  it('refuses data whose width does not match the model, without leaking the model', async () => {
    const before = tf.memory().numTensors;
    const cnn: CnnSpec = {
      version: 2, kind: 'cnn', inputShape: [4, 4, 1], globalPooling: 'avg', head: [], ...head,
      blocks: [{ type: 'conv', filters: 2, kernelSize: 3, stride: 1, padding: 'same', activation: 'relu', batchNorm: false, pool: 'none', poolSize: 2, dropout: 0 }],
    };
    await expect(Trainer.create(cnn, config, { train: bars(8, 1), validation: bars(4, 2) })).rejects.toThrow(/64 features but the model expects 16/);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('Trainer with a Transformer spec', () => {
  it('trains the attention classifier over token ids to spot a token', async () => {
    const spec = {
      version: 2 as const, kind: 'transformer' as const, vocabSize: 10, sequenceLength: 6, embedDim: 16, heads: 2, layers: 1,
      mlpDim: 32, dropout: 0, pooling: 'mean' as const, outputSize: 2, task: 'classification' as const,
    };
    const trainer = await Trainer.create(spec, { ...config, epochs: 12, learningRate: 0.01 }, { train: sequences(160, 4), validation: sequences(40, 5) });
    await trainer.run();
    expect(trainer.history.at(-1)?.valAccuracy).toBeGreaterThan(0.9);
    trainer.dispose();
  });
});

describe('resuming version-2 models from a snapshot', () => {
  it('continues a CNN with batch norm exactly: weights, moving statistics and Adam state', async () => {
    const cnn: CnnSpec = {
      version: 2, kind: 'cnn', inputShape: [8, 8, 1], globalPooling: 'avg', head: [], ...head,
      blocks: [{ type: 'conv', filters: 4, kernelSize: 3, stride: 1, padding: 'same', activation: 'relu', batchNorm: true, pool: 'max', poolSize: 2, dropout: 0 }],
    };
    const data = { train: bars(48, 1), validation: bars(16, 2) };
    const cfg = { ...config, epochs: 4 };
    const straight = await Trainer.create(cnn, cfg, data);
    await straight.run();
    const expected = (await straight.snapshot()).weights;
    straight.dispose();
    const first = await Trainer.create(cnn, { ...cfg, epochs: 2 }, data);
    await first.run();
    const snapshot = await first.snapshot();
    first.dispose();
    const resumed = await Trainer.create(cnn, cfg, data, snapshot);
    await resumed.run();
    const actual = (await resumed.snapshot()).weights;
    resumed.dispose();
    // Restored by position and shape (tfjs adds a per-build suffix to layer names).
    expect(actual.map((w) => w.shape)).toEqual(expected.map((w) => w.shape));
    expect(actual.some((w) => /moving_mean/.test(w.name))).toBe(true);
    actual.forEach((w, i) => w.data.forEach((v, k) => expect(Math.abs(v - expected[i].data[k])).toBeLessThan(1e-5)));
  });
});
