// The prediction playground and k-fold cross-validation of a trained run, for the training worker:
// describe the run's input form, predict one typed row, text or image with its latest checkpoint, cross-validate.
import { unlessBusy } from './run-messages';
import type { IDBPDatabase } from 'idb';
import { parseBooleanCell, parseDateCell } from '../src/engine/clean/cell-values';
import { OTHER_CATEGORY, type FeatureEncoder } from '../src/engine/clean/encoding-types';
import { encodeImageSplits, isImagePipeline, type ImagePipeline } from '../src/engine/data/image-pipeline';
import { cellToNumber, encodeFeatures, fitPipeline, isMissingCell } from '../src/engine/data/prepare';
import type { FittedPipeline } from '../src/engine/data/prepare-types';
import { DataInputError, type ColumnSummary, type ColumnType } from '../src/engine/data/table-types';
import { readImageHeader } from '../src/engine/image/image-header';
import { checkPixelBudget } from '../src/engine/image/pixel-budget';
import type { AppDB } from '../src/engine/storage/db';
import { getCompleteDataset, loadDatasetRows } from '../src/engine/storage/datasets-repo';
import type { RunRecord, StoredImageShape } from '../src/engine/storage/records';
import { getRun } from '../src/engine/storage/runs-repo';
import type { ImageDecoder } from '../src/engine/data/image-import';
import type { Trainer } from '../src/engine/train/training-loop';
import { loadRunTrainer } from './run-model';
import { outcomeOf, type Outcome } from './api-types';
import { crossValidateRun, type CrossValidationProgress, type CrossValidationResult } from './cross-validate';
import { backendForModel } from './model-backend';
import type { BackendChoice } from './train-events';

export type { CrossValidationProgress, CrossValidationResult, FoldResult, MetricSummary } from './cross-validate';

type Db = IDBPDatabase<AppDB>;

export interface PredictApiDeps {
  db: () => Promise<Db>;
  /** The worker's backend choice (made active); models routed off WebGPU switch as in training. */
  ensureBackend: () => Promise<BackendChoice>;
  /** Decodes an image to the stored size (default: the worker's canvas decoder, loaded on first use). */
  decodeImage?: ImageDecoder;
  /** Runs `work` holding the app-wide training lock ('busy' when another tab trains): cross-validation trains too. */
  withLock?: <T>(work: () => Promise<T>) => Promise<T | 'busy'>;
}

/** One input of the playground form: a raw column of the table. */
export interface PlaygroundField {
  column: string;
  /** How the cell is checked and shown: a number input, a select of `options`, a date, or free text. */
  kind: 'numeric' | 'categorical' | 'boolean' | 'date' | 'text';
  /** Known values (categorical/boolean): the categories the encoder learned, else the most frequent values. */
  options?: string[];
  /** False when the column had missing cells at import, so the model knows what an empty cell means. */
  required: boolean;
}

/** What the playground shows for a run: a row form (one text field = a text run) or an image drop zone. */
export type PlaygroundForm =
  | { kind: 'table' | 'text'; task: 'classification' | 'regression'; target: string; fields: PlaygroundField[]; example: Record<string, string> }
  | { kind: 'image'; task: 'classification'; target: string; shape: StoredImageShape };

/** A prediction: classes sorted by probability (highest first), or a value in target units. */
export type Prediction =
  | { kind: 'class'; label: string; probabilities: { label: string; probability: number }[]; notes: string[] }
  | { kind: 'value'; value: number; target: string; notes: string[] };

const NUMERIC_ENCODERS = new Set<FeatureEncoder['kind']>(['standardize', 'min-max', 'log1p', 'yeo-johnson', 'none']);
const FIELD_KIND: Partial<Record<FeatureEncoder['kind'], PlaygroundField['kind']>> = {
  'one-hot': 'categorical', ordinal: 'categorical', hash: 'categorical', boolean: 'boolean',
  'date-parts': 'date', 'bag-of-tokens': 'text', 'token-sequence': 'text',
};

/**
 * The raw column each cleaned column comes from, following renames, missing indicators and date parts
 * of the fitted cleaning (a dropped column has no entry).
 */
export function rawOrigins(pipeline: FittedPipeline, rawColumns: readonly string[]): Map<string, string> {
  const origin = new Map(rawColumns.map((c) => [c, c]));
  for (const { step } of pipeline.cleaning ?? []) {
    const from = 'column' in step ? origin.get(step.column) : undefined;
    if (step.kind === 'rename-column' && from !== undefined) {
      origin.delete(step.column);
      origin.set(step.to, from);
    } else if (step.kind === 'missing-indicator' && from !== undefined) origin.set(`${step.column}_was_missing`, from);
    else if (step.kind === 'date-parts' && from !== undefined) {
      origin.delete(step.column);
      for (const part of step.parts) origin.set(`${step.column}.${part}`, from);
    } else if (step.kind === 'drop-column') origin.delete(step.column);
  }
  return origin;
}

/** One field per raw column that feeds a feature, in table order (pure). */
export function playgroundFields(pipeline: FittedPipeline, columns: readonly string[], summaries: readonly ColumnSummary[]): PlaygroundField[] {
  const origin = rawOrigins(pipeline, columns);
  const byRaw = new Map<string, FeatureEncoder[]>();
  for (const encoder of pipeline.encoders) {
    const raw = origin.get(encoder.column);
    if (raw === undefined || raw === pipeline.spec.targetColumn) continue;
    byRaw.set(raw, [...(byRaw.get(raw) ?? []), encoder]);
  }
  const changed = new Map((pipeline.cleaning ?? []).flatMap(({ step }) => (step.kind === 'change-type' ? [[origin.get(step.column), step.to] as const] : [])));
  return columns.flatMap((column, j): PlaygroundField[] => {
    const encoders = byRaw.get(column);
    if (!encoders) return [];
    const summary = summaries[j];
    // The encoder of the column itself (not of its `_was_missing` indicator) decides how the cell is read.
    const own = encoders.find((e) => !e.column.endsWith('_was_missing')) ?? encoders[0];
    const type: ColumnType = changed.get(column) ?? summary.type;
    // A date split into parts by cleaning is typed as a date, whatever encodes its parts.
    const kind = type === 'date' ? 'date' : NUMERIC_ENCODERS.has(own.kind) ? 'numeric' : FIELD_KIND[own.kind] ?? (type === 'empty' ? 'text' : type);
    const learned = own.kind === 'one-hot' || own.kind === 'ordinal' ? own.categories.filter((c) => c !== OTHER_CATEGORY) : undefined;
    const options = kind === 'categorical' || kind === 'boolean' ? learned ?? summary.topValues?.map((t) => t.value) : undefined;
    return [{ column, kind, required: summary.missing === 0, ...(options?.length ? { options } : {}) }];
  });
}

/**
 * Check the typed cells against the fields; throws DataInputError('bad-feature') naming the column and
 * what to type. Returns notes for values the model never saw (an unseen category).
 */
export function checkCells(fields: readonly PlaygroundField[], cells: Record<string, string>): string[] {
  const notes: string[] = [];
  for (const field of fields) {
    const cell = Object.hasOwn(cells, field.column) ? String(cells[field.column]) : '';
    const name = `“${field.column}”`;
    if (isMissingCell(cell)) {
      if (field.required) throw new DataInputError('bad-feature', `${name} is empty; this model never saw it missing, so type a value.`);
      continue;
    }
    if (field.kind === 'numeric' && !Number.isFinite(cellToNumber(cell))) {
      throw new DataInputError('bad-feature', `${name} must be a number, but “${cell}” is not one; type digits such as 42 or 3.5.`);
    }
    if (field.kind === 'boolean' && !Number.isFinite(parseBooleanCell(cell))) {
      throw new DataInputError('bad-feature', `${name} must be true/false, yes/no or 1/0, but “${cell}” is none of them.`);
    }
    if (field.kind === 'date' && !parseDateCell(cell)) {
      throw new DataInputError('bad-feature', `${name} must be a date such as 2024-01-31, but “${cell}” is not one.`);
    }
    if (field.kind === 'categorical' && field.options && !field.options.includes(cell.trim())) {
      notes.push(`${name} = “${cell.trim()}” was not among the training values, so the model treats it as unknown.`);
    }
  }
  return notes;
}

/** The prediction for one row of model outputs: sorted class probabilities, or the un-standardized value. */
export function readPrediction(pipeline: FittedPipeline, outputs: Float32Array, notes: string[]): Prediction {
  const bad = outputs.find((v) => !Number.isFinite(v));
  if (bad !== undefined) throw new Error(`The model produced ${bad} (training diverged); train it again with a lower learning rate.`);
  if (pipeline.spec.task === 'classification') {
    const classes = pipeline.classes ?? [];
    const probabilities = classes.map((label, c) => ({ label, probability: outputs[c] }));
    probabilities.sort((a, b) => b.probability - a.probability);
    return { kind: 'class', label: probabilities[0]?.label ?? '', probabilities, notes };
  }
  const { mean, std } = pipeline.targetScale ?? { mean: 0, std: 1 };
  return { kind: 'value', value: outputs[0] * std + mean, target: pipeline.spec.targetColumn, notes };
}

/**
 * One typed row (cells by raw column name) encoded as the run's pipeline encodes a table row: x is [1, features].
 * Throws DataInputError naming a bad cell; `notes` name values the model never saw.
 */
export async function encodeTypedRow(db: Db, pipeline: FittedPipeline, datasetId: string, cells: Record<string, string>): Promise<{ x: Float32Array; notes: string[] }> {
  const dataset = await getCompleteDataset(db, datasetId);
  const columns = dataset.layout?.columns ?? [];
  const notes = checkCells(playgroundFields(pipeline, columns, dataset.summaries ?? []), cells);
  const row = columns.map((c) => (Object.hasOwn(cells, c) && c !== pipeline.spec.targetColumn ? String(cells[c]) : ''));
  return { x: encodeFeatures(pipeline, [row], columns).x, notes };
}

/** Build the prediction API. Keeps the model of the last run predicted with until another run is asked for. */
export function createPredictApi(deps: PredictApiDeps) {
  let cached: { key: string; trainer: Trainer } | undefined;
  let stopRequested = false;

  async function requireRun(runId: string): Promise<RunRecord> {
    const run = await getRun(await deps.db(), runId);
    if (!run) throw new Error('That run no longer exists.');
    if (run.languageModel) throw new Error('A language model has no prediction playground; use “Generate” in its panel.');
    return run;
  }

  function release(): void {
    cached?.trainer.dispose();
    cached = undefined;
  }

  /** The run's model with its latest checkpoint's (evaluated) weights, on the backend it trains on. */
  async function trainerFor(run: RunRecord): Promise<Trainer> {
    const key = `${run.id}@${run.updatedAt}`;
    await backendForModel(await deps.ensureBackend(), run.modelSpec);
    if (cached?.key === key) return cached.trainer;
    release();
    const trainer = await loadRunTrainer(await deps.db(), run);
    cached = { key, trainer };
    return trainer;
  }

  async function predictCells(runId: string, cells: Record<string, string>): Promise<Prediction> {
    const run = await requireRun(runId);
    if (isImagePipeline(run.pipeline)) throw new Error('This run classifies images; drop an image instead.');
    const { x, notes } = await encodeTypedRow(await deps.db(), run.pipeline, run.datasetId, cells);
    return readPrediction(run.pipeline, await (await trainerFor(run)).predict(x, 1), notes);
  }

  return {
    /** The playground form of a run: its raw input columns with a test row as example, or the image size. */
    playgroundForm(runId: string): Promise<Outcome<PlaygroundForm>> {
      return outcomeOf(async () => {
        const run = await requireRun(runId);
        const { pipeline } = run;
        const target = pipeline.spec.targetColumn;
        if (isImagePipeline(pipeline)) return { kind: 'image', task: 'classification', target: 'label', shape: pipeline.input.shape };
        const db = await deps.db();
        const dataset = await getCompleteDataset(db, run.datasetId);
        const columns = dataset.layout?.columns ?? [];
        const fields = playgroundFields(pipeline, columns, dataset.summaries ?? []);
        const rows = await loadDatasetRows(db, run.datasetId);
        // The first test row (the split is re-derived from the stored spec, as training did).
        const { assignment } = fitPipeline(rows, columns, dataset.summaries ?? [], pipeline.spec);
        const first = rows[Math.max(0, assignment.indexOf(2))] ?? [];
        const example = Object.fromEntries(fields.map((f) => [f.column, first[columns.indexOf(f.column)] ?? '']));
        const kind = fields.length === 1 && fields[0].kind === 'text' ? 'text' : 'table';
        return { kind, task: pipeline.spec.task, target, fields, example };
      });
    },

    /** Predict one row typed as raw cells by column name (columns left out count as empty). */
    predictRow(runId: string, cells: Record<string, string>): Promise<Outcome<Prediction>> {
      return outcomeOf(() => predictCells(runId, cells));
    },

    /** Predict one text for a run whose only input is a text column. */
    predictText(runId: string, text: string): Promise<Outcome<Prediction>> {
      return outcomeOf(async () => {
        const run = await requireRun(runId);
        const dataset = await getCompleteDataset(await deps.db(), run.datasetId);
        const fields = playgroundFields(run.pipeline, dataset.layout?.columns ?? [], dataset.summaries ?? []);
        const textField = fields.find((f) => f.kind === 'text');
        if (!textField) throw new Error('This run has no text column; fill in the row form instead.');
        if (text.trim() === '') throw new DataInputError('bad-feature', `“${textField.column}” is empty; paste or type some text.`);
        return predictCells(runId, { [textField.column]: text });
      });
    },

    /**
     * Predict one image file (its bytes): header and pixel budget checked, decoded and fitted to the run's
     * stored size, fit and colour exactly as the import did, standardized as in training.
     */
    predictImage(runId: string, image: Blob | Uint8Array | ArrayBuffer): Promise<Outcome<Prediction>> {
      return outcomeOf(async () => {
        const run = await requireRun(runId);
        const pipeline = run.pipeline;
        if (!isImagePipeline(pipeline)) throw new Error('This run does not classify images; fill in the row form instead.');
        const bytes = image instanceof Uint8Array ? image : new Uint8Array(image instanceof Blob ? await image.arrayBuffer() : image);
        const header = readImageHeader(bytes);
        checkPixelBudget(header);
        const decode = deps.decodeImage ?? (await import('./image-decode')).decodeImageInWorker;
        const pixels = await decode(bytes, header, pipeline.input.shape).catch((error: unknown) => {
          throw new DataInputError('corrupt-image', `The image could not be decoded (${error instanceof Error ? error.message : String(error)}); it is probably damaged. Try another file.`);
        });
        return readPrediction(pipeline, await (await trainerFor(run)).predict(await encodeOneImage(pipeline, pixels), 1), []);
      });
    },

    /**
     * k-fold cross-validation of the run's preprocessing and model (see cross-validate.ts). `onProgress`
     * hears each fold's start, epochs and result. `maxEpochs` caps the stored epochs per fold.
     */
    crossValidate(runId: string, folds: number, onProgress?: (progress: CrossValidationProgress) => void,
      options: { maxEpochs?: number } = {}): Promise<Outcome<CrossValidationResult>> {
      return outcomeOf(async () => {
        const run = await requireRun(runId);
        release();
        stopRequested = false;
        await backendForModel(await deps.ensureBackend(), run.modelSpec);
        const withLock = deps.withLock ?? (async <T>(work: () => Promise<T>) => work());
        return unlessBusy(await withLock(async () => crossValidateRun(await deps.db(), run, folds, { ...options, onProgress, shouldStop: () => stopRequested })));
      });
    },

    /** Ask a running cross-validation to stop; it ends within one batch with a 'cancelled' problem. */
    stopCrossValidation(): void {
      stopRequested = true;
    },

    /** Free the model kept for predictions (e.g. before training starts). */
    releasePredictor(): void {
      release();
    },
  };
}

/** Standardize one decoded image exactly as the training images were (through the same encoder). */
async function encodeOneImage(pipeline: ImagePipeline, pixels: Uint8Array): Promise<Float32Array> {
  const one = { ...pipeline, counts: { train: 0, validation: 0, test: 1 } };
  const chunk = { datasetId: '', index: 0, rows: [['', pipeline.classes?.[0] ?? '']], pixels };
  const splits = await encodeImageSplits(one, (async function* () { yield chunk; })(), Uint8Array.of(2));
  return splits[2].x;
}

/** The prediction worker's interface, derived from the factory. */
export type PredictApi = ReturnType<typeof createPredictApi>;
