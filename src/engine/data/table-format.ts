// Which table format a file holds (CSV, TSV, JSON, JSON Lines, Parquet), decided from its first bytes
// with the file name as a hint, and the one entry point that imports a table of any of these formats.
import { SNIFF_BYTES, checkFileHead, utf8BomLength } from './byte-sniff';
import { importCsv } from './csv-import';
import type { CsvImportOptions } from './csv-import';
import { importJson } from './json-import';
import { importJsonLines } from './json-lines-import';
import { importParquet } from './parquet-import';
import type { RandomAccessSource } from './random-access';
import type { TableImportResult, TableImportSink } from './row-collector';
import { DataInputError } from './table-types';

export type { TableImportOptions, TableImportResult, TableImportSink } from './row-collector';

export type TableFormat = 'csv' | 'tsv' | 'json' | 'jsonl' | 'parquet';

/** How many leading bytes detectTableFormat looks at (pass at least this many when the file has them). */
export const TABLE_SNIFF_BYTES = SNIFF_BYTES;

/** Bytes per read when a text format is streamed from a RandomAccessSource. */
const STREAM_READ_BYTES = 1024 * 1024;

const EXTENSION_HINTS = new Map<string, TableFormat>([
  ['csv', 'csv'], ['tsv', 'tsv'], ['tab', 'tsv'], ['json', 'json'], ['jsonl', 'jsonl'], ['ndjson', 'jsonl'], ['parquet', 'parquet'], ['pq', 'parquet'],
]);

// Files people often drop that are tables in spirit but need converting first: what to call each.
const CONVERT_FIRST = new Map<string, string>([
  ['xlsx', 'an Excel workbook'], ['xls', 'an Excel workbook'], ['ods', 'an OpenDocument spreadsheet'], ['numbers', 'a Numbers spreadsheet'],
  ['feather', 'an Arrow/Feather file'], ['arrow', 'an Arrow file'], ['avro', 'an Avro file'], ['orc', 'an ORC file'],
  ['h5', 'an HDF5 file'], ['hdf5', 'an HDF5 file'], ['pkl', 'a Python pickle'], ['pickle', 'a Python pickle'], ['sav', 'an SPSS file'], ['dta', 'a Stata file'],
]);

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase();
}

/** The first non-blank line of `text`, trimmed, or '' when there is none. */
function firstLine(text: string): string {
  for (const line of text.split(/\r\n|\n|\r/)) if (line.trim() !== '') return line.trim();
  return '';
}

/**
 * Decide the format of a table file. `firstBytes` is the start of the file (TABLE_SNIFF_BYTES, or all of a
 * shorter file). The content decides: the magic "PAR1" means Parquet; otherwise the first non-blank
 * character "[" means a JSON array and "{" JSON Lines; any other text is CSV, or TSV when the extension is
 * .tsv/.tab or the first line has tabs and no commas. The extension decides only when the content cannot
 * (an empty or blank start). Throws DataInputError: 'not-a-table' for spreadsheets and other formats that
 * need converting first (named by extension); 'binary-file' / 'utf16' for binary or UTF-16 content;
 * 'bad-parquet' for a .parquet name without the Parquet signature. Pure.
 */
export function detectTableFormat(fileName: string, firstBytes: Uint8Array): TableFormat {
  const ext = extensionOf(fileName);
  if (firstBytes.length >= 4 && String.fromCharCode(...firstBytes.subarray(0, 4)) === 'PAR1') return 'parquet';
  const other = CONVERT_FIRST.get(ext);
  if (other) {
    throw new DataInputError(
      'not-a-table',
      `"${fileName}" looks like ${other}, which WebTrain cannot read. Export the table as CSV (UTF-8), JSON, JSON Lines or Parquet, then import that file.`,
    );
  }
  if (EXTENSION_HINTS.get(ext) === 'parquet') {
    throw new DataInputError(
      'bad-parquet',
      `"${fileName}" is named like a Parquet file but does not start with the Parquet signature "PAR1". It may be damaged or another kind of file.`,
      { byteOffset: 0 },
    );
  }
  checkFileHead(firstBytes);
  // Lenient decoding: the cut at TABLE_SNIFF_BYTES may split a character, and the importers check UTF-8 strictly.
  const line = firstLine(new TextDecoder('utf-8').decode(firstBytes.subarray(utf8BomLength(firstBytes))));
  if (line.startsWith('[')) return 'json';
  if (line.startsWith('{')) return 'jsonl';
  const hint = EXTENSION_HINTS.get(ext);
  if (line === '') return hint ?? 'csv';
  if (hint === 'tsv' || (line.includes('\t') && !line.includes(','))) return 'tsv';
  return 'csv';
}

/** A pull-based byte stream over `source`, read `readBytes` at a time (nothing is read ahead). */
export function streamOfSource(source: RandomAccessSource, readBytes = STREAM_READ_BYTES): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (offset >= source.size) return controller.close();
        const bytes = await source.read(offset, Math.min(readBytes, source.size - offset));
        if (bytes.byteLength === 0) return controller.close();
        offset += bytes.byteLength;
        controller.enqueue(bytes);
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * Import a table of `format` from `source` (blobSource(file) in the worker, bytesSource in tests) into
 * `sink`, in the shared chunked-row form. CSV and TSV go through importCsv (which sniffs the delimiter;
 * `raggedRows` applies to them only), JSON through importJson, JSON Lines through importJsonLines (text
 * streamed 1 MiB at a time) and Parquet through importParquet (read by ranges). Rejects as those do.
 */
export function importTable(format: TableFormat, source: RandomAccessSource, sink: TableImportSink, options: CsvImportOptions = {}): Promise<TableImportResult> {
  switch (format) {
    case 'csv':
    case 'tsv':
      return importCsv(streamOfSource(source), sink, options);
    case 'json':
      return importJson(streamOfSource(source), sink, options);
    case 'jsonl':
      return importJsonLines(streamOfSource(source), sink, options);
    case 'parquet':
      return importParquet(source, sink, options);
    default:
      return Promise.reject(new RangeError(`Unknown table format: ${String(format)}.`));
  }
}
