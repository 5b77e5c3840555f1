// The bookkeeping every table import shares (CSV, JSON, JSON Lines, Parquet): options and their
// defaults, fixed-size chunks handed to the sink in order, column profiling, preview rows and notes.
import { ColumnProfiler } from './column-profiler';
import { DEFAULT_MAX_FIELD_CHARS } from './csv-parser';
import type { ColumnSummary, TableLayout } from './table-types';

/** Options every table importer takes. */
export interface TableImportOptions {
  /** Rows per chunk handed to the sink (the last chunk may be shorter). Default 2000. */
  chunkRows?: number;
  /** Largest field in characters. Default 1,000,000. */
  maxFieldChars?: number;
  /**
   * Refuse files larger than this many bytes with 'too-large'. Default 4 GiB: reading is streamed and
   * memory stays bounded, so the real limit is the browser's storage quota (a 1 GB CSV imports).
   */
  maxBytes?: number;
  /** Data rows copied into `preview`. Default 20. */
  previewRows?: number;
  /** Total bytes read so far; called at most once per chunk of the source (the caller throttles further). */
  onProgress?: (bytesRead: number) => void;
  /** Abort: the import rejects with the signal's reason (a DOMException 'AbortError' by default). */
  signal?: AbortSignal;
}

/** Receives the data rows in order; each row has exactly `layout.columns.length` cells. */
export interface TableImportSink {
  writeChunk(rows: string[][], index: number): Promise<void>;
}

/** What every table importer returns. */
export interface TableImportResult {
  /** For formats without a delimiter (JSON, Parquet) `delimiter` is '' and `hasHeader` is true (names come from the file). */
  layout: TableLayout;
  /** Data rows written to the sink (header and skipped rows excluded). */
  rowCount: number;
  chunkCount: number;
  summaries: ColumnSummary[];
  /** The first `previewRows` data rows. */
  preview: string[][];
  /** CSV only: 1-based file row numbers (header = row 1) of rows left out in 'skip' mode; [] for other formats. */
  skippedRows: number[];
  bytesRead: number;
}

const DEFAULTS = { chunkRows: 2000, maxFieldChars: DEFAULT_MAX_FIELD_CHARS, maxBytes: 4 * 1024 * 1024 * 1024, previewRows: 20 } as const;

/** Options with every default filled in. */
export type CheckedTableOptions<T extends TableImportOptions> = T & Required<Pick<TableImportOptions, keyof typeof DEFAULTS>>;

/** Fill in the defaults and throw RangeError for a bad value (a caller bug, not a user problem). */
export function checkTableOptions<T extends TableImportOptions>(options: T): CheckedTableOptions<T> {
  const o = { ...DEFAULTS, ...options } as CheckedTableOptions<T>;
  const isCount = (v: number, min: number) => Number.isInteger(v) && v >= min;
  if (!isCount(o.chunkRows, 1)) throw new RangeError(`chunkRows must be a positive integer, got ${o.chunkRows}.`);
  if (!isCount(o.maxFieldChars, 1)) throw new RangeError(`maxFieldChars must be a positive integer, got ${o.maxFieldChars}.`);
  if (!(o.maxBytes > 0)) throw new RangeError(`maxBytes must be a positive number of bytes, got ${o.maxBytes}.`);
  if (!isCount(o.previewRows, 0)) throw new RangeError(`previewRows must be a non-negative integer, got ${o.previewRows}.`);
  return o;
}

/**
 * Collects rows of one import into chunks of `chunkRows`, profiles them and keeps the preview and notes.
 * Call `start(columns)` once, then `addRow` for each data row (exactly one cell per column), and
 * `flush` between reads so that full chunks reach the sink while the source is still being read.
 */
export class RowCollector {
  private names: string[] | undefined;
  private profiler: ColumnProfiler | undefined;
  readonly notes: string[] = [];
  rowCount = 0;
  chunkCount = 0;
  readonly preview: string[][] = [];
  private pending: string[][] = [];
  private ready: string[][][] = [];

  constructor(private readonly options: { chunkRows: number; previewRows: number }) {}

  /** The column names, once `start` was called. */
  get columns(): string[] | undefined {
    return this.names;
  }

  /** Fix the columns (and start profiling them). Throws when called twice. */
  start(columns: string[]): void {
    if (this.names) throw new Error('RowCollector.start was called twice.');
    this.names = columns;
    this.profiler = new ColumnProfiler(columns);
  }

  /** Count, profile and queue one data row. The row is kept as is (not copied): do not reuse it. */
  addRow(cells: string[]): void {
    if (!this.profiler) throw new Error('RowCollector.addRow before start.');
    this.profiler.addRow(cells);
    this.rowCount++;
    if (this.preview.length < this.options.previewRows) this.preview.push(cells.slice());
    this.pending.push(cells);
    if (this.pending.length >= this.options.chunkRows) {
      this.ready.push(this.pending);
      this.pending = [];
    }
  }

  /** Hand the full chunks (and with `last`, the remainder) to the sink, in order, one awaited at a time. */
  async flush(sink: TableImportSink, last: boolean, signal: AbortSignal | undefined): Promise<void> {
    if (last && this.pending.length > 0) {
      this.ready.push(this.pending);
      this.pending = [];
    }
    const chunks = this.ready;
    this.ready = [];
    for (const rows of chunks) {
      await sink.writeChunk(rows, this.chunkCount++);
      signal?.throwIfAborted();
    }
  }

  /** The column summaries so far ([] before `start`). */
  summaries(): ColumnSummary[] {
    return this.profiler ? this.profiler.summaries() : [];
  }

  /** The result of a finished import whose last chunk was flushed. */
  result(layout: Omit<TableLayout, 'columns' | 'notes'>, bytesRead: number, skippedRows: number[] = []): TableImportResult {
    return {
      layout: { ...layout, columns: this.names ?? [], notes: this.notes },
      rowCount: this.rowCount,
      chunkCount: this.chunkCount,
      summaries: this.summaries(),
      preview: this.preview,
      skippedRows,
      bytesRead,
    };
  }
}
