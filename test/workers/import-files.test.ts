// The data API's file-set import through Comlink: zips and folders of images and texts, a corpus,
// hostile archives (bomb, truncated) refused with nothing kept, and a cancel kept as 'failed'.
import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it } from 'vitest';
import { createDataApi } from '../../workers/data-api';
import { createTrainApi } from '../../workers/train-api';
import { createDbOpener } from '../../workers/open-db';
import type { ImageDecoder } from '../../src/engine/data/image-import';
import { pngHeader } from '../engine/image/header-fixtures';
import { writeZip } from '../engine/archive/zip-writer';
import { zeroBomb } from '../engine/archive/zip-helpers';
import { exposeOverChannel } from './expose';
import { openAppDb } from '../../src/engine/storage/db';
import { withFailingTransaction } from '../engine/storage/storage-helpers';

/** Node has no image decoder: fill the stored image with the declared width so tests can tell images apart. */
const fakeDecoder: ImageDecoder = async (_bytes, header, shape) =>
  new Uint8Array(shape.width * shape.height * shape.channels).fill(header.width);

const closers: (() => void)[] = [];
afterEach(() => closers.splice(0).forEach((close) => close()));

function setUp() {
  const db = createDbOpener(`webtrain-test-${crypto.randomUUID()}`);
  const data = exposeOverChannel(createDataApi({ db, decodeImage: fakeDecoder }));
  closers.push(data.close);
  return data.remote;
}

const blob = (bytes: Uint8Array | string) => new Blob([bytes as BlobPart]);

describe('importFiles', () => {
  it('imports a zip of one folder per class as an image dataset', async () => {
    const data = setUp();
    const zip = writeZip([
      { name: 'pets/cat/1.png', data: pngHeader({ width: 5, height: 5, colorType: 2 }) },
      { name: 'pets/cat/2.png', data: pngHeader({ width: 6, height: 5, colorType: 2 }), method: 8 },
      { name: 'pets/dog/1.png', data: pngHeader({ width: 7, height: 5, colorType: 2 }) },
      { name: 'pets/dog/notes.doc', data: 'x' },
    ]);
    const outcome = await data.importFiles([{ file: blob(zip), path: ['pets.zip'] }], { imageSize: 8 });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.value).toMatchObject({ kind: 'images', rowCount: 3, imageShape: { width: 8, height: 8, channels: 3 } });
    expect(outcome.value.preview?.map((r) => r[1])).toEqual(['cat', 'cat', 'dog']);
    expect(outcome.value.skippedFiles?.map((s) => s.displayPath)).toContain('pets/dog/notes.doc');
  });

  it('labels images from a labels.csv next to them', async () => {
    const data = setUp();
    const zip = writeZip([
      { name: 'photos/img1.png', data: pngHeader({ width: 5, height: 5, colorType: 2 }) },
      { name: 'photos/img2.png', data: pngHeader({ width: 6, height: 5, colorType: 2 }) },
      { name: 'photos/img3.png', data: pngHeader({ width: 7, height: 5, colorType: 2 }) },
      { name: 'photos/labels.csv', data: 'file,label\nimg1.png,cat\nimg2.png,dog\nimg3.png,cat\n' },
    ]);
    const outcome = await data.importFiles([{ file: blob(zip), path: ['photos.zip'] }]);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.value.preview?.map((r) => [r[0].split('/').pop(), r[1]])).toEqual([['img1.png', 'cat'], ['img2.png', 'dog'], ['img3.png', 'cat']]);
    expect(outcome.value.layout?.notes.join(' ')).toMatch(/labels\.csv/);
  });

  it('stores images at the chosen size, fit and colour', async () => {
    const data = setUp();
    const zip = writeZip([
      { name: 'a/1.png', data: pngHeader({ width: 5, height: 9, colorType: 2 }) },
      { name: 'b/1.png', data: pngHeader({ width: 9, height: 5, colorType: 2 }) },
    ]);
    const outcome = await data.importFiles([{ file: blob(zip), path: ['x.zip'] }], { imageSize: 16, imageFit: 'crop', imageChannels: 1 });
    expect(outcome.ok && outcome.value.imageShape).toEqual({ width: 16, height: 16, channels: 1, fit: 'crop' });
  });

  it('imports dropped folders of .txt files as labelled texts and one .txt as a corpus', async () => {
    const data = setUp();
    const texts = await data.importFiles([
      { file: blob('great film\nloved it'), path: ['reviews', 'pos.txt'] },
      { file: blob('boring'), path: ['reviews', 'neg.txt'] },
    ]);
    expect(texts.ok && texts.value).toMatchObject({ kind: 'table', rowCount: 3, layout: { columns: ['text', 'label'] } });
    const corpus = await data.importFiles([{ file: blob('To be, or not to be.\nThat is the question.\n'), path: ['hamlet.txt'] }]);
    expect(corpus.ok && corpus.value).toMatchObject({ kind: 'corpus', corpus: { lines: 2 }, status: 'complete' });
  });

  it('refuses a zip bomb and a truncated zip, keeping nothing and leaving other datasets alone', async () => {
    const data = setUp();
    const good = await data.importFiles([{ file: blob('a,b\n1,x\n2,y\n'), path: ['good.csv'] }]);
    expect(good.ok).toBe(true);
    const images = Array.from({ length: 3 }, (_, i) => ({ name: `c${i}/1.png`, data: pngHeader({ width: 4, height: 4 }) }));
    const bomb = writeZip([...images, { name: 'c0/big.png', payload: zeroBomb(1000), method: 8, declaredSize: 1000 * 1024 * 1024 }]);
    const refused = await data.importFiles([{ file: blob(bomb), path: ['bomb.zip'] }]);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.problem.code).toMatch(/archive-too-large|image-too-large/);
    const zip = writeZip(images);
    const truncated = await data.importFiles([{ file: blob(zip.subarray(0, zip.length - 30)), path: ['cut.zip'] }]);
    expect(truncated.ok).toBe(false);
    if (!truncated.ok) expect(truncated.problem.code).toBe('corrupt-archive');
    const list = await data.listDatasets();
    expect(list.map((d) => [d.name, d.status])).toEqual([['good.csv', 'complete']]);
  });

  it('reads a table by its content: JSON records, JSON Lines and TSV give the same rows', async () => {
    const data = setUp();
    const json = await data.importFiles([{ file: blob('[{"a": 1, "b": "x"}, {"a": 2, "b": "y"}]'), path: ['t.json'] }]);
    const lines = await data.importFiles([{ file: blob('{"a": 1, "b": "x"}\n{"a": 2, "b": "y"}\n'), path: ['t.jsonl'] }]);
    const tsv = await data.importFiles([{ file: blob('a\tb\n1\tx\n2\ty\n'), path: ['t.tsv'] }]);
    for (const outcome of [json, lines, tsv]) {
      expect(outcome.ok && outcome.value).toMatchObject({ kind: 'table', rowCount: 2, layout: { columns: ['a', 'b'] }, preview: [['1', 'x'], ['2', 'y']] });
    }
  });

  it('says what layouts it expects for a lone image', async () => {
    const data = setUp();
    const outcome = await data.importFiles([{ file: blob(pngHeader({ width: 4, height: 4 })), path: ['cat.png'] }]);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.problem.message).toMatch(/one per class/);
  });

  it('keeps a cancelled import as failed, offered for deletion', async () => {
    const data = setUp();
    let pull = 0;
    // A stream that never ends: the import waits on it until cancelled.
    const endless = new ReadableStream<Uint8Array>({ pull: (c) => { pull += 1; c.enqueue(new TextEncoder().encode(pull === 1 ? 'a,b\n' : '1,2\n'.repeat(5000))); } });
    const running = createDataApi({ db: createDbOpener(`webtrain-test-${crypto.randomUUID()}`), fetchStream: async () => ({ body: endless, size: 0 }) });
    const started = running.importSample('http://x/s.csv', 'endless.csv');
    await new Promise((r) => setTimeout(r, 100));
    running.cancelImport();
    const outcome = await started;
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.problem).toMatchObject({ code: 'cancelled', message: expect.stringMatching(/incomplete; delete it/) });
    const kept = await running.listDatasets();
    expect(kept.map((d) => [d.name, d.status])).toEqual([['endless.csv', 'failed']]);
    await running.deleteDataset(kept[0].id);
    expect(await running.listDatasets()).toEqual([]);
  });

  it('prepares an image dataset (label = target, pixels = features) and trains an MLP on it', async () => {
    const dbName = `webtrain-test-${crypto.randomUUID()}`;
    const data = createDataApi({ db: createDbOpener(dbName), decodeImage: fakeDecoder });
    // Class 'light' images have widths 200-219 (bright pixels), class 'dark' 10-29: separable.
    const entries = Array.from({ length: 40 }, (_, i) => {
      const light = i % 2 === 0;
      return { name: `${light ? 'light' : 'dark'}/${i}.png`, data: pngHeader({ width: (light ? 200 : 10) + (i >> 1), height: 4, colorType: 0 }) };
    });
    const imported = await data.importFiles([{ file: blob(writeZip(entries)), path: ['shades.zip'] }], { imageSize: 4 });
    expect(imported.ok).toBe(true);
    if (!imported.ok) return;
    const spec = await data.suggestPrepareSpec(imported.value.id);
    expect(spec).toMatchObject({ targetColumn: 'label', task: 'classification', featureColumns: [] });
    const prepared = await data.prepareDataset(imported.value.id, spec!);
    expect(prepared.ok && prepared.value).toMatchObject({ classes: ['dark', 'light'], input: { kind: 'image' } });
    expect(prepared.ok && prepared.value.featureNames.length).toBe(16);

    await tf.setBackend('cpu');
    const train = createTrainApi({ db: createDbOpener(dbName), selectBackend: async () => ({ name: 'cpu', reason: 'tests' }) });
    const run = await train.startRun({
      datasetId: imported.value.id, model: { hiddenLayers: [8], activation: 'relu' },
      config: { epochs: 15, batchSize: 8, learningRate: 0.05, optimizer: 'adam', seed: 1 },
    }, () => undefined);
    expect(run.ok).toBe(true);
    if (!run.ok) return;
    expect(run.value.status).toBe('completed');
    expect(run.value.evaluation?.accuracy).toBe(1);
  });

  it('S2: storage full during an import stops it with a message, keeps it as incomplete and leaves other datasets alone', async () => {
    const db = await openAppDb(`webtrain-test-${crypto.randomUUID()}`);
    const healthy = createDataApi({ db: async () => db });
    expect((await healthy.importFiles([{ file: blob('a,b\n1,x\n2,y\n'), path: ['kept.csv'] }])).ok).toBe(true);
    // The next chunk write (datasets + datasetChunks) aborts the way Chromium reports a full quota.
    const full = createDataApi({ db: async () => withFailingTransaction(db, ['datasets', 'datasetChunks']) });
    const outcome = await full.importFiles([{ file: blob('a,b\n' + '3,z\n'.repeat(5000)), path: ['big.csv'] }]);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.problem).toMatchObject({ code: 'storage', message: expect.stringMatching(/storage is full/i) });
    const list = await healthy.listDatasets();
    expect(list.map((d) => [d.name, d.status]).sort()).toEqual([['big.csv', 'failed'], ['kept.csv', 'complete']]);
    expect(list.find((d) => d.name === 'big.csv')?.failure).toMatch(/storage is full/i);
    expect(await healthy.prepareDataset(list.find((d) => d.name === 'big.csv')!.id, (await healthy.suggestPrepareSpec(list.find((d) => d.name === 'kept.csv')!.id))!))
      .toMatchObject({ ok: false });
    db.close();
  });

  it('serves the option registries as cloneable data', async () => {
    const data = setUp();
    const registries = await data.registries();
    expect(Object.keys(registries.imageAugmentations)).toContain('rotation');
    expect(registries.cleaningSteps.impute.label).toMatch(/missing/i);
    expect(Object.keys(registries.tokenizers)).toEqual(expect.arrayContaining(['char', 'word', 'bpe']));
  });

  it('exports a table as CSV with formula-looking cells defused (C11)', async () => {
    const data = setUp();
    const imported = await data.importFiles([{ file: blob('name,note\nann,=1+1\nbob,"a, b"\n'), path: ['notes.csv'] }]);
    expect(imported.ok).toBe(true);
    if (!imported.ok) return;
    const exported = await data.exportCsv(imported.value.id);
    expect(exported.ok).toBe(true);
    if (exported.ok) expect(await exported.value.text()).toBe("name,note\r\nann,'=1+1\r\nbob,\"a, b\"\r\n");
  });

  it('a folder of texts per class prepares with token counts by default and trains with token deletion', async () => {
    const dbName = `webtrain-test-${crypto.randomUUID()}`;
    const data = createDataApi({ db: createDbOpener(dbName) });
    const lines = (words: string[]) => Array.from({ length: 30 }, (_, i) => `${words[i % 3]} ${words[(i + 1) % 3]} day ${i}`).join('\n');
    const imported = await data.importFiles([
      { file: blob(lines(['sunny', 'warm', 'bright'])), path: ['weather', 'good.txt'] },
      { file: blob(lines(['rainy', 'cold', 'grey'])), path: ['weather', 'bad.txt'] },
    ]);
    expect(imported.ok).toBe(true);
    if (!imported.ok) return;
    const spec = await data.suggestPrepareSpec(imported.value.id);
    expect(spec).toMatchObject({ targetColumn: 'label', featureColumns: ['text'], encodings: [{ column: 'text', encoding: { kind: 'bag-of-tokens' } }] });
    const prepared = await data.prepareDataset(imported.value.id, spec!);
    expect(prepared.ok).toBe(true);
    await tf.setBackend('cpu');
    const train = createTrainApi({ db: createDbOpener(dbName), selectBackend: async () => ({ name: 'cpu', reason: 'tests' }) });
    const run = await train.startRun({
      datasetId: imported.value.id, model: { hiddenLayers: [8], activation: 'relu' },
      config: { epochs: 10, batchSize: 8, learningRate: 0.05, optimizer: 'adam', seed: 1, augmentation: { tokenDeletion: 0.2 } },
    }, () => undefined);
    expect(run.ok && run.value.status).toBe('completed');
    if (run.ok) expect(run.value.evaluation?.accuracy).toBeGreaterThanOrEqual(0.9);
  });
});
