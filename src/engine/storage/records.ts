// Record shapes stored in IndexedDB: datasets and their row chunks, runs, and checkpoints
// (meta + byte shards + a per-run head pointer). All plain, structured-cloneable data.
import type { ColumnSummary, TableLayout } from '../data/table-types';
import type { FittedPipeline, TaskKind } from '../data/prepare-types';
import type { AnyModelSpec } from '../model/model-types';
import type { TrainerSnapshot, EpochMetrics, TrainConfig } from '../train/train-types';
import type { FittedTokenizer } from '../text/tokenizer-types';
import type { ClassificationReport } from '../metrics/classification-report';
import type { RegressionReport } from '../metrics/regression-report';

/** 'importing' until every chunk is written; only 'complete' datasets can be trained on. */
export type DatasetStatus = 'importing' | 'complete' | 'failed';

/**
 * What a dataset holds. 'table': rows of cells. 'images': one row per image (file, label, size,
 * format) with the decoded pixels stored beside the rows. 'corpus': plain text for language modelling.
 * Records stored before kinds existed have no `kind` and are tables.
 */
export type DatasetKind = 'table' | 'images' | 'corpus';

/** How an image dataset's pixels are stored: every image resized to one shape, row-major HWC bytes. */
export interface StoredImageShape {
  width: number;
  height: number;
  /** 1 = grayscale, 3 = RGB. */
  channels: 1 | 3;
  /** How images of another aspect ratio were fitted: letterboxed, centre-cropped or stretched. */
  fit: 'pad' | 'crop' | 'stretch';
}

/** Facts about a text corpus, computed while importing. */
export interface CorpusInfo {
  /** Unicode code points. */
  characters: number;
  lines: number;
  /** Distinct code points (a character tokenizer's vocabulary size before special tokens). */
  distinctCharacters: number;
}

/** A file left out of an import, with the reason shown to the user. */
export interface SkippedFile {
  /** Normalised for display only; never used as a path or key. */
  displayPath: string;
  reason: string;
}

/** One imported table. Rows live in `datasetChunks`; this record stays small. */
export interface DatasetRecord {
  id: string;
  name: string;
  /** ms since epoch (Date.now()). */
  createdAt: number;
  status: DatasetStatus;
  /** Size of the source file in bytes. */
  byteSize: number;
  layout?: TableLayout;
  summaries?: ColumnSummary[];
  /** First rows of the table, for display. */
  preview?: string[][];
  rowCount: number;
  chunkCount: number;
  /** 1-based file rows left out (ragged rows imported with 'skip'). */
  skippedRows?: number[];
  /** Message when status is 'failed'. */
  failure?: string;
  /** Last fitted preprocessing for this dataset. */
  preparation?: FittedPipeline;
  /** Absent on records from before kinds existed: a table. */
  kind?: DatasetKind;
  /** Image datasets: the stored pixel shape. */
  imageShape?: StoredImageShape;
  /** Corpus datasets: size facts. */
  corpus?: CorpusInfo;
  /** Files of a folder or archive that were not imported, and why. */
  skippedFiles?: SkippedFile[];
}

/** The kind of a stored dataset (records from before kinds existed are tables). */
export function datasetKind(dataset: Pick<DatasetRecord, 'kind'>): DatasetKind {
  return dataset.kind ?? 'table';
}

/** What one chunk holds besides its key. */
export interface DatasetChunkPayload {
  /** Table rows as parsed strings; for images one metadata row per image; empty for a corpus. */
  rows: string[][];
  /** Images only: the chunk's images, each `width*height*channels` bytes, in row order. */
  pixels?: Uint8Array;
  /** Corpus only: the next piece of the text. */
  text?: string;
}

/** Chunk `index` of a dataset (a few MB at most). Key: [datasetId, index]. */
export interface DatasetChunkRecord extends DatasetChunkPayload {
  datasetId: string;
  index: number;
}

export type RunStatus = 'running' | 'stopped' | 'completed' | 'failed';

/** One of the test rows the model got most wrong: the lowest probability on the true class. */
export interface WorstClassifiedExample {
  kind: 'class';
  /** 0-based index of the row in the test split (the order of the encoded test split). */
  row: number;
  /** Class indices in `classes` order. */
  trueClass: number;
  predictedClass: number;
  /** Predicted probability of every class, in `classes` order (sums to about 1). */
  probabilities: number[];
  /** A short text of the row's raw cells, when the evaluator was given one. */
  preview?: string;
}

/** One of the test rows with the largest absolute error (target units). */
export interface WorstRegressionExample {
  kind: 'value';
  /** 0-based index of the row in the test split. */
  row: number;
  actual: number;
  predicted: number;
  preview?: string;
}

export type WorstExample = WorstClassifiedExample | WorstRegressionExample;

/**
 * Test-split results of a finished run. Every record has task and testCount; classification keeps
 * accuracy/confusion/classes and regression mae/r2 (records stored before the full report have only these).
 * Newer records add `report` (classification: ClassificationReport, regression: RegressionReport in target
 * units, curves downsampled) and `worst`. `problem` says why there is no report (e.g. non-finite outputs).
 */
export interface RunEvaluation {
  task: TaskKind;
  testCount: number;
  accuracy?: number;
  /** confusion[actual][predicted], in `classes` order. */
  confusion?: number[][];
  classes?: string[];
  mae?: number;
  r2?: number;
  /** The full metric report; its kind follows `task`. */
  report?: ClassificationReport | RegressionReport;
  /** The test rows the model got most wrong, worst first. */
  worst?: WorstExample[];
  /** Why metrics are missing, in plain words (the model produced NaN or Infinity, ...). */
  problem?: string;
}

/** One training run: what was trained, on what, how it went. Weights live in checkpoints. */
export interface RunRecord {
  id: string;
  datasetId: string;
  /** Copied so the run stays readable after its dataset is deleted. */
  datasetName: string;
  name: string;
  createdAt: number;
  updatedAt: number;
  status: RunStatus;
  modelSpec: AnyModelSpec;
  trainConfig: TrainConfig;
  pipeline: FittedPipeline;
  /** tfjs backend name the run last trained on. */
  backend?: string;
  history: EpochMetrics[];
  evaluation?: RunEvaluation;
  /** Optimizer step of the newest checkpoint (also one taken inside an epoch); absent before the first. */
  lastCheckpointStep?: number;
  failure?: string;
  /** The user's own annotation of the run (free text). */
  note?: string;
  /**
   * Language-model runs (a GPT on a corpus) only. Such runs store a placeholder `pipeline` (no features,
   * counts in tokens) because they encode text with this tokenizer instead of a table pipeline.
   */
  languageModel?: LanguageModelInfo;
  /** A hyperparameter-search trial: which search and trial (0-based) it trains. */
  search?: { searchId: string; trial: number };
}

/** What a language-model run needs besides its GptSpec: the tokenizer, the baseline and its latest sample. */
export interface LanguageModelInfo {
  tokenizer: FittedTokenizer;
  /** Training tokens per training character (1 for characters), to report bits per character. */
  tokensPerCharacter: number;
  /** Unigram entropy of the training tokens: nats per token and bits per character. */
  baseline: { nats: number; bitsPerCharacter: number };
  trainTokens: number;
  validationTokens: number;
  /** Text generated after the latest epoch. */
  lastSample?: string;
}

/** Where one tensor sits in a checkpoint's logical byte stream (float32 little-endian). */
export interface CheckpointTensorEntry {
  /** 'best': the best epoch's weights kept by early stopping (restore best weights). */
  group: 'weights' | 'optimizer' | 'best';
  name: string;
  shape: number[];
  /** Offset in bytes from the start of the stream (shard 0, byte 0). */
  byteOffset: number;
  byteLength: number;
}

/** One shard of the stream: its size and lowercase hex SHA-256. */
export interface CheckpointShardEntry {
  index: number;
  byteLength: number;
  sha256: string;
}

/** Describes one checkpoint. Only 'complete' ones are ever loaded; 'writing' ones are leftovers. */
export interface CheckpointMetaRecord {
  id: string;
  runId: string;
  /** Epochs completed when the snapshot was taken. */
  epoch: number;
  optimizerStep: number;
  createdAt: number;
  /** Layout version of the byte stream (CHECKPOINT_SCHEMA_VERSION). */
  schemaVersion: number;
  status: 'writing' | 'complete';
  /** Validation loss of the last epoch; Infinity when unknown. */
  valLoss: number;
  /** Weights first (model.getWeights() order), then optimizer weights (optimizer.getWeights() order). */
  tensors: CheckpointTensorEntry[];
  shards: CheckpointShardEntry[];
  history: EpochMetrics[];
  /** Sum of the shards' byte lengths. */
  totalBytes: number;
  /** The loop's small state besides tensors (schedule, early stopping, mid-epoch position); absent in older checkpoints. */
  trainerState?: Pick<TrainerSnapshot, 'plateau' | 'earlyStopping' | 'cursor'>;
}

/** Key: [checkpointId, index]. */
export interface CheckpointShardRecord {
  checkpointId: string;
  index: number;
  bytes: ArrayBuffer;
}

/** Per-run pointer, flipped in one small strict transaction after a checkpoint is fully written. */
export interface CheckpointHeadRecord {
  runId: string;
  current: string;
  previous?: string;
  /** Complete checkpoint with the lowest valLoss. */
  best?: string;
}
