// k-fold cross-validation of a run: for each fold, refit the run's preprocessing on the other folds only,
// train its model spec with its TrainConfig, score the held-out fold, then mean ± std of each metric.
import type { IDBPDatabase } from 'idb';
import { tokenCountFeatureIndices } from '../src/engine/clean/encoder-apply';
import { encodeImageSplits, fitPixelStandardization, isImagePipeline, type ImagePipeline } from '../src/engine/data/image-pipeline';
import { cellToNumber, encodeRows, fitPipeline, isMissingCell } from '../src/engine/data/prepare';
import type { EncodedSplit, FittedPipeline, PrepareSpec } from '../src/engine/data/prepare-types';
import { assignFolds, assignSplits, SPLIT_DROPPED } from '../src/engine/data/split';
import { DataInputError } from '../src/engine/data/table-types';
import { classificationReport } from '../src/engine/metrics/classification-report';
import { regressionReport } from '../src/engine/metrics/regression-report';
import type { AnyModelSpec } from '../src/engine/model/model-types';
import type { AppDB } from '../src/engine/storage/db';
import { getCompleteDataset, loadDatasetRows, readDatasetChunks } from '../src/engine/storage/datasets-repo';
import type { RunRecord } from '../src/engine/storage/records';
import { Trainer, type TrainerData } from '../src/engine/train/training-loop';
import { presetInput } from './model-choice';

type Db = IDBPDatabase<AppDB>;

/** Metrics summarised over folds: classification first, then regression (errors in target units). */
export const CV_METRICS = {
  accuracy: 'Accuracy', macroF1: 'Macro F1', balancedAccuracy: 'Balanced accuracy', logLoss: 'Log loss', rocAuc: 'ROC AUC',
  mae: 'Mean absolute error', rmse: 'Root mean squared error', r2: 'R²',
} as const;
export type CvMetric = keyof typeof CV_METRICS;
const TASK_METRICS: Record<'classification' | 'regression', CvMetric[]> = {
  classification: ['accuracy', 'macroF1', 'balancedAccuracy', 'logLoss', 'rocAuc'],
  regression: ['mae', 'rmse', 'r2'],
};

/** One fold's sizes and held-out scores; a metric is null where it is undefined (never NaN). */
export interface FoldResult {
  fold: number;
  trainCount: number;
  validationCount: number;
  testCount: number;
  epochs: number;
  metrics: Partial<Record<CvMetric, number | null>>;
  notes: string[];
}

/** Mean and population std (divides by the number of folds with a value) of one metric; null when no fold has it. */
export interface MetricSummary {
  metric: CvMetric;
  label: string;
  mean: number | null;
  std: number | null;
  /** Folds that gave a value. */
  count: number;
}

export interface CrossValidationResult {
  task: 'classification' | 'regression';
  k: number;
  /** Epochs each fold trained for (the run's, capped by maxEpochs). */
  epochs: number;
  folds: FoldResult[];
  summary: MetricSummary[];
}

/** Reported when a fold starts (epoch 0), after each of its epochs, and with its result when scored. */
export interface CrossValidationProgress {
  fold: number;
  folds: number;
  epoch: number;
  epochs: number;
  result?: FoldResult;
}

export interface CrossValidationOptions {
  /** Most epochs per fold (default: the run's own). */
  maxEpochs?: number;
  onProgress?: (progress: CrossValidationProgress) => void;
  /** Checked before every batch; true ends with DataInputError('cancelled'). */
  shouldStop?: () => boolean;
}

/** Mean ± population std of each metric over the folds that have it (pure). */
export function summarizeFolds(task: 'classification' | 'regression', folds: readonly FoldResult[]): MetricSummary[] {
  return TASK_METRICS[task].map((metric) => {
    const values = folds.map((f) => f.metrics[metric]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    if (values.length === 0) return { metric, label: CV_METRICS[metric], mean: null, std: null, count: 0 };
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const std = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
    return { metric, label: CV_METRICS[metric], mean, std, count: values.length };
  });
}

/** Held-out metrics of model outputs (probabilities [n, k] or standardized values [n]); nulls, never NaN. */
export function foldMetrics(pipeline: FittedPipeline, test: EncodedSplit, outputs: Float32Array): { metrics: FoldResult['metrics']; notes: string[] } {
  const task = pipeline.spec.task;
  if (test.n === 0) return { metrics: nullMetrics(task), notes: ['The held-out fold has no rows to score.'] };
  if (outputs.some((v) => !Number.isFinite(v))) return { metrics: nullMetrics(task), notes: ['The model produced NaN or Infinity (training diverged); this fold has no scores.'] };
  if (task === 'classification') {
    const classes = pipeline.classes ?? [];
    const r = classificationReport(test.y, outputs, test.n, classes.length, classes, { maxCurvePoints: 2 });
    return { metrics: { accuracy: r.accuracy, macroF1: r.macro.f1, balancedAccuracy: finite(r.balancedAccuracy), logLoss: finite(r.logLoss), rocAuc: finite(r.rocAuc) }, notes: [] };
  }
  const { mean, std } = pipeline.targetScale ?? { mean: 0, std: 1 };
  const r = regressionReport(Float64Array.from(test.y, (v) => v * std + mean), Float64Array.from(outputs, (v) => v * std + mean), { maxPoints: 2 });
  return { metrics: { mae: r.mae, rmse: r.rmse, r2: finite(r.r2) }, notes: r.notes.filter((n) => n.startsWith('R²')) };
}

const finite = (v: number | null): number | null => (v !== null && Number.isFinite(v) ? v : null);
const nullMetrics = (task: 'classification' | 'regression') => Object.fromEntries(TASK_METRICS[task].map((m) => [m, null]));

/** The run's model spec with its input and output sizes set for a fold's pipeline (vocabularies and categories differ per fold). */
export function specForPipeline(spec: AnyModelSpec, pipeline: FittedPipeline): AnyModelSpec {
  const outputSize = pipeline.spec.task === 'classification' ? pipeline.classes?.length ?? 0 : 1;
  const input = presetInput(pipeline);
  if (spec.kind === 'mlp') return { ...spec, inputSize: pipeline.featureNames.length, outputSize };
  if (spec.kind === 'transformer' && input.kind === 'text') return { ...spec, vocabSize: input.vocabSize, sequenceLength: input.sequenceLength, outputSize };
  if (spec.kind === 'rnn' && spec.input.type === 'tokens' && input.kind === 'text') {
    return { ...spec, input: { ...spec.input, vocabSize: input.vocabSize, sequenceLength: input.sequenceLength }, outputSize };
  }
  if (spec.kind === 'gpt') throw new Error('A language model is not cross-validated; its validation loss is its held-out score.');
  return { ...spec, outputSize };
}

/** The validation share of the non-test rows, so each fold's training part is split like the run's train + validation. */
function innerSplit(spec: PrepareSpec) {
  const validation = spec.split.validation / (spec.split.train + spec.split.validation);
  return { train: 1 - validation, validation, test: 0 };
}

/** Rows the user chose to drop (drop-rows steps; raw row indices). */
const chosenDrops = (spec: PrepareSpec) => new Set((spec.cleaning ?? []).flatMap((s) => (s.kind === 'drop-rows' ? s.rows : [])));

/** A fold's prepared data: the pipeline fitted on the training part and the encoded splits. */
interface FoldData { pipeline: FittedPipeline; train: EncodedSplit; validation: EncodedSplit; test: EncodedSplit; notes: string[] }

/** Table datasets: the usable rows, their fold, and a function preparing fold f. */
async function tableFolds(db: Db, run: RunRecord, k: number) {
  const dataset = await getCompleteDataset(db, run.datasetId);
  const columns = dataset.layout?.columns ?? [];
  const summaries = dataset.summaries ?? [];
  const rows = await loadDatasetRows(db, run.datasetId);
  const spec = run.pipeline.spec;
  const classification = spec.task === 'classification';
  const targetCol = columns.indexOf(spec.targetColumn);
  const drops = chosenDrops(spec);
  const usable = rows.flatMap((row, r) => {
    const cell = row[targetCol];
    const ok = cell !== undefined && !isMissingCell(cell) && (classification || Number.isFinite(cellToNumber(cell)));
    return ok && !drops.has(r) ? [r] : [];
  });
  const fold = assignFolds(classification ? usable.map((r) => rows[r][targetCol].trim()) : usable.length, k, spec.seed, classification);
  return (f: number): FoldData => {
    const trainIds = usable.filter((_, i) => fold[i] !== f);
    const position = new Map(trainIds.map((r, i) => [r, i]));
    // drop-rows steps name raw rows; in the fold's sub-table they are renumbered (their rows were left out above).
    const cleaning = spec.cleaning?.map((s) => (s.kind === 'drop-rows' ? { ...s, rows: s.rows.flatMap((r) => (position.has(r) ? [position.get(r)!] : [])) } : s));
    const part = trainIds.map((r) => rows[r]);
    const { pipeline, assignment } = fitPipeline(part, columns, summaries, { ...spec, split: innerSplit(spec), ...(cleaning ? { cleaning } : {}) });
    const known = new Set(pipeline.classes ?? []);
    const held = usable.filter((r, i) => fold[i] === f && (!classification || known.has(rows[r][targetCol].trim()))).map((r) => rows[r]);
    const unseen = usable.filter((_, i) => fold[i] === f).length - held.length;
    return {
      pipeline, train: encodeRows(pipeline, part, columns, assignment, 0), validation: encodeRows(pipeline, part, columns, assignment, 1),
      test: encodeRows(pipeline, held, columns, new Uint8Array(held.length).fill(2), 2),
      notes: unseen ? [`${unseen} held-out row(s) have a class missing from this fold's training part and were not scored.`] : [],
    };
  };
}

/** Image datasets: pixel standardization refitted on each fold's training part. */
async function imageFolds(db: Db, run: RunRecord & { pipeline: ImagePipeline }, k: number) {
  const labels: string[] = [];
  for await (const chunk of readDatasetChunks(db, run.datasetId)) for (const row of chunk.rows) labels.push((row[1] ?? '').trim());
  const { spec, input } = run.pipeline;
  const drops = chosenDrops(spec);
  const usable = labels.flatMap((label, i) => (label !== '' && !drops.has(i) ? [i] : []));
  const fold = assignFolds(usable.map((i) => labels[i]), k, spec.seed, true);
  return async (f: number): Promise<FoldData> => {
    const trainIds = usable.filter((_, i) => fold[i] !== f);
    const inner = assignSplits(trainIds.map((i) => labels[i]), innerSplit(spec), spec.seed, true);
    const assignment = new Uint8Array(labels.length).fill(SPLIT_DROPPED);
    trainIds.forEach((row, i) => { assignment[row] = inner[i]; });
    usable.forEach((row, i) => { if (fold[i] === f) assignment[row] = 2; });
    const count = (s: number) => assignment.filter((a) => a === s).length;
    const scale = await fitPixelStandardization(input.shape, readDatasetChunks(db, run.datasetId), assignment);
    const pipeline: ImagePipeline = { ...run.pipeline, input: { ...input, scale }, counts: { train: count(0), validation: count(1), test: count(2) } };
    const [train, validation, test] = await encodeImageSplits(pipeline, readDatasetChunks(db, run.datasetId), assignment);
    return { pipeline, train, validation, test, notes: [] };
  };
}

/** The trainer data of a fold, with the image and token-count facts augmentation needs (as training builds them). */
function trainerData(fold: FoldData): TrainerData {
  const { pipeline } = fold;
  const input = isImagePipeline(pipeline) ? pipeline.input : undefined;
  const tokenCountColumns = tokenCountFeatureIndices(pipeline.encoders);
  return {
    train: fold.train, validation: fold.validation,
    ...(input ? { image: { shape: [input.shape.height, input.shape.width, input.shape.channels] as const, mean: input.scale.mean, std: input.scale.std } } : {}),
    ...(tokenCountColumns.length ? { tokenCountColumns } : {}),
  };
}

/**
 * Cross-validate `run` with `k` seeded folds (stratified by class for classification; seed = the pipeline's).
 * Every fold refits the preprocessing on the other k-1 folds (split again into train and validation in the
 * run's proportions), trains a fresh model with the run's TrainConfig on one worker, and scores the held-out
 * fold. The active tfjs backend is used. Throws RangeError for k outside 2..min(10, rows), and
 * DataInputError('cancelled') when `shouldStop` ends it.
 */
export async function crossValidateRun(db: Db, run: RunRecord, k: number, options: CrossValidationOptions = {}): Promise<CrossValidationResult> {
  if (!Number.isInteger(k) || k < 2 || k > 10) throw new RangeError(`The number of folds must be a whole number from 2 to 10, got ${String(k)}.`);
  const cap = options.maxEpochs;
  if (cap !== undefined && (!Number.isInteger(cap) || cap < 1)) throw new RangeError(`The epoch cap must be a whole number of at least 1, got ${String(cap)}.`);
  const epochs = Math.min(run.trainConfig.epochs, cap ?? Infinity);
  const config = { ...run.trainConfig, epochs, workers: 1 };
  const task = run.pipeline.spec.task;
  const pipeline = run.pipeline;
  const prepare = isImagePipeline(pipeline) ? await imageFolds(db, { ...run, pipeline }, k) : await tableFolds(db, run, k);
  const folds: FoldResult[] = [];
  for (let f = 0; f < k; f += 1) {
    options.onProgress?.({ fold: f, folds: k, epoch: 0, epochs });
    const data = await prepare(f);
    const trainer = await Trainer.create(specForPipeline(run.modelSpec, data.pipeline), config, trainerData(data));
    try {
      const outcome = await trainer.run({
        shouldStop: options.shouldStop,
        onEpochEnd: (m) => options.onProgress?.({ fold: f, folds: k, epoch: m.epoch, epochs }),
      });
      if (outcome === 'stopped') throw new DataInputError('cancelled', `Cross-validation was stopped during fold ${f + 1} of ${k}.`);
      const scored = foldMetrics(data.pipeline, data.test, data.test.n ? await trainer.predict(data.test.x, data.test.n) : new Float32Array(0));
      const result: FoldResult = {
        fold: f, trainCount: data.train.n, validationCount: data.validation.n, testCount: data.test.n,
        epochs: trainer.completedEpochs, metrics: scored.metrics, notes: [...data.notes, ...scored.notes],
      };
      folds.push(result);
      options.onProgress?.({ fold: f, folds: k, epoch: trainer.completedEpochs, epochs, result });
    } finally {
      trainer.dispose();
    }
  }
  return { task, k, epochs, folds, summary: summarizeFolds(task, folds) };
}
