// The data worker's API: import files into IndexedDB, list/inspect/delete datasets, fit the
// preprocessing, and read run records. Side-effect free until called; tests import it directly.
import type { IDBPDatabase } from 'idb';
import { defaultPrepareSpec } from '../src/engine/data/prepare';
import { fitDatasetPipeline } from './prepared-data';
import type { FittedPipeline, PrepareSpec } from '../src/engine/data/prepare-types';
import type { AppDB } from '../src/engine/storage/db';
import {
  completeDataset,
  createDataset,
  deleteDataset,
  discardDataset,
  getDataset,
  markDatasetFailed,
  listDatasets,
  putDatasetChunk,
  saveDatasetPreparation,
  type DatasetImportResult,
} from '../src/engine/storage/datasets-repo';
import type { ImageDecoder } from '../src/engine/data/image-import';
import type { DataInputProblem } from '../src/engine/data/table-types';
import { readImageSamples, type ImageSamples } from './dataset-samples';
import { previewImageAugmentation, type AugmentPreview } from './augment-preview';
import { uiRegistries, type UiRegistries } from './registries';
import { exportDatasetCsv } from './dataset-export';
import type { TrainAugmentation } from '../src/engine/train/batch-augment';
import { fileSetName, importFileSet, streamOnlyFile, type FileSetOptions, type FileToImport, type ImportContext } from './import-files';
import { deleteRun, getRun, listRuns } from '../src/engine/storage/runs-repo';
import { createHistoryApi } from './history-api';
import { cleanupCheckpointLeftovers } from '../src/engine/storage/checkpoints-repo';
import type { DatasetChunkPayload, DatasetRecord, RunRecord } from '../src/engine/storage/records';
import { pipelineWrites } from '../src/engine/storage/pipelined-writes';
import { problemFrom, type ImportProgress, type Outcome } from './api-types';
import { computeDatasetQuality, type DatasetQuality, type DatasetQualityOptions } from './dataset-quality';
import { tokenizeText, type TokenizeTextRequest, type TokenizeTextResult } from './tokenize-text';

export interface DataApiDeps {
  /** Opens (once) and returns the app database. */
  db: () => Promise<IDBPDatabase<AppDB>>;
  /** True while some tab holds the training lock (its checkpoint writes must not be cleaned up). */
  isTrainingRunning?: () => Promise<boolean>;
  /** Decodes images (a canvas in the worker); without it image imports are refused. */
  decodeImage?: ImageDecoder;
  /** Reads a URL as a byte stream (bundled samples); defaults to fetch. */
  fetchStream?: (url: string) => Promise<{ body: ReadableStream<Uint8Array>; size: number }>;
}

export type ImportOptions = FileSetOptions;

const refuseImages: ImageDecoder = async () => {
  throw new Error('this context cannot decode images');
};

const PROGRESS_INTERVAL_MS = 100;
/** Chunk writes allowed in flight while the import keeps reading (bounds memory to a few chunks). */
const WRITES_IN_FLIGHT = 3;

async function fetchAsStream(url: string): Promise<{ body: ReadableStream<Uint8Array>; size: number }> {
  const response = await fetch(url);
  if (!response.ok || !response.body) throw new Error(`Could not read ${url} (HTTP ${response.status}).`);
  return { body: response.body, size: Number(response.headers.get('content-length') ?? 0) };
}

/** Build the data API. Every method returns plain cloneable data. */
export function createDataApi(deps: DataApiDeps) {
  let runningImport: AbortController | undefined;
  const fetchStream = deps.fetchStream ?? fetchAsStream;

  /**
   * Run one import into a new dataset. A problem with the input removes the partial dataset (nothing
   * to keep); a cancel or a storage failure keeps it as 'failed' so the user sees it and can delete it.
   * Other datasets are never touched.
   */
  async function runImport(
    name: string,
    totalBytes: number,
    body: (ctx: Omit<ImportContext, 'options'>) => Promise<DatasetImportResult>,
    onProgress?: (p: ImportProgress) => void,
  ): Promise<Outcome<DatasetRecord>> {
    const db = await deps.db();
    const controller = new AbortController();
    runningImport = controller;
    let dataset: DatasetRecord | undefined;
    let lastReport = 0;
    try {
      dataset = await createDataset(db, { name, byteSize: totalBytes });
      const datasetId = dataset.id;
      // Parsing goes on while the previous chunks commit; each chunk is still its own transaction.
      const writer = pipelineWrites((payload: DatasetChunkPayload, index: number) => putDatasetChunk(db, datasetId, index, payload), WRITES_IN_FLIGHT);
      const result = await body({
        sink: { writeChunk: (payload, index) => writer.write(payload, index) },
        signal: controller.signal,
        decodeImage: deps.decodeImage ?? refuseImages,
        onProgress: (bytesRead) => {
          const now = Date.now();
          if (onProgress && now - lastReport >= PROGRESS_INTERVAL_MS) {
            lastReport = now;
            onProgress({ bytesRead, totalBytes });
          }
        },
      });
      await writer.drain();
      await completeDataset(db, datasetId, result);
      onProgress?.({ bytesRead: result.bytesRead ?? totalBytes, totalBytes: totalBytes || (result.bytesRead ?? 0) });
      const stored = await getDataset(db, datasetId);
      if (!stored) throw new Error('The dataset vanished right after it was written.');
      return { ok: true, value: stored };
    } catch (error) {
      const problem: DataInputProblem = controller.signal.aborted
        ? { code: 'cancelled', message: `Import of “${name}” was cancelled. The part read so far is listed as incomplete; delete it or import again.`, rows: [] }
        : problemFrom(error);
      if (dataset) {
        const keep = problem.code === 'cancelled' || problem.code === 'storage';
        await (keep ? markDatasetFailed(db, dataset.id, problem.message) : discardDataset(db, dataset.id)).catch(() => undefined);
      }
      return { ok: false, problem };
    } finally {
      if (runningImport === controller) runningImport = undefined;
    }
  }

  function importSet(files: FileToImport[], options: FileSetOptions, onProgress?: (p: ImportProgress) => void) {
    const totalBytes = files.reduce((n, f) => n + f.file.size, 0);
    return runImport(fileSetName(files), totalBytes, (ctx) => importFileSet(files, { ...ctx, options }), onProgress);
  }

  return {
    /** Whether some tab is training right now (it holds the training lock). */
    async isTrainingRunning(): Promise<boolean> {
      return (await deps.isTrainingRunning?.()) ?? false;
    },

    /** Start-up housekeeping: remove checkpoint writes that a crash or reload interrupted. Returns how many. */
    async removeInterruptedWrites(): Promise<number> {
      if (await deps.isTrainingRunning?.()) return 0;
      return cleanupCheckpointLeftovers(await deps.db());
    },

    /** Import one table file (a File or Blob from the page) under `name`. */
    async importCsvFile(file: Blob, name: string, options: ImportOptions = {}, onProgress?: (p: ImportProgress) => void) {
      return importSet([{ file, path: [name] }], options, onProgress);
    },

    /**
     * Import dropped or picked files: one table, one .txt corpus, one .zip, or folders of images or
     * texts (one folder per class). `path` holds the folder names down to the file.
     */
    async importFiles(files: FileToImport[], options: FileSetOptions = {}, onProgress?: (p: ImportProgress) => void) {
      return importSet(files, options, onProgress);
    },

    /** Import a bundled sample by URL (fetched inside the worker); `fileName` decides how it is read. */
    async importSample(url: string, name: string, onProgress?: (p: ImportProgress) => void, fileName = 'sample.csv') {
      const { body, size } = await fetchStream(url);
      // Archives need random access: buffer those (samples are small); stream everything else.
      const file = fileName.toLowerCase().endsWith('.zip') ? await new Response(body).blob() : streamOnlyFile(body, size);
      return runImport(name, size || file.size, (ctx) => importFileSet([{ file, path: [fileName] }], { ...ctx, options: {} }), onProgress);
    },

    /** A few stored images per class of an image dataset, for the gallery and the augmentation preview. */
    async imageSamples(datasetId: string, perClass?: number): Promise<Outcome<ImageSamples>> {
      try {
        return { ok: true, value: await readImageSamples(await deps.db(), datasetId, perClass) };
      } catch (error) {
        return { ok: false, problem: problemFrom(error) };
      }
    },

    /** The option registries the UI renders its forms from (cleaning, encodings, tokenizers, augmentations). */
    registries(): UiRegistries {
      return uiRegistries();
    },

    /** Fit a tokenizer on a dataset's training text and measure it, for the Tokenize tab (stores nothing). */
    async tokenizeText(datasetId: string, request: TokenizeTextRequest): Promise<Outcome<TokenizeTextResult>> {
      try {
        return { ok: true, value: await tokenizeText(await deps.db(), datasetId, request) };
      } catch (error) {
        return { ok: false, problem: problemFrom(error) };
      }
    },

    /** Stored images with augmented versions, to preview augmentation settings before training. */
    async previewAugmentation(datasetId: string, augmentation: TrainAugmentation, seed = 1): Promise<Outcome<AugmentPreview>> {
      try {
        return { ok: true, value: await previewImageAugmentation(await deps.db(), datasetId, augmentation, seed) };
      } catch (error) {
        return { ok: false, problem: problemFrom(error) };
      }
    },

    /** The table as a CSV file (cells a spreadsheet would run as formulas are written as text). */
    async exportCsv(datasetId: string): Promise<Outcome<Blob>> {
      try {
        return { ok: true, value: await exportDatasetCsv(await deps.db(), datasetId) };
      } catch (error) {
        return { ok: false, problem: problemFrom(error) };
      }
    },

    /** Cancel the import in progress, if any. */
    cancelImport(): void {
      runningImport?.abort();
    },

    async listDatasets(): Promise<DatasetRecord[]> {
      return listDatasets(await deps.db());
    },

    async getDataset(id: string): Promise<DatasetRecord | undefined> {
      return getDataset(await deps.db(), id);
    },

    async deleteDataset(id: string): Promise<void> {
      await deleteDataset(await deps.db(), id);
    },

    /** The dataset's data-quality report (two passes over its chunks; see computeDatasetQuality). */
    async qualityReport(datasetId: string, options: DatasetQualityOptions = {}): Promise<Outcome<DatasetQuality>> {
      try {
        return { ok: true, value: await computeDatasetQuality(await deps.db(), datasetId, options) };
      } catch (error) {
        return { ok: false, problem: problemFrom(error) };
      }
    },

    /** The stored preparation's spec, or the defaults (last column as target, 70/15/15). */
    async suggestPrepareSpec(datasetId: string): Promise<PrepareSpec | undefined> {
      const dataset = await getDataset(await deps.db(), datasetId);
      if (!dataset?.layout || !dataset.summaries || dataset.kind === 'corpus') return undefined;
      if (dataset.preparation) return dataset.preparation.spec;
      const spec = defaultPrepareSpec(dataset.layout.columns, dataset.summaries);
      // Images: the folder label is the target; the pixels, not the file metadata, are the features.
      return dataset.kind === 'images' ? { ...spec, targetColumn: 'label', task: 'classification', featureColumns: [] } : spec;
    },

    /** Fit the preprocessing (on the train split only) and store it with the dataset. */
    async prepareDataset(datasetId: string, spec: PrepareSpec): Promise<Outcome<FittedPipeline>> {
      try {
        const db = await deps.db();
        const { pipeline } = await fitDatasetPipeline(db, datasetId, spec);
        await saveDatasetPreparation(db, datasetId, pipeline);
        return { ok: true, value: pipeline };
      } catch (error) {
        return { ok: false, problem: problemFrom(error) };
      }
    },

    async listRuns(): Promise<RunRecord[]> {
      return listRuns(await deps.db());
    },

    async getRun(id: string): Promise<RunRecord | undefined> {
      return getRun(await deps.db(), id);
    },

    async deleteRun(id: string): Promise<void> {
      await deleteRun(await deps.db(), id);
    },

    ...createHistoryApi({ db: deps.db }),
  };
}

/** The data worker's interface, derived from the factory (never re-declared). */
export type DataApi = ReturnType<typeof createDataApi>;
