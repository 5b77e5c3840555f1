// Worker protocol: the data and training APIs used through Comlink over a MessageChannel,
// on the tfjs cpu backend with fake-indexeddb — import, prepare, train, checkpoint, resume.
import * as tf from '@tensorflow/tfjs';
import * as Comlink from 'comlink';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDataApi } from '../../workers/data-api';
import { createDbOpener } from '../../workers/open-db';
import { createTrainApi, type TrainEvent } from '../../workers/train-api';
import type { ImportProgress } from '../../workers/api-types';
import { exposeOverChannel } from './expose';

function blobsCsv(rows: number, missingTargets = 0): string {
  const lines = ['a,b,colour,label'];
  for (let i = 0; i < rows; i += 1) {
    const k = i % 2;
    const jitter = ((i * 37) % 11) / 11 - 0.5;
    lines.push(`${(k * 4 + jitter).toFixed(3)},${(k * -3 + jitter).toFixed(3)},${k ? 'red' : 'blue'},${i < missingTargets ? '' : k ? 'yes' : 'no'}`);
  }
  return lines.join('\n');
}

const closers: (() => void)[] = [];
afterEach(() => closers.splice(0).forEach((close) => close()));

function setUp() {
  const db = createDbOpener(`webtrain-test-${crypto.randomUUID()}`);
  const data = exposeOverChannel(createDataApi({ db }));
  const train = exposeOverChannel(createTrainApi({
    db,
    selectBackend: async () => {
      await tf.setBackend('cpu');
      return { name: 'cpu', reason: 'tests run on the CPU backend' };
    },
  }));
  closers.push(data.close, train.close);
  return { data: data.remote, train: train.remote };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('data API over a MessageChannel', () => {
  it('imports a Blob, stores it in chunks and reports problems as data', async () => {
    const { data } = setUp();
    const progress: number[] = [];
    const outcome = await data.importCsvFile(new Blob([blobsCsv(50, 2)]), 'blobs.csv', {}, Comlink.proxy((p: ImportProgress) => progress.push(p.bytesRead)));
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.value.rowCount).toBe(50);
    expect(outcome.value.byteSize).toBe(blobsCsv(50, 2).length);
    expect(outcome.value.summaries?.map((s) => s.type)).toEqual(['numeric', 'numeric', 'categorical', 'boolean']);
    expect(progress.at(-1)).toBeGreaterThan(0);

    const bad = await data.importCsvFile(new Blob(['a,b\n1,2\n3\n']), 'ragged.csv');
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.problem.code).toBe('ragged-rows');
    expect(bad.problem.rows).toEqual([3]);
    // The failed import left nothing behind; the good dataset is intact.
    const list = await data.listDatasets();
    expect(list.map((d) => d.name)).toEqual(['blobs.csv']);
  });

  it('imports a stream of unknown length (a fetched sample) and records its real size', async () => {
    const text = blobsCsv(30);
    const data = exposeOverChannel(createDataApi({
      db: createDbOpener(`webtrain-test-${crypto.randomUUID()}`),
      fetchStream: async () => ({ body: new Blob([text]).stream(), size: 0 }),
    }));
    closers.push(data.close);
    const outcome = await data.remote.importSample('http://localhost/samples/x.csv', 'Sample');
    expect(outcome.ok && outcome.value.byteSize).toBe(text.length);
  });

  it('fits the preprocessing and reports a single-class target clearly', async () => {
    const { data } = setUp();
    const imported = await data.importCsvFile(new Blob(['x,y\n1,a\n2,a\n3,a\n4,a\n']), 'one.csv');
    if (!imported.ok) throw new Error(imported.problem.message);
    const spec = await data.suggestPrepareSpec(imported.value.id);
    expect(spec?.targetColumn).toBe('y');
    const prepared = await data.prepareDataset(imported.value.id, spec!);
    expect(prepared.ok).toBe(false);
    if (!prepared.ok) expect(prepared.problem.code).toBe('single-class');
  });
});

describe('training API over a MessageChannel', () => {
  it('trains, checkpoints every epoch, and a resumed run continues epoch and optimizer step', async () => {
    const { data, train } = setUp();
    const imported = await data.importCsvFile(new Blob([blobsCsv(80, 3)]), 'blobs.csv');
    if (!imported.ok) throw new Error(imported.problem.message);
    const spec = await data.suggestPrepareSpec(imported.value.id);
    const prepared = await data.prepareDataset(imported.value.id, spec!);
    if (!prepared.ok) throw new Error(prepared.problem.message);
    expect(prepared.value.droppedMissingTarget).toBe(3);

    // Stop after the second epoch's checkpoint, as a reload would interrupt it.
    const events: TrainEvent[] = [];
    const first = await train.startRun({
      datasetId: imported.value.id,
      model: { hiddenLayers: [8], activation: 'relu' },
      config: { epochs: 5, batchSize: 8, learningRate: 0.05, optimizer: 'adam', seed: 1 },
    }, Comlink.proxy((e: TrainEvent) => {
      events.push(e);
      if (e.type === 'epoch' && e.metrics.epoch === 2) void train.stop();
    }));
    if (!first.ok) throw new Error(first.problem.message);
    expect(first.value.status).toBe('stopped');
    // The stop message races the loop, so it lands in epoch 3 or a little later; never before epoch 2 ends.
    const done = first.value.history.length;
    expect(done).toBeGreaterThanOrEqual(2);
    expect(done).toBeLessThan(5);
    const epochEvents = events.filter((e) => e.type === 'epoch');
    expect(epochEvents.every((e) => e.type === 'epoch' && e.checkpointSaved)).toBe(true);
    const stepsPerEpoch = first.value.history[0].optimizerStep;
    const stepAtCheckpoint = first.value.history[done - 1].optimizerStep;
    expect(stepAtCheckpoint).toBe(stepsPerEpoch * done);

    const resumedEvents: TrainEvent[] = [];
    const resumed = await train.resumeRun(first.value.id, Comlink.proxy((e: TrainEvent) => resumedEvents.push(e)));
    if (!resumed.ok) throw new Error(resumed.problem.message);
    const started = resumedEvents.find((e) => e.type === 'started');
    expect(started?.type === 'started' && started.resumedFromEpoch).toBe(done);
    expect(started?.type === 'started' && started.optimizerStep).toBe(stepAtCheckpoint);
    expect(resumed.value.status).toBe('completed');
    expect(resumed.value.history.map((m) => m.epoch)).toEqual([1, 2, 3, 4, 5]);
    expect(resumed.value.history[4].optimizerStep).toBe(stepsPerEpoch * 5);
    expect(resumed.value.evaluation?.task).toBe('classification');
    expect(resumed.value.evaluation?.accuracy).toBeGreaterThan(0.8);
    expect(resumed.value.evaluation?.confusion).toHaveLength(2);
  });

  it('refuses to train a dataset that was not prepared, with a message', async () => {
    const { data, train } = setUp();
    const imported = await data.importCsvFile(new Blob([blobsCsv(20)]), 'raw.csv');
    if (!imported.ok) throw new Error(imported.problem.message);
    const outcome = await train.startRun({
      datasetId: imported.value.id, model: { hiddenLayers: [4], activation: 'relu' },
      config: { epochs: 1, batchSize: 4, learningRate: 0.01, optimizer: 'sgd', seed: 1 },
    }, Comlink.proxy(() => undefined));
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.problem.message).toMatch(/Prepare the dataset/);
  });
});
