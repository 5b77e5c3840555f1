// The one place that turns a stored dataset into a fitted pipeline and encoded splits, whatever
// its kind: tables through the tabular pipeline, images through the image pipeline.
import type { IDBPDatabase } from 'idb';
import { encodeImageSplits, fitImagePipeline, fitPixelStandardization, isImagePipeline } from '../src/engine/data/image-pipeline';
import { encodeRows, fitPipeline } from '../src/engine/data/prepare';
import type { EncodedSplit, FittedPipeline, PrepareSpec } from '../src/engine/data/prepare-types';
import type { AppDB } from '../src/engine/storage/db';
import { getCompleteDataset, loadDatasetRows, readDatasetChunks } from '../src/engine/storage/datasets-repo';
import type { DatasetRecord } from '../src/engine/storage/records';

type Db = IDBPDatabase<AppDB>;

/** The labels of an image dataset in row order (metadata column 1), read chunk by chunk. */
async function imageLabels(db: Db, datasetId: string): Promise<string[]> {
  const labels: string[] = [];
  for await (const chunk of readDatasetChunks(db, datasetId)) for (const row of chunk.rows) labels.push(row[1] ?? '');
  return labels;
}

function requireTableLayout(dataset: DatasetRecord) {
  if (!dataset.layout || !dataset.summaries) throw new Error(`Dataset “${dataset.name}” has no table; import it again.`);
  return { columns: dataset.layout.columns, summaries: dataset.summaries };
}

/**
 * Fit the preprocessing of a complete dataset for `spec` (statistics from the training split only).
 * Corpus datasets have nothing to fit for a classifier and are refused with a message.
 */
export async function fitDatasetPipeline(db: Db, datasetId: string, spec: PrepareSpec): Promise<{ pipeline: FittedPipeline; assignment: Uint8Array }> {
  const dataset = await getCompleteDataset(db, datasetId);
  const kind = dataset.kind ?? 'table';
  if (kind === 'images') {
    if (!dataset.imageShape) throw new Error(`Dataset “${dataset.name}” lacks its image size; import it again.`);
    const labels = await imageLabels(db, datasetId);
    const { assignment } = fitImagePipeline(labels, dataset.imageShape, spec);
    const scale = await fitPixelStandardization(dataset.imageShape, readDatasetChunks(db, datasetId), assignment);
    return fitImagePipeline(labels, dataset.imageShape, spec, scale);
  }
  if (kind === 'corpus') throw new Error('A text corpus has no column to predict; it is for language models.');
  const { columns, summaries } = requireTableLayout(dataset);
  const rows = await loadDatasetRows(db, datasetId);
  return fitPipeline(rows, columns, summaries, spec);
}

/**
 * The encoded train, validation and test splits for a stored pipeline. Re-fitting with the stored
 * spec is deterministic, so it reproduces the same split assignment; encoding uses the stored pipeline.
 * For tables, `testPreview(i)` is a short text of test row i for the evaluation's worst examples:
 * "column: value" pairs of the raw row, the target left out, cut to 160 characters.
 */
export async function loadEncodedSplits(db: Db, datasetId: string, pipeline: FittedPipeline): Promise<{
  splits: [EncodedSplit, EncodedSplit, EncodedSplit];
  testPreview?: (i: number) => string | undefined;
}> {
  const dataset = await getCompleteDataset(db, datasetId);
  if (isImagePipeline(pipeline)) {
    const { assignment } = fitImagePipeline(await imageLabels(db, datasetId), pipeline.input.shape, pipeline.spec, pipeline.input.scale);
    const [train, validation, test] = await encodeImageSplits(pipeline, readDatasetChunks(db, datasetId), assignment);
    return { splits: [train, validation, test] };
  }
  const { columns, summaries } = requireTableLayout(dataset);
  const rows = await loadDatasetRows(db, dataset.id);
  const { assignment } = fitPipeline(rows, columns, summaries, pipeline.spec);
  const splits = [0, 1, 2].map((split) => encodeRows(pipeline, rows, columns, assignment, split as 0 | 1 | 2)) as [EncodedSplit, EncodedSplit, EncodedSplit];
  // encodeRows takes a split's rows in table order, so the i-th test row is the i-th row assigned to 2.
  const testRows = rows.filter((_, r) => assignment[r] === 2);
  return { splits, testPreview: (i) => rowPreview(testRows[i], columns, pipeline.spec.targetColumn) };
}

const PREVIEW_LENGTH = 160;

/** "column: value · …" of a raw row without the target, cut to PREVIEW_LENGTH characters. */
function rowPreview(row: string[] | undefined, columns: string[], target: string): string | undefined {
  if (!row) return undefined;
  const text = columns.flatMap((c, j) => (c === target ? [] : [`${c}: ${row[j] ?? ''}`])).join(' · ');
  return text.length > PREVIEW_LENGTH ? `${text.slice(0, PREVIEW_LENGTH - 1)}…` : text;
}
