// Dataset verbs over IndexedDB: create while importing, append row chunks, mark complete,
// discard/delete with all chunks, list, and read the rows back for training.
import type { IDBPDatabase } from 'idb';
import type { ColumnSummary, TableLayout } from '../data/table-types';
import type { FittedPipeline } from '../data/prepare-types';
import type { AppDB } from './db';
import type { CorpusInfo, DatasetChunkPayload, DatasetChunkRecord, DatasetKind, DatasetRecord, SkippedFile, StoredImageShape } from './records';
import { childRange } from './key-ranges';
import { DatasetNotReadyError } from './storage-errors';
import { runInTransaction } from './transaction';

type Db = IDBPDatabase<AppDB>;

/** What a finished import produced (importCsv's result fits). */
export interface DatasetImportResult {
  layout: TableLayout;
  summaries: ColumnSummary[];
  preview: string[][];
  rowCount: number;
  chunkCount: number;
  skippedRows: number[];
  /** Bytes actually read; replaces the size given at creation (unknown for some streams). */
  bytesRead?: number;
  kind?: DatasetKind;
  imageShape?: StoredImageShape;
  corpus?: CorpusInfo;
  skippedFiles?: SkippedFile[];
}

function notFound(id: string): DatasetNotReadyError {
  return new DatasetNotReadyError(`Dataset ${id} is not stored (it may have been deleted); import the file again.`);
}

/** Create an empty dataset record with status 'importing'. Resolves once it is committed. */
export async function createDataset(db: Db, init: { name: string; byteSize: number }): Promise<DatasetRecord> {
  const record: DatasetRecord = {
    id: crypto.randomUUID(),
    name: init.name,
    createdAt: Date.now(),
    status: 'importing',
    byteSize: init.byteSize,
    rowCount: 0,
    chunkCount: 0,
  };
  const tx = db.transaction('datasets', 'readwrite');
  await runInTransaction(tx, `dataset “${init.name}”`, () => tx.store.add(record));
  return record;
}

/**
 * Store chunk `index` (0-based) of an importing dataset. Refuses when the dataset is gone or no
 * longer importing (e.g. the import was cancelled and discarded meanwhile).
 */
export async function putDatasetChunk(db: Db, datasetId: string, index: number, content: string[][] | DatasetChunkPayload): Promise<void> {
  const payload: DatasetChunkPayload = Array.isArray(content) ? { rows: content } : content;
  if (!Number.isInteger(index) || index < 0) throw new RangeError(`Chunk index must be an integer ≥ 0, got ${index}.`);
  const tx = db.transaction(['datasets', 'datasetChunks'], 'readwrite');
  await runInTransaction(tx, `rows of dataset ${datasetId}`, async () => {
    const dataset = await tx.objectStore('datasets').get(datasetId);
    if (!dataset) throw notFound(datasetId);
    if (dataset.status !== 'importing') throw new DatasetNotReadyError(`Dataset “${dataset.name}” is not being imported; rows can no longer be added.`);
    await tx.objectStore('datasetChunks').put({ ...payload, datasetId, index });
  });
}

/** Mark an importing dataset 'complete' with its layout and summaries; checks that every chunk is stored. */
export async function completeDataset(db: Db, id: string, result: DatasetImportResult): Promise<DatasetRecord> {
  const tx = db.transaction(['datasets', 'datasetChunks'], 'readwrite');
  return runInTransaction(tx, `dataset ${id}`, async () => {
    const dataset = await tx.objectStore('datasets').get(id);
    if (!dataset) throw notFound(id);
    const stored = await tx.objectStore('datasetChunks').count(childRange(id));
    if (stored !== result.chunkCount) {
      throw new DatasetNotReadyError(`Dataset “${dataset.name}” has ${stored} stored chunks, expected ${result.chunkCount}; import the file again.`);
    }
    const { layout, summaries, preview, rowCount, chunkCount, skippedRows, kind, imageShape, corpus, skippedFiles } = result;
    const byteSize = result.bytesRead ?? dataset.byteSize;
    const done: DatasetRecord = {
      ...dataset, status: 'complete', byteSize, layout, summaries, preview, rowCount, chunkCount, skippedRows,
      ...(kind ? { kind } : {}), ...(imageShape ? { imageShape } : {}), ...(corpus ? { corpus } : {}), ...(skippedFiles ? { skippedFiles } : {}),
    };
    delete done.failure;
    await tx.objectStore('datasets').put(done);
    return done;
  });
}

/** Delete a dataset record and all its chunks in one transaction (no-op when absent). */
async function removeDataset(db: Db, id: string): Promise<void> {
  const tx = db.transaction(['datasets', 'datasetChunks'], 'readwrite');
  await runInTransaction(tx, `deletion of dataset ${id}`, async () => {
    await Promise.all([tx.objectStore('datasets').delete(id), tx.objectStore('datasetChunks').delete(childRange(id))]);
  });
}

/**
 * Keep an interrupted import (cancelled, storage full) as 'failed' with the reason, so the user sees it
 * and can delete it; it is never trained on. Best effort: when even this small write fails the record
 * stays 'importing', which is just as unusable for training.
 */
export async function markDatasetFailed(db: Db, id: string, reason: string): Promise<void> {
  const tx = db.transaction('datasets', 'readwrite');
  await runInTransaction(tx, `dataset ${id}`, async () => {
    const dataset = await tx.store.get(id);
    if (dataset && dataset.status !== 'complete') await tx.store.put({ ...dataset, status: 'failed', failure: reason });
  });
}

/** Remove a failed or cancelled import: the record and every chunk written so far. */
export function discardDataset(db: Db, id: string): Promise<void> {
  return removeDataset(db, id);
}

/** Delete a dataset and its rows at the user's request. Runs keep their own copy of its name. */
export function deleteDataset(db: Db, id: string): Promise<void> {
  return removeDataset(db, id);
}

/** All dataset records (without rows), newest first. */
export async function listDatasets(db: Db): Promise<DatasetRecord[]> {
  const all = await db.getAll('datasets');
  return all.sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1));
}

export function getDataset(db: Db, id: string): Promise<DatasetRecord | undefined> {
  return db.get('datasets', id);
}

/**
 * All rows of a complete dataset, chunks concatenated in index order. Throws DatasetNotReadyError
 * for a missing or incomplete dataset, or when chunks are missing.
 */
export async function loadDatasetRows(db: Db, id: string): Promise<string[][]> {
  const rows: string[][] = [];
  for await (const chunk of readDatasetChunks(db, id)) for (const row of chunk.rows) rows.push(row);
  return rows;
}

/** A complete dataset's record, or DatasetNotReadyError naming what is wrong. */
export async function getCompleteDataset(db: Db, id: string): Promise<DatasetRecord> {
  const dataset = await db.get('datasets', id);
  if (!dataset) throw notFound(id);
  if (dataset.status !== 'complete') {
    throw new DatasetNotReadyError(
      `Dataset “${dataset.name}” was not fully imported (status: ${dataset.status}); delete it and import the file again.`,
    );
  }
  return dataset;
}

/**
 * The chunks of a complete dataset one at a time, in index order, so a pass over a large dataset
 * holds one chunk in memory. Throws DatasetNotReadyError for a missing or incomplete dataset or a
 * missing chunk.
 */
export async function* readDatasetChunks(db: Db, id: string): AsyncGenerator<DatasetChunkRecord> {
  const dataset = await getCompleteDataset(db, id);
  for (let index = 0; index < dataset.chunkCount; index += 1) {
    const chunk = await db.get('datasetChunks', [id, index]);
    if (!chunk) {
      throw new DatasetNotReadyError(
        `Dataset “${dataset.name}” is missing chunk ${index + 1} of ${dataset.chunkCount}; delete it and import the file again.`,
      );
    }
    yield chunk;
  }
}

/** Store the last fitted preprocessing with the dataset (replaces the previous one). */
export async function saveDatasetPreparation(db: Db, id: string, pipeline: FittedPipeline): Promise<void> {
  const tx = db.transaction('datasets', 'readwrite');
  await runInTransaction(tx, `preparation of dataset ${id}`, async () => {
    const dataset = await tx.store.get(id);
    if (!dataset) throw notFound(id);
    await tx.store.put({ ...dataset, preparation: pipeline });
  });
}
