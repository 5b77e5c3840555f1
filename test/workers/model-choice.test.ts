// The Train panel's model choice on a prepared dataset: presets take the input shape from the pipeline
// (image pixels as [h, w, c]), refuse data they are not made for, and the size summary comes back.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDataApi } from '../../workers/data-api';
import { createDbOpener } from '../../workers/open-db';
import { createTrainApi } from '../../workers/train-api';
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
