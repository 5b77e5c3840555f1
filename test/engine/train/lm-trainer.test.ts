// The GPT training loop on the cpu backend: beats the unigram baseline, resumes exactly, stops, no leaks.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareCorpus, type PreparedCorpus } from '../../../src/engine/data/corpus-pipeline';
import { LmTrainer, type LmTrainConfig } from '../../../src/engine/train/lm-trainer';
import type { GptSpec } from '../../../src/engine/model/transformer-spec';
import { TrainConfigError } from '../../../src/engine/train/train-config';

const text = 'the quick brown fox jumps over the lazy dog\n'.repeat(60);
const config: LmTrainConfig = { epochs: 2, batchSize: 8, learningRate: 0.02, optimizer: 'adam', seed: 3, stepsPerEpoch: 20, validationWindows: 4 };
let corpus: PreparedCorpus;
let spec: GptSpec;

beforeAll(async () => {
  await tf.setBackend('cpu');
  corpus = await prepareCorpus(text);
  spec = { version: 2, kind: 'gpt', vocabSize: corpus.vocabSize, contextLength: 12, embedDim: 32, heads: 2, layers: 1, mlpDim: 64, dropout: 0, tieWeights: true };
});

const data = () => ({ trainIds: corpus.trainIds, validationIds: corpus.validationIds });

async function flatWeights(trainer: LmTrainer): Promise<Float32Array> {
  const snap = await trainer.snapshot();
  return Float32Array.from(snap.weights.flatMap((w) => Array.from(w.data)));
}

describe('LmTrainer', () => {
  it('gets validation loss clearly below the unigram baseline, in nats and bits per character, without leaking', async () => {
    const before = tf.memory().numTensors;
    const trainer = await LmTrainer.create(spec, config, data());
    const epochs: number[] = [];
    expect(await trainer.run({ onEpochEnd: (m) => { epochs.push(m.epoch); } })).toBe('completed');
    expect(epochs).toEqual([1, 2]);
    const last = trainer.history[1];
    // Unigram entropy of this sentence ≈ 4.2 bits per character; the sentence is deterministic after a few chars (measured: 4.44 → 0.34 bits in 40 steps).
    expect(corpus.baseline.bitsPerCharacter).toBeGreaterThan(4);
    expect(last.valBitsPerCharacter).toBeLessThan(0.25 * corpus.baseline.bitsPerCharacter);
    expect(last.valBitsPerCharacter).toBeCloseTo(last.valLoss / Math.LN2, 10);
    expect(last.optimizerStep).toBe(40);
    expect(trainer.history[0].valLoss).toBeGreaterThan(last.valLoss);
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 20_000);

  it('resumes from a snapshot to the same weights and history as an uninterrupted run', async () => {
    const short = { ...config, epochs: 2, stepsPerEpoch: 6 };
    const whole = await LmTrainer.create(spec, short, data());
    await whole.run();
    const expected = await flatWeights(whole);
    const expectedHistory = whole.history.map((m) => m.valLoss);
    whole.dispose();

    const first = await LmTrainer.create(spec, { ...short, epochs: 1 }, data());
    await first.run();
    const snapshot = await first.snapshot();
    first.dispose();
    const resumed = await LmTrainer.create(spec, short, data(), snapshot);
    expect(resumed.completedEpochs).toBe(1);
    expect(resumed.optimizerStep).toBe(6);
    await resumed.run();
    const actual = await flatWeights(resumed);
    expect(resumed.history.map((m) => m.epoch)).toEqual([1, 2]);
    resumed.history.forEach((m, i) => expect(m.valLoss).toBeCloseTo(expectedHistory[i], 5));
    let maxDiff = 0;
    for (let i = 0; i < expected.length; i++) maxDiff = Math.max(maxDiff, Math.abs(expected[i] - actual[i]));
    expect(maxDiff).toBeLessThan(1e-5);
    resumed.dispose();
  }, 20_000);

  it('stops within one step and seeds batches by epoch and step', async () => {
    const trainer = await LmTrainer.create(spec, config, data());
    let batches = 0;
    const outcome = await trainer.run({ shouldStop: () => batches >= 3, onBatch: () => { batches += 1; } });
    expect(outcome).toBe('stopped');
    expect(trainer.optimizerStep).toBe(3);
    expect(trainer.completedEpochs).toBe(0);
    expect([...trainer.batchWindows(1, 1)]).toEqual([...trainer.batchWindows(1, 1)]);
    expect([...trainer.batchWindows(1, 1)]).not.toEqual([...trainer.batchWindows(1, 2)]);
    const windows = trainer.batchWindows(2, 7);
    expect(windows.length).toBe(8);
    const windowCount = corpus.trainIds.length - 12;
    expect(windows.every((w) => w >= 0 && w < windowCount)).toBe(true);
    trainer.dispose();
  });

  it('refuses bad options and a stream shorter than one window', async () => {
    await expect(LmTrainer.create(spec, { ...config, stepsPerEpoch: 0 }, data())).rejects.toThrow(TrainConfigError);
    await expect(LmTrainer.create(spec, { ...config, learningRate: -1 }, data())).rejects.toThrow(TrainConfigError);
    const tiny = { trainIds: corpus.trainIds.slice(0, 10), validationIds: corpus.validationIds };
    await expect(LmTrainer.create(spec, config, tiny)).rejects.toThrow(/window needs 13/);
  });
});
