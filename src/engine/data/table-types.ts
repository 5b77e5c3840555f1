// Plain-data shapes for an imported table: column summaries, parse results and input errors.
// Everything here is structured-cloneable so it can cross a worker boundary unchanged.

/**
 * Inferred kind of a column. `empty`: every cell is missing. `boolean`: true/false, yes/no, or exactly the two
 * values 0 and 1 (see clean/cell-values.ts). `date`: ISO 8601 dates/date-times or YYYY/MM/DD.
 */
export type ColumnType = 'numeric' | 'categorical' | 'text' | 'empty' | 'boolean' | 'date';

/** Per-column statistics computed while streaming the rows (one pass). */
export interface ColumnSummary {
  name: string;
  type: ColumnType;
  /** Cells that are empty or whitespace only (also `NA`, `N/A`, `null`, `NaN`, `?`). */
  missing: number;
  /** Distinct non-missing values; exact up to `distinctCapped`, a lower bound beyond. */
  distinct: number;
  /** True when more distinct values were seen than the profiler keeps (then `distinct` is a lower bound). */
  distinctCapped: boolean;
  /** Numeric columns (and boolean 0/1 columns) only: over the finite non-missing values. */
  min?: number;
  max?: number;
  mean?: number;
  std?: number;
  /** Categorical/text/boolean/date columns: the most frequent values, most frequent first (at most 10). */
  topValues?: { value: string; count: number }[];
}

/** What the parser learned about the file's layout. */
export interface TableLayout {
  delimiter: string;
  hasHeader: boolean;
  /** Column names after cleaning: BOM stripped, trimmed, blanks named `column_N`, duplicates `a`, `a_1`. */
  columns: string[];
  /** Human-readable notes about fixes applied (renamed duplicate headers, skipped rows...). */
  notes: string[];
}

/** Codes of the problems an imported file can have; the UI shows `message`, tests check `code`. */
export type DataInputErrorCode =
  | 'empty-file'
  | 'header-only'
  | 'binary-file'
  | 'not-utf8'
  | 'utf16'
  | 'ragged-rows'
  | 'unterminated-quote'
  | 'field-too-large'
  | 'too-large'
  | 'single-class'
  | 'no-features'
  | 'bad-target'
  /** A feature's values do not suit the chosen encoding (e.g. log of a negative number). */
  | 'bad-feature'
  /** Image files: not PNG/JPEG/WebP/GIF, header cut short, header inconsistent, over the pixel budget. */
  | 'not-an-image' | 'truncated-image' | 'corrupt-image' | 'image-too-large'
  /** An image import in which no file could be imported. */
  | 'no-images'
  /** The import was cancelled by the user. */
  | 'cancelled'
  /** Browser storage refused the write (quota, cleared site data). */
  | 'storage'
  /** A bug or an unexpected failure; the message is the original error's. */
  | 'internal'
  /** Archives: damaged or cut short; inflates past its byte budget (zip bomb); a method or encryption we cannot read. */
  | 'corrupt-archive'
  | 'archive-too-large'
  | 'unsupported-archive'
  /** A set of files (archive or dropped folders) that matches no dataset layout, or a label table we cannot use. */
  | 'unknown-layout'
  | 'bad-label-table'
  /** Tables: JSON syntax; a file that holds no records (wrong top-level type, unknown format); Parquet damaged or using a feature we cannot read. */
  | 'bad-json' | 'not-a-table' | 'bad-parquet' | 'unsupported-parquet'
  /** Metrics: the split to score has no rows. */
  | 'empty-split';

/**
 * A problem with the user's data. The message names the problem in plain words, says where
 * (row number, byte offset) and how to fix it. Rows are 1-based file lines of data (the header is row 1
 * when present), as a spreadsheet would number them.
 */
export class DataInputError extends Error {
  readonly code: DataInputErrorCode;
  /** 1-based row numbers involved (first few only). */
  readonly rows: number[];
  /** Byte offset in the file, where meaningful (encoding errors). */
  readonly byteOffset?: number;
  constructor(code: DataInputErrorCode, message: string, details: { rows?: number[]; byteOffset?: number } = {}) {
    super(message);
    this.name = 'DataInputError';
    this.code = code;
    this.rows = details.rows ?? [];
    this.byteOffset = details.byteOffset;
  }
}

/** Plain, cloneable form of a DataInputError (Comlink only clones `message` of an Error). */
export interface DataInputProblem {
  code: DataInputErrorCode;
  message: string;
  rows: number[];
  byteOffset?: number;
}
