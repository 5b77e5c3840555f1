// The Train panel's model choice on a prepared dataset: presets take the input shape from the pipeline
// (image pixels as [h, w, c], token ids of a token-sequence column), refuse data they are not made for,
// the size summary comes back, and text models (LSTM, Transformer) train on a separable set of texts.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDataApi } from '../../workers/data-api';
import { createDbOpener } from '../../workers/open-db';
import { createTrainApi } from '../../workers/train-api';
import { resolveModelSpec } from '../../workers/model-choice';
import type { PrepareSpec } from '../../src/engine/data/prepare-types';
import { vocabularySize } from '../../src/engine/text/tokenizer';
import type { ImageDecoder } from '../../src/engine/data/image-import';
import { pngHeader } from '../engine/image/header-fixtures';
import { writeZip } from '../engine/archive/zip-writer';

const fakeDecoder: ImageDecoder = async (_bytes, header, shape) => {
  const pixels = new Uint8Array(shape.width * shape.height * shape.channels);
  // Bright left half for wide images, bright top half for tall ones: a pattern a conv net can use.
  for (let p = 0; p < shape.width * shape.height; p += 1) {
    const x = p % shape.width;
    const y = Math.floor(p / shape.width);
    pixels[p] = (header.width > header.height ? x < shape.width / 2 : y < shape.height / 2) ? 220 : 20;
  }
  return pixels;
};

const blob = (bytes: Uint8Array | string) => new Blob([bytes as BlobPart]);
beforeAll(async () => {
  await tf.setBackend('cpu');
});

async function preparedImages() {
  const dbName = `webtrain-test-${crypto.randomUUID()}`;
  const data = createDataApi({ db: createDbOpener(dbName), decodeImage: fakeDecoder });
  const entries = Array.from({ length: 32 }, (_, i) => {
    const wide = i % 2 === 0;
    return { name: `${wide ? 'wide' : 'tall'}/${i}.png`, data: pngHeader({ width: wide ? 9 : 5, height: wide ? 5 : 9, colorType: 0 }) };
  });
  const imported = await data.importFiles([{ file: blob(writeZip(entries)), path: ['shapes.zip'] }], { imageSize: 16 });
  if (!imported.ok) throw new Error(imported.problem.message);
  const spec = await data.suggestPrepareSpec(imported.value.id);
  const prepared = await data.prepareDataset(imported.value.id, spec!);
  if (!prepared.ok) throw new Error(prepared.problem.message);
  const train = createTrainApi({ db: createDbOpener(dbName), selectBackend: async () => ({ name: 'cpu', reason: 'tests' }) });
  return { data, train, datasetId: imported.value.id };
}

describe('model choice', () => {
  it('builds a LeNet-like CNN on the stored image shape, reports its size, and trains it', async () => {
    const { train, datasetId } = await preparedImages();
    const described = await train.describeModel(datasetId, { preset: 'lenet-cnn' }, 8);
    expect(described.ok).toBe(true);
    if (!described.ok) return;
    expect(described.value.spec).toMatchObject({ version: 2, kind: 'cnn', inputShape: [16, 16, 1], outputSize: 2 });
    expect(described.value.summary?.totalParameters).toBeGreaterThan(1000);
    expect(described.value.summary?.memory.batchSize).toBe(8);
    const run = await train.startRun({ datasetId, model: { preset: 'lenet-cnn' }, config: { epochs: 4, batchSize: 8, learningRate: 0.01, optimizer: 'adam', seed: 1 } }, () => undefined);
    expect(run.ok && run.value.status).toBe('completed');
    if (run.ok) expect(run.value.modelSpec).toMatchObject({ kind: 'cnn' });
  });

  it('refuses a preset made for other data, and reports the first MLP by its parameters', async () => {
    const { train, datasetId } = await preparedImages();
    const wrong = await train.describeModel(datasetId, { preset: 'tabular-mlp' }, 8);
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.problem.message).toMatch(/for tables/);
    const mlp = await train.describeModel(datasetId, { hiddenLayers: [4], activation: 'relu' }, 8);
    expect(mlp.ok && mlp.value.spec).toMatchObject({ version: 1, inputSize: 256, hiddenLayers: [4], outputSize: 2 });
  });
});

const FILLER = ['the', 'movie', 'was', 'really', 'quite', 'film', 'plot', 'story'];

/**
 * 80 short reviews: five filler words (a fixed walk through FILLER) with 'great' (label pos) or 'awful'
 * (label neg) inserted at a position that varies by row, so only that one word separates the classes.
 */
function reviewsCsv(extraColumn = false): string {
  const lines = [extraColumn ? 'text,stars,label' : 'text,label'];
  for (let i = 0; i < 80; i += 1) {
    const words = Array.from({ length: 5 }, (_, k) => FILLER[(i * 3 + k * 5 + (i >> 3)) % FILLER.length]);
    const pos = i % 2 === 0;
    words.splice(i % 6, 0, pos ? 'great' : 'awful');
    lines.push(`${words.join(' ')} ${i},${extraColumn ? `${i % 5},` : ''}${pos ? 'pos' : 'neg'}`);
  }
  return lines.join('\n') + '\n';
}

async function preparedTexts(extraColumn = false) {
  const dbName = `webtrain-test-${crypto.randomUUID()}`;
  const data = createDataApi({ db: createDbOpener(dbName) });
  const imported = await data.importFiles([{ file: blob(reviewsCsv(extraColumn)), path: ['reviews.csv'] }]);
  if (!imported.ok) throw new Error(imported.problem.message);
  const spec: PrepareSpec = {
    version: 2, targetColumn: 'label', task: 'classification', featureColumns: extraColumn ? ['text', 'stars'] : ['text'],
    split: { train: 0.7, validation: 0.15, test: 0.15 }, seed: 5, cleaning: [],
    encodings: [{ column: 'text', encoding: { kind: 'token-sequence', length: 'auto', minCount: 1, vocabSize: 64 } }],
  };
  const prepared = await data.prepareDataset(imported.value.id, spec);
  if (!prepared.ok) throw new Error(prepared.problem.message);
  const train = createTrainApi({ db: createDbOpener(dbName), selectBackend: async () => ({ name: 'cpu', reason: 'tests' }) });
  return { train, datasetId: imported.value.id, pipeline: prepared.value };
}

describe('text model choice (token-sequence column)', () => {
  it('sizes LSTM, GRU and Transformer to the vocabulary and length of the fitted token sequence', async () => {
    const { pipeline } = await preparedTexts();
    const encoder = pipeline.encoders[0];
    if (encoder.kind !== 'token-sequence') throw new Error('expected a token sequence');
    // Each text is 5 fillers + 1 class word + the row number: 7 tokens, so the 95th percentile is 7.
    expect(encoder.length).toBe(7);
    expect(pipeline.featureNames).toEqual(Array.from({ length: 7 }, (_, i) => `text@${i}`));
    const vocabSize = vocabularySize(encoder.tokenizer);
    expect(vocabSize).toBeLessThanOrEqual(64);
    for (const preset of ['lstm-text', 'gru-text'] as const) {
      expect(resolveModelSpec({ preset }, pipeline)).toMatchObject({
        version: 2, kind: 'rnn', input: { type: 'tokens', vocabSize, sequenceLength: 7 }, outputSize: 2, task: 'classification',
      });
    }
    expect(resolveModelSpec({ preset: 'transformer-text' }, pipeline)).toMatchObject({
      version: 2, kind: 'transformer', vocabSize, sequenceLength: 7, outputSize: 2, task: 'classification', embedDim: 64, heads: 4,
    });
    expect(() => resolveModelSpec({ preset: 'tabular-mlp' }, pipeline)).toThrow(/for tables/);
    expect(() => resolveModelSpec({ preset: 'lenet-cnn' }, pipeline)).toThrow(/for image datasets/);
    expect(() => resolveModelSpec({ preset: 'nope' as 'lstm-text' }, pipeline)).toThrow(/Unknown model preset/);
  });

  it('refuses text models when another feature sits beside the token sequence', async () => {
    const { pipeline } = await preparedTexts(true);
    expect(pipeline.featureNames).toHaveLength(8);
    expect(() => resolveModelSpec({ preset: 'lstm-text' }, pipeline)).toThrow(/Token sequence/);
    expect(() => resolveModelSpec({ preset: 'transformer-text' }, pipeline)).toThrow(/Token sequence/);
    expect(resolveModelSpec({ preset: 'tabular-mlp' }, pipeline)).toMatchObject({ kind: 'mlp', inputSize: 8 });
  });

  it('trains the LSTM preset to full test accuracy on texts told apart by one word', async () => {
    const { train, datasetId } = await preparedTexts();
    const described = await train.describeModel(datasetId, { preset: 'lstm-text' }, 16);
    expect(described.ok && described.value.summary?.totalParameters).toBeGreaterThan(1000);
    const run = await train.startRun({ datasetId, model: { preset: 'lstm-text' }, config: { epochs: 3, batchSize: 8, learningRate: 0.01, optimizer: 'adam', seed: 1 } }, () => undefined);
    if (!run.ok) throw new Error(run.problem.message);
    expect(run.value.status).toBe('completed');
    expect(run.value.evaluation?.accuracy).toBe(1);
  });

  it('trains the Transformer choice to full test accuracy on the same texts', async () => {
    const { train, datasetId } = await preparedTexts();
    const described = await train.describeModel(datasetId, { preset: 'transformer-text' }, 8);
    expect(described.ok && described.value.parameters).toBeGreaterThan(1000);
    const run = await train.startRun({ datasetId, model: { preset: 'transformer-text' }, config: { epochs: 3, batchSize: 8, learningRate: 0.005, optimizer: 'adam', seed: 1 } }, () => undefined);
    if (!run.ok) throw new Error(run.problem.message);
    expect(run.value.modelSpec).toMatchObject({ kind: 'transformer', sequenceLength: 7 });
    expect(run.value.evaluation?.accuracy).toBe(1);
  });
});
