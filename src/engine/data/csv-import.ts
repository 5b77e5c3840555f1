// Streaming CSV import: bytes -> UTF-8 text -> layout sniffing -> parsed rows -> fixed-width chunks
// handed to a sink, with column profiling on the way. Every user-fixable problem is a DataInputError.
import { CsvParser } from './csv-parser';
import { SNIFF_CHARS, cleanHeader, detectDelimiter, detectHeader, genericColumnNames } from './csv-sniff';
import { DataInputError } from './table-types';
import { RowCollector, checkTableOptions } from './row-collector';
import type { TableImportOptions, TableImportResult, TableImportSink } from './row-collector';
import { readUtf8Text } from './utf8-stream';

export { toDataInputProblem } from './data-input-problem';

export type { TableImportResult, TableImportSink } from './row-collector';

export interface CsvImportOptions extends TableImportOptions {
  /** Rows whose field count differs from the header's: 'error' (default) refuses the file, 'skip' leaves them out. */
  raggedRows?: 'error' | 'skip';
}

/** Receives the data rows in order (the shared table sink, under its first name). */
export type CsvImportSink = TableImportSink;
/** What importCsv returns (the shared table result, under its first name). */
export type CsvImportResult = TableImportResult;

const LISTED_ROWS = 10;

function checkOptions(options: CsvImportOptions) {
  const o = { raggedRows: 'error' as const, ...checkTableOptions(options) };
  if (o.raggedRows !== 'error' && o.raggedRows !== 'skip') throw new RangeError(`raggedRows must be 'error' or 'skip', got ${String(o.raggedRows)}.`);
  return o;
}

function delimiterName(d: string): string {
  return d === ',' ? 'comma' : d === ';' ? 'semicolon' : d === '\t' ? 'tab' : d === '|' ? 'pipe' : `"${d}"`;
}

function listNames(names: string[]): string {
  return names.length <= LISTED_ROWS ? names.join(', ') : `${names.slice(0, LISTED_ROWS).join(', ')}, …`;
}

/** The CSV part of the row bookkeeping: header detection and ragged rows, before the shared RowCollector. */
class CsvRows extends RowCollector {
  hasHeader = false;
  /** File row of the header (1 unless blank lines come first). */
  headerRow = 1;
  readonly skippedRows: number[] = [];
  readonly ragged: { row: number; fields: number }[] = [];
  raggedCount = 0;

  constructor(private readonly raggedRows: 'error' | 'skip', options: { chunkRows: number; previewRows: number }) {
    super(options);
  }

  readonly onRow = (cells: string[], row: number): void => {
    let columns = this.columns;
    if (!columns) {
      this.hasHeader = detectHeader(cells);
      if (this.hasHeader) {
        this.headerRow = row;
        const cleaned = cleanHeader(cells);
        this.notes.push(...cleaned.notes);
        this.start(cleaned.columns);
        return;
      }
      columns = genericColumnNames(cells.length);
      this.notes.push(`The first row contains numbers, so it was read as data; the columns are named column_1 to column_${cells.length}.`);
      this.start(columns);
    }
    if (cells.length !== columns.length) {
      if (this.raggedRows === 'skip') this.skippedRows.push(row);
      else {
        this.raggedCount++;
        if (this.ragged.length < LISTED_ROWS) this.ragged.push({ row, fields: cells.length });
      }
      return;
    }
    if (this.raggedCount > 0) return; // the import will fail: keep counting ragged rows, stop collecting
    this.addRow(cells);
  };
}

/**
 * Import a CSV byte stream: decode UTF-8 (BOM stripped), detect the delimiter from the first 64 KiB and
 * whether the first row is a header, parse, and hand data rows to `sink.writeChunk` in chunks of
 * `chunkRows` rows (indices 0, 1, ... awaited one at a time, so a slow sink slows the reading).
 * Row numbers in messages are 1-based file rows with the header as row 1.
 * Rejects with DataInputError ('empty-file', 'header-only', 'ragged-rows', 'unterminated-quote',
 * 'field-too-large', 'too-large', 'binary-file', 'utf16', 'not-utf8'), RangeError for bad options, the
 * sink's error, or the abort reason. On rejection some chunks may already have been written.
 */
export async function importCsv(
  source: ReadableStream<Uint8Array>,
  sink: CsvImportSink,
  options: CsvImportOptions = {},
): Promise<CsvImportResult> {
  const o = checkOptions(options);
  const { signal } = options;
  const rows = new CsvRows(o.raggedRows, o);
  let parser: CsvParser | undefined;
  let delimiter = ',';
  let sample = '';
  let bytesRead = 0;
  const startParser = (complete: boolean): CsvParser => {
    // A source may deliver far more than the sample in one piece; sniff only its start.
    delimiter = detectDelimiter(sample.slice(0, SNIFF_CHARS), complete && sample.length <= SNIFF_CHARS);
    const started = new CsvParser({ delimiter, maxFieldChars: o.maxFieldChars, onRow: rows.onRow });
    started.push(sample);
    sample = '';
    return started;
  };

  for await (const piece of readUtf8Text(source, { maxBytes: o.maxBytes, onProgress: options.onProgress, signal })) {
    bytesRead = piece.bytesRead;
    if (parser) parser.push(piece.text);
    else {
      sample += piece.text;
      if (sample.length < SNIFF_CHARS) continue;
      parser = startParser(false);
    }
    await rows.flush(sink, false, signal);
  }
  if (!parser) {
    if (sample.trim() === '') throw emptyFile(bytesRead);
    parser = startParser(true);
  }
  parser.finish();

  const columns = rows.columns;
  if (!columns) throw emptyFile(bytesRead);
  if (rows.raggedCount > 0) throw raggedRowsError(rows, columns.length, delimiter);
  if (rows.rowCount === 0 && rows.skippedRows.length > 0) throw allRowsSkipped(rows.skippedRows, columns.length, delimiter);
  if (rows.rowCount === 0) {
    throw new DataInputError(
      'header-only',
      `The file has a header row (${listNames(columns)}) but no data rows. Add rows of data below the header, then import again.`,
      { rows: [rows.headerRow] },
    );
  }
  await rows.flush(sink, true, signal);
  if (rows.skippedRows.length > 0) {
    const n = rows.skippedRows.length;
    rows.notes.push(
      `Skipped ${n} row${n === 1 ? '' : 's'} whose number of fields differs from the ${columns.length} columns: ` +
        `row${n === 1 ? '' : 's'} ${rows.skippedRows.slice(0, LISTED_ROWS).join(', ')}${n > LISTED_ROWS ? ', …' : ''}.`,
    );
  }
  return rows.result({ delimiter, hasHeader: rows.hasHeader }, bytesRead, rows.skippedRows);
}

function emptyFile(bytes: number): DataInputError {
  const what = bytes === 0 ? 'it has 0 bytes' : 'it contains only blank lines or spaces';
  return new DataInputError('empty-file', `The file is empty (${what}). Choose a CSV file with a header row and at least one data row.`);
}

function raggedRowsError(rows: CsvRows, expected: number, delimiter: string): DataInputError {
  const listed = rows.ragged.map((r) => `${r.row} (${r.fields} field${r.fields === 1 ? '' : 's'})`).join(', ');
  const more = rows.raggedCount > rows.ragged.length ? ` and ${rows.raggedCount - rows.ragged.length} more` : '';
  const reference = rows.hasHeader ? `the header (${expected} columns)` : `the first row (${expected} fields)`;
  const noun = rows.raggedCount === 1 ? 'row has' : 'rows have';
  const shown = delimiter === '\t' ? 'a tab' : `"${delimiter}"`;
  return new DataInputError(
    'ragged-rows',
    `${rows.raggedCount} ${noun} a different number of fields from ${reference}: ` +
      `row${rows.raggedCount === 1 ? '' : 's'} ${listed}${more}. Check them for an extra ${delimiterName(delimiter)} ` +
      `or a field containing ${shown} without quotes around it, or import again skipping these rows.`,
    { rows: rows.ragged.map((r) => r.row) },
  );
}

function allRowsSkipped(skipped: number[], expected: number, delimiter: string): DataInputError {
  return new DataInputError(
    'ragged-rows',
    `Every data row (${skipped.length}) has a different number of fields than the ${expected} columns of the first row, ` +
      `so nothing is left to import. The file may not be separated by ${delimiterName(delimiter)}s; check its first rows.`,
    { rows: skipped.slice(0, LISTED_ROWS) },
  );
}
