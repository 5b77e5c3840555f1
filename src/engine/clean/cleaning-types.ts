// Plain-JSON shapes of the recorded cleaning pipeline: the steps a user adds (CleaningStep) and the
// statistics each step fitted on the training split (FittedCleaningStep), stored with the pipeline.
import type { ColumnType } from '../data/table-types';
import type { DatePartName } from './cell-values';
import type { TextNormalization } from '../text/text-normalize';

/** How `impute` fills missing cells: train mean/median (numeric columns), most frequent value, or a constant. */
export type ImputeStrategy = 'mean' | 'median' | 'mode' | 'constant';

/** Outlier bounds: [Q1 - f·IQR, Q3 + f·IQR] (`iqr`) or mean ± f·std (`z-score`), fitted on train rows. */
export type OutlierRule = 'iqr' | 'z-score';

/**
 * One cleaning step. Steps run in list order on the table the previous step produced; column names
 * refer to that table (so a step after a rename uses the new name). Row numbers in `drop-rows` are
 * 0-based indices into the RAW rows.
 */
export type CleaningStep =
  /** Drop every row with a missing cell in any of `columns`. */
  | { kind: 'drop-missing-rows'; columns: string[] }
  /** Drop every column (except the target) whose share of missing cells in the train rows is above `maxMissingShare`. */
  | { kind: 'drop-missing-columns'; maxMissingShare: number }
  /** Fill missing cells of `column`; `constant` is used by strategy 'constant'. */
  | { kind: 'impute'; column: string; strategy: ImputeStrategy; constant?: string }
  /** Add a boolean column `<column>_was_missing` (1/0) right after `column`; add it BEFORE imputing. */
  | { kind: 'missing-indicator'; column: string }
  /** Clip values of a numeric column to the bounds, or drop rows outside them (missing cells are kept). */
  | { kind: 'outliers'; column: string; rule: OutlierRule; factor: number; action: 'clip' | 'drop' }
  /** Drop rows equal cell-for-cell (after trimming) to an earlier row; the first occurrence stays. */
  | { kind: 'drop-duplicates' }
  /** Drop chosen rows (e.g. the near-duplicates a user picked), by raw 0-based row index. */
  | { kind: 'drop-rows'; rows: number[] }
  | { kind: 'drop-column'; column: string }
  | { kind: 'rename-column'; column: string; to: string }
  /** Re-type a column; cells that do not fit the new type read as missing when encoded. */
  | { kind: 'change-type'; column: string; to: Exclude<ColumnType, 'empty'> }
  /** Replace a date column by numeric columns `<column>.year`, `.month`, `.day`, `.weekday` (ISO, Monday = 1). */
  | { kind: 'date-parts'; column: string; parts: DatePartName[] }
  /** Clean the text of a column: Unicode NFKC, lower case, strip HTML, URLs, e-mail addresses, extra whitespace. */
  | { kind: 'normalize-text'; column: string; normalization: TextNormalization };

export type CleaningStepKind = CleaningStep['kind'];

/** A step with what it learned from the train rows (plain JSON, stored in the fitted pipeline). */
export interface FittedCleaningStep {
  step: CleaningStep;
  /** impute: the fill value as a cell string (a number written with String(), or a category). */
  fill?: string;
  /** outliers: the fitted bounds. */
  bounds?: { low: number; high: number };
  /** drop-missing-columns: the columns it dropped. */
  droppedColumns?: string[];
  /** Rows (of any split) this step removed while fitting. */
  droppedRows: number;
}

/** A table being cleaned: rows of raw cell strings in the order of `columns`, with one type per column. */
export interface CleaningTable {
  columns: string[];
  types: ColumnType[];
  rows: string[][];
}
