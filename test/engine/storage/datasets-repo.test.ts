// Tests for the dataset verbs: import lifecycle, chunk order, refusal of incomplete datasets,
// discard/delete cascades, and quota aborts reported as StorageFullError.
import { describe, expect, it } from 'vitest';
import {
  completeDataset,
  createDataset,
  deleteDataset,
  discardDataset,
  getDataset,
  listDatasets,
  loadDatasetRows,
  markDatasetFailed,
  putDatasetChunk,
  readDatasetChunks,
  saveDatasetPreparation,
  type DatasetImportResult,
} from '../../../src/engine/storage/datasets-repo';
import { DatasetNotReadyError, StorageFullError } from '../../../src/engine/storage/storage-errors';
import type { FittedPipeline } from '../../../src/engine/data/prepare-types';
import { openTestDb, withFailingTransaction } from './storage-helpers';

const COLUMNS = ['__proto__', 'constructor', 'value'];

/** rows r0..r(n-1) of three cells each, cut into chunks of `size`. */
function makeChunks(n: number, size: number): string[][][] {
  const rows = Array.from({ length: n }, (_, i) => [`p${i}`, `c${i}`, String(i * 1.5)]);
  const chunks: string[][][] = [];
  for (let i = 0; i < n; i += size) chunks.push(rows.slice(i, i + size));
  return chunks;
}

function resultFor(chunks: string[][][]): DatasetImportResult {
  return {
    layout: { delimiter: ',', hasHeader: true, columns: COLUMNS, notes: [] },
    summaries: COLUMNS.map((name) => ({ name, type: 'categorical', missing: 0, distinct: 3, distinctCapped: false })),
    preview: chunks[0].slice(0, 2),
    rowCount: chunks.reduce((n, c) => n + c.length, 0),
    chunkCount: chunks.length,
    skippedRows: [7],
  };
}

describe('datasets repository', () => {
  it('round-trips rows in chunk order and keeps a __proto__ column name', async () => {
    const db = await openTestDb();
    const chunks = makeChunks(23, 5); // 5 chunks, the last one short
    const created = await createDataset(db, { name: 'toy.csv', byteSize: 1234 });
    expect(created.status).toBe('importing');
    // Written out of order on purpose: the index, not the write order, decides.
    for (const i of [3, 0, 4, 1, 2]) await putDatasetChunk(db, created.id, i, chunks[i]);
    const done = await completeDataset(db, created.id, resultFor(chunks));
    expect(done.status).toBe('complete');

    const stored = await getDataset(db, created.id);
    expect(stored?.layout?.columns).toEqual(COLUMNS);
    expect(stored?.summaries?.[0].name).toBe('__proto__');
    expect(Object.getPrototypeOf(stored?.layout)).toBe(Object.prototype);
    expect(stored).toMatchObject({ rowCount: 23, chunkCount: 5, byteSize: 1234, skippedRows: [7] });

    const rows = await loadDatasetRows(db, created.id);
    expect(rows).toEqual(chunks.flat());
    expect(rows[12]).toEqual(['p12', 'c12', '18']);
    db.close();
  });

  it('refuses to load rows of a dataset that is still importing or missing', async () => {
    const db = await openTestDb();
    const d = await createDataset(db, { name: 'half.csv', byteSize: 10 });
    await putDatasetChunk(db, d.id, 0, [['a', 'b', 'c']]);
    await expect(loadDatasetRows(db, d.id)).rejects.toThrow(DatasetNotReadyError);
    await expect(loadDatasetRows(db, d.id)).rejects.toThrow(/not fully imported.*importing/);
    await expect(loadDatasetRows(db, 'nope')).rejects.toThrow(/not stored/);
    db.close();
  });

  it('refuses to complete a dataset whose chunks are not all stored', async () => {
    const db = await openTestDb();
    const chunks = makeChunks(10, 5);
    const d = await createDataset(db, { name: 'gap.csv', byteSize: 10 });
    await putDatasetChunk(db, d.id, 0, chunks[0]);
    await expect(completeDataset(db, d.id, resultFor(chunks))).rejects.toThrow(/1 stored chunks, expected 2/);
    expect((await getDataset(db, d.id))?.status).toBe('importing');
    db.close();
  });

  it('discard removes the record and every chunk; later chunk writes are refused', async () => {
    const db = await openTestDb();
    const keep = await createDataset(db, { name: 'keep.csv', byteSize: 1 });
    await putDatasetChunk(db, keep.id, 0, [['k']]);
    const d = await createDataset(db, { name: 'cancelled.csv', byteSize: 1 });
    await putDatasetChunk(db, d.id, 0, [['x']]);
    await putDatasetChunk(db, d.id, 1, [['y']]);
    await discardDataset(db, d.id);
    expect(await getDataset(db, d.id)).toBeUndefined();
    const chunkKeys = await db.getAllKeys('datasetChunks');
    expect(chunkKeys).toEqual([[keep.id, 0]]);
    await expect(putDatasetChunk(db, d.id, 2, [['z']])).rejects.toThrow(/not stored/);
    expect(await db.count('datasetChunks')).toBe(1);
    await discardDataset(db, d.id); // absent: no-op
    db.close();
  });

  it('lists newest first, stores the preparation, and deletes with chunks', async () => {
    const db = await openTestDb();
    const a = await createDataset(db, { name: 'a', byteSize: 1 });
    await new Promise((r) => setTimeout(r, 3));
    const b = await createDataset(db, { name: 'b', byteSize: 1 });
    expect((await listDatasets(db)).map((d) => d.name)).toEqual(['b', 'a']);

    const pipeline = { version: 1, featureNames: ['x'], encoders: [], droppedMissingTarget: 0 } as unknown as FittedPipeline;
    await saveDatasetPreparation(db, a.id, pipeline);
    expect((await getDataset(db, a.id))?.preparation).toEqual(pipeline);
    await expect(saveDatasetPreparation(db, 'missing', pipeline)).rejects.toThrow(DatasetNotReadyError);

    await putDatasetChunk(db, b.id, 0, [['1']]);
    await deleteDataset(db, b.id);
    expect((await listDatasets(db)).map((d) => d.name)).toEqual(['a']);
    expect(await db.count('datasetChunks')).toBe(0);
    db.close();
  });

  it('checks chunk indexes', async () => {
    const db = await openTestDb();
    const d = await createDataset(db, { name: 'a', byteSize: 1 });
    await expect(putDatasetChunk(db, d.id, -1, [])).rejects.toThrow(RangeError);
    await expect(putDatasetChunk(db, d.id, 0.5, [])).rejects.toThrow(RangeError);
    db.close();
  });

  it('reports a quota abort while writing rows as StorageFullError and keeps nothing of that chunk', async () => {
    const db = await openTestDb();
    const d = await createDataset(db, { name: 'big.csv', byteSize: 1 });
    await putDatasetChunk(db, d.id, 0, [['ok']]);
    const full = withFailingTransaction(db, ['datasets', 'datasetChunks']);
    const error = await putDatasetChunk(full, d.id, 1, [['too much']]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageFullError);
    expect((error as StorageFullError).code).toBe('storage');
    expect((error as Error).message).toMatch(/storage is full.*delete old runs/i);
    expect(await db.getAllKeys('datasetChunks')).toEqual([[d.id, 0]]);
    db.close();
  });

  it('stores image pixels and corpus text beside the rows and reads chunks one at a time', async () => {
    const db = await openTestDb();
    const d = await createDataset(db, { name: 'digits.zip', byteSize: 10 });
    const pixels = new Uint8Array([1, 2, 3, 4]);
    await putDatasetChunk(db, d.id, 0, { rows: [['a.png', 'cat', '2', '2', 'png']], pixels });
    await putDatasetChunk(db, d.id, 1, { rows: [['b.png', 'dog', '2', '2', 'png']], pixels: new Uint8Array([9, 9, 9, 9]) });
    await completeDataset(db, d.id, {
      ...resultFor([[['a.png', 'cat', '2', '2', 'png']], [['b.png', 'dog', '2', '2', 'png']]]),
      kind: 'images', imageShape: { width: 2, height: 2, channels: 1, fit: 'pad' },
      skippedFiles: [{ displayPath: 'x/broken.png', reason: 'truncated PNG' }],
    });
    const stored = await getDataset(db, d.id);
    expect(stored).toMatchObject({ kind: 'images', imageShape: { width: 2, channels: 1 }, skippedFiles: [{ displayPath: 'x/broken.png' }] });
    const seen: number[][] = [];
    for await (const chunk of readDatasetChunks(db, d.id)) seen.push([...(chunk.pixels ?? [])]);
    expect(seen).toEqual([[1, 2, 3, 4], [9, 9, 9, 9]]);
    db.close();
  });

  it('names the missing chunk of a damaged dataset', async () => {
    const db = await openTestDb();
    const chunks = makeChunks(6, 2);
    const d = await createDataset(db, { name: 'a', byteSize: 1 });
    for (let i = 0; i < 3; i += 1) await putDatasetChunk(db, d.id, i, chunks[i]);
    await completeDataset(db, d.id, resultFor(chunks));
    await db.delete('datasetChunks', [d.id, 1]);
    await expect(loadDatasetRows(db, d.id)).rejects.toThrow(/missing chunk 2 of 3/);
    db.close();
  });

  it('keeps an interrupted import as failed with its reason, never as complete', async () => {
    const db = await openTestDb();
    const d = await createDataset(db, { name: 'big.csv', byteSize: 1 });
    await putDatasetChunk(db, d.id, 0, [['ok']]);
    await markDatasetFailed(db, d.id, 'Import cancelled.');
    expect(await getDataset(db, d.id)).toMatchObject({ status: 'failed', failure: 'Import cancelled.' });
    await expect(loadDatasetRows(db, d.id)).rejects.toThrow(/status: failed/);
    const chunks = makeChunks(2, 2);
    const done = await createDataset(db, { name: 'done.csv', byteSize: 1 });
    await putDatasetChunk(db, done.id, 0, chunks[0]);
    await completeDataset(db, done.id, resultFor(chunks));
    await markDatasetFailed(db, done.id, 'late');
    expect((await getDataset(db, done.id))?.status).toBe('complete');
    db.close();
  });
});
