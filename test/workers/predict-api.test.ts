// The prediction playground over a MessageChannel: the form of a table run, a typed row predicted exactly as
// the test evaluation scored it, bad cells named, an image run fed through the import's decoder, wrong kinds refused.
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ImageDecoder } from '../../src/engine/data/image-import';
import type { FittedPipeline } from '../../src/engine/data/prepare-types';
import type { ColumnSummary } from '../../src/engine/data/table-types';
import { createDataApi } from '../../workers/data-api';
import { createDbOpener } from '../../workers/open-db';
import { checkCells, createPredictApi, playgroundFields, rawOrigins } from '../../workers/predict-api';
import { createTrainApi, type ModelChoice } from '../../workers/train-api';
import { writeZip } from '../engine/archive/zip-writer';
import { pngHeader } from '../engine/image/header-fixtures';
import { exposeOverChannel } from './expose';
import { blobsCsv } from './blobs-csv';

/** Node has no image decoder: every pixel holds the image's declared width. */
const fakeDecoder: ImageDecoder = async (_bytes, header, shape) => new Uint8Array(shape.width * shape.height * shape.channels).fill(header.width);
const cpu = async () => {
  await tf.setBackend('cpu');
  return { name: 'cpu' as const, reason: 'tests run on the CPU backend' };
};

const closers: (() => void)[] = [];
afterEach(() => closers.splice(0).forEach((close) => close()));
beforeAll(async () => { await tf.setBackend('cpu'); });

function setUp() {
  const db = createDbOpener(`webtrain-test-${crypto.randomUUID()}`);
  const data = createDataApi({ db, decodeImage: fakeDecoder });
  const train = createTrainApi({ db, selectBackend: cpu });
  const predict = exposeOverChannel(createPredictApi({ db, ensureBackend: cpu, decodeImage: fakeDecoder }));
  closers.push(predict.close);
  return { data, train, predict: predict.remote };
}

/** Prepare a dataset (optionally as regression on `price`) and train a small MLP on it. */
async function trainedRun(setup: ReturnType<typeof setUp>, id: string, regression = false, model: ModelChoice = { hiddenLayers: [8], activation: 'relu' }) {
  const suggested = await setup.data.suggestPrepareSpec(id);
  const spec = regression ? { ...suggested!, targetColumn: 'price', task: 'regression' as const, featureColumns: ['a', 'b', 'colour'] } : suggested!;
  const prepared = await setup.data.prepareDataset(id, spec);
  if (!prepared.ok) throw new Error(prepared.problem.message);
  const run = await setup.train.startRun({ datasetId: id, model, config: { epochs: 4, batchSize: 8, learningRate: 0.05, optimizer: 'adam', seed: 1 } }, () => undefined);
  if (!run.ok) throw new Error('training failed');
  return run.value;
}

async function importTable(setup: ReturnType<typeof setUp>, rows: number) {
  const imported = await setup.data.importCsvFile(new Blob([blobsCsv(rows)]), 'blobs.csv');
  if (!imported.ok) throw new Error(imported.problem.message);
  return imported.value.id;
}

describe('table runs', () => {
  it('describes the raw input columns with a test row, and predicts that row as the evaluation scored it', async () => {
    const setup = setUp();
    // 60 rows: 9 test rows, so the stored worst examples list every test row (the first one included).
    const run = await trainedRun(setup, await importTable(setup, 60));
    const form = await setup.predict.playgroundForm(run.id);
    if (!form.ok || form.value.kind === 'image') throw new Error('expected a table form');
    expect(form.value.kind).toBe('table');
    expect(form.value.fields).toEqual([
      { column: 'a', kind: 'numeric', required: true },
      { column: 'b', kind: 'numeric', required: true },
      { column: 'colour', kind: 'categorical', required: true, options: ['blue', 'red'] },
      { column: 'price', kind: 'numeric', required: true },
    ]);
    const predicted = await setup.predict.predictRow(run.id, form.value.example);
    if (!predicted.ok || predicted.value.kind !== 'class') throw new Error('expected a class');
    const probabilities = predicted.value.probabilities;
    expect(probabilities.reduce((s, p) => s + p.probability, 0)).toBeCloseTo(1, 5);
    expect(probabilities[0].probability).toBeGreaterThanOrEqual(probabilities[1].probability);
    expect(predicted.value.label).toBe(probabilities[0].label);
    // The evaluation's own probabilities of test row 0 (classes in index order).
    const stored = run.evaluation?.worst?.find((w) => w.row === 0);
    if (stored?.kind !== 'class') throw new Error('test row 0 is not among the stored examples');
    const byLabel = Object.fromEntries(probabilities.map((p) => [p.label, p.probability]));
    expect(run.evaluation?.classes?.map((c) => byLabel[c])).toEqual(stored.probabilities.map((p) => expect.closeTo(p, 5)));
  });

  it('separates the two blobs and names bad cells', async () => {
    const setup = setUp();
    const run = await trainedRun(setup, await importTable(setup, 80));
    const yes = await setup.predict.predictRow(run.id, { a: '4', b: '-3', colour: 'red', price: '15' });
    const no = await setup.predict.predictRow(run.id, { a: '0', b: '0', colour: 'blue', price: '10' });
    expect(yes.ok && yes.value.kind === 'class' && yes.value.label).toBe('yes');
    expect(no.ok && no.value.kind === 'class' && no.value.label).toBe('no');

    const notNumber = await setup.predict.predictRow(run.id, { a: 'abc', b: '0', colour: 'blue', price: '10' });
    expect(notNumber.ok).toBe(false);
    if (!notNumber.ok) expect(notNumber.problem).toMatchObject({ code: 'bad-feature', message: expect.stringMatching(/“a” must be a number, but “abc”/) });
    const empty = await setup.predict.predictRow(run.id, { a: '1', colour: 'blue', price: '10' });
    expect(!empty.ok && empty.problem.message).toMatch(/“b” is empty/);
    const unseen = await setup.predict.predictRow(run.id, { a: '1', b: '0', colour: 'green', price: '10' });
    expect(unseen.ok && unseen.value.notes).toEqual([expect.stringContaining('“colour” = “green” was not among the training values')]);

    const text = await setup.predict.predictText(run.id, 'hello');
    expect(!text.ok && text.problem.message).toMatch(/no text column/);
    const image = await setup.predict.predictImage(run.id, pngHeader({ width: 5, height: 5 }));
    expect(!image.ok && image.problem.message).toMatch(/does not classify images/);
    const missing = await setup.predict.predictRow('no-such-run', {});
    expect(!missing.ok && missing.problem.message).toMatch(/no longer exists/);
  });

  it('gives a regression prediction in target units, equal to the evaluation of the same test row', async () => {
    const setup = setUp();
    const run = await trainedRun(setup, await importTable(setup, 60), true);
    const form = await setup.predict.playgroundForm(run.id);
    if (!form.ok || form.value.kind === 'image') throw new Error('expected a table form');
    expect(form.value.task).toBe('regression');
    expect(form.value.fields.map((f) => f.column)).toEqual(['a', 'b', 'colour']);
    const predicted = await setup.predict.predictRow(run.id, form.value.example);
    if (!predicted.ok || predicted.value.kind !== 'value') throw new Error('expected a value');
    const stored = run.evaluation?.worst?.find((w) => w.row === 0);
    if (stored?.kind !== 'value') throw new Error('test row 0 is not among the stored examples');
    expect(predicted.value.value).toBeCloseTo(stored.predicted, 4);
    expect(predicted.value.target).toBe('price');
  });
});

describe('image runs', () => {
  it('decodes a dropped image to the stored size and classifies it; unreadable bytes get a message', async () => {
    const setup = setUp();
    const files = Array.from({ length: 24 }, (_, i) => ({
      name: `pets/${i % 2 ? 'dog' : 'cat'}/${i}.png`, data: pngHeader({ width: i % 2 ? 240 + (i % 5) : 10 + (i % 5), height: 5 }),
    }));
    const imported = await setup.data.importFiles([{ file: new Blob([writeZip(files) as BlobPart]), path: ['pets.zip'] }], { imageSize: 8 });
    if (!imported.ok) throw new Error(imported.problem.message);
    const run = await trainedRun(setup, imported.value.id);
    const form = await setup.predict.playgroundForm(run.id);
    expect(form.ok && form.value).toMatchObject({ kind: 'image', shape: { width: 8, height: 8 } });
    const dog = await setup.predict.predictImage(run.id, new Blob([pngHeader({ width: 242, height: 9 }) as BlobPart]));
    const cat = await setup.predict.predictImage(run.id, pngHeader({ width: 12, height: 9 }));
    expect(dog.ok && dog.value.kind === 'class' && dog.value.label).toBe('dog');
    expect(cat.ok && cat.value.kind === 'class' && cat.value.label).toBe('cat');
    const bad = await setup.predict.predictImage(run.id, new TextEncoder().encode('not an image at all'));
    expect(!bad.ok && bad.problem.code).toBe('not-an-image');
    const row = await setup.predict.predictRow(run.id, {});
    expect(!row.ok && row.problem.message).toMatch(/drop an image/);
  });
});

describe('form helpers', () => {
  const summary = (name: string, type: ColumnSummary['type'], missing = 0): ColumnSummary => ({ name, type, missing, distinct: 3, distinctCapped: false, topValues: [{ value: 'x', count: 2 }] });
  const pipeline = {
    version: 2, spec: { version: 2, targetColumn: 't', task: 'classification', featureColumns: [], split: { train: 0.7, validation: 0.15, test: 0.15 }, seed: 1 },
    cleaning: [
      { step: { kind: 'missing-indicator', column: 'age' }, droppedRows: 0 },
      { step: { kind: 'rename-column', column: 'city', to: 'town' }, droppedRows: 0 },
      { step: { kind: 'date-parts', column: 'when', parts: ['year', 'month'] }, droppedRows: 0 },
    ],
    encoders: [
      { kind: 'standardize', column: 'age', mean: 0, std: 1 }, { kind: 'boolean', column: 'age_was_missing', fill: 0 },
      { kind: 'one-hot', column: 'town', categories: ['Oslo', '__other__'], other: true },
      { kind: 'standardize', column: 'when.year', mean: 0, std: 1 },
    ],
    featureNames: [], classes: ['p', 'q'], droppedMissingTarget: 0, counts: { train: 0, validation: 0, test: 0 },
  } as unknown as FittedPipeline;
  const columns = ['age', 'city', 'unused', 'when', 't'];

  it('follows renames, indicators and date parts back to the raw columns', () => {
    const origins = rawOrigins(pipeline, columns);
    expect([origins.get('town'), origins.get('age_was_missing'), origins.get('when.month'), origins.has('city')]).toEqual(['city', 'age', 'when', false]);
    const fields = playgroundFields(pipeline, columns, [summary('age', 'numeric', 2), summary('city', 'categorical'), summary('unused', 'numeric'), summary('when', 'date'), summary('t', 'categorical')]);
    expect(fields).toEqual([
      { column: 'age', kind: 'numeric', required: false },
      { column: 'city', kind: 'categorical', required: true, options: ['Oslo'] },
      { column: 'when', kind: 'date', required: true },
    ]);
  });

  it('checks cells by kind: optional empties pass, booleans and dates must parse', () => {
    const fields = [
      { column: 'n', kind: 'numeric', required: false }, { column: 'flag', kind: 'boolean', required: true },
      { column: 'day', kind: 'date', required: true },
    ] as const;
    expect(checkCells(fields, { n: '', flag: 'yes', day: '2024-01-31' })).toEqual([]);
    expect(() => checkCells(fields, { n: '1e3', flag: 'maybe', day: '2024-01-31' })).toThrow(/“flag” must be true\/false/);
    expect(() => checkCells(fields, { n: '1', flag: '0', day: '31/01/2024' })).toThrow(/“day” must be a date/);
    expect(() => checkCells(fields, { n: '1', flag: '0', day: ' ' })).toThrow(/“day” is empty/);
  });
});
