// Parquet import through hyparquet: reads the footer and then one row group at a time by byte ranges of a
// RandomAccessSource (never the whole file), turning values into text cells in the shared chunked form.
import { parquetMetadata, parquetRead, parquetSchema } from 'hyparquet';
import type { AsyncBuffer, FileMetaData } from 'hyparquet';
import { cleanHeader } from './csv-sniff';
import type { RandomAccessSource } from './random-access';
import { RowCollector, checkTableOptions } from './row-collector';
import type { TableImportOptions, TableImportResult, TableImportSink } from './row-collector';
import { DataInputError } from './table-types';
import { formatBytes } from './utf8-stream';

/** Codecs hyparquet decodes without extra packages. */
export const PARQUET_CODECS: readonly string[] = ['UNCOMPRESSED', 'SNAPPY'];
/** Largest footer (schema and row-group metadata) read, and largest row group (uncompressed) decoded at once. */
export const MAX_PARQUET_FOOTER_BYTES = 64 * 1024 * 1024;
export const MAX_PARQUET_ROW_GROUP_BYTES = 512 * 1024 * 1024;

const MAGIC = 'PAR1';
const RESAVE = "Save it again with Snappy compression or none (pandas: df.to_parquet(path, compression='snappy')), then import it again.";

const ascii = (bytes: Uint8Array) => String.fromCharCode(...bytes);

/** "00ff..." for raw bytes. */
function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

/** JSON.stringify replacer for nested values: BigInt as a decimal string, raw bytes as hex (Dates already are ISO via toJSON). */
function jsonSafe(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Uint8Array) return toHex(value);
  return value;
}

/**
 * The text cell for one Parquet value: null/undefined -> '' (missing), numbers in shortest round-trip form
 * (full precision), BigInt in decimal, booleans 'true'/'false', timestamps as ISO 8601 (UTC), DATE columns
 * 'YYYY-MM-DD' (see the parser below), raw bytes as hex, lists/structs/maps as JSON text. Pure.
 */
export function parquetValueToCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
  if (value instanceof Uint8Array) return toHex(value);
  return JSON.stringify(value, jsonSafe) ?? '';
}

// DATE columns (days since 1970-01-01) become plain dates rather than midnight timestamps.
const PARSERS = { dateFromDays: (days: number) => new Date(days * 86_400_000).toISOString().slice(0, 10) };

/** hyparquet's AsyncBuffer over a RandomAccessSource; counts the bytes fetched and honours the signal. */
function asyncBufferOf(source: RandomAccessSource, onRead: (bytes: number) => void, signal: AbortSignal | undefined): AsyncBuffer {
  return {
    byteLength: source.size,
    async slice(start: number, end = source.size): Promise<ArrayBuffer> {
      signal?.throwIfAborted();
      const bytes = await source.read(start, end - start);
      onRead(bytes.byteLength);
      const { buffer, byteOffset, byteLength } = bytes;
      return byteOffset === 0 && byteLength === buffer.byteLength && buffer instanceof ArrayBuffer ? buffer : bytes.slice().buffer;
    },
  };
}

function bad(message: string): DataInputError {
  return new DataInputError('bad-parquet', message);
}

/** Check both magic numbers and read the footer; only the last 8 bytes and the metadata are read. */
async function readFooter(source: RandomAccessSource): Promise<FileMetaData> {
  if (source.size < 12) throw bad(`This file is too short to be Parquet (${source.size} bytes); it was probably cut short. Get the complete file and import it again.`);
  const head = await source.read(0, 4);
  if (ascii(head) !== MAGIC) throw bad('This file does not start with the Parquet signature "PAR1", so it is not a Parquet file. Choose a .parquet file, or a CSV or JSON file.');
  const tail = await source.read(source.size - 8, 8);
  const end = ascii(tail.subarray(4));
  if (end === 'PARE') throw new DataInputError('unsupported-parquet', 'This Parquet file is encrypted, which WebTrain cannot read. Save an unencrypted copy, then import it again.');
  if (end !== MAGIC) throw bad('This Parquet file has no footer (it does not end with "PAR1"): it was probably cut short while copying or downloading. Get the complete file and import it again.');
  const length = new DataView(tail.buffer, tail.byteOffset, 8).getUint32(0, true);
  if (length > source.size - 12) throw bad(`This Parquet file is damaged: its footer claims ${length} bytes of metadata, more than the file holds.`);
  if (length > MAX_PARQUET_FOOTER_BYTES) throw new DataInputError('too-large', `This Parquet file's metadata is ${formatBytes(length)}, more than WebTrain reads (${formatBytes(MAX_PARQUET_FOOTER_BYTES)}).`);
  const footer = (await source.read(source.size - 8 - length, length + 8)).slice();
  try {
    return parquetMetadata(footer.buffer, { parsers: PARSERS });
  } catch (error) {
    throw bad(`This Parquet file's metadata cannot be read (${(error as Error).message}); the file is probably damaged.`);
  }
}

/** Refuse codecs we cannot decode and row groups too large to decode at once, before reading any data. */
function checkReadable(metadata: FileMetaData): void {
  for (const group of metadata.row_groups) {
    for (const chunk of group.columns) {
      const codec = chunk.meta_data?.codec;
      if (codec && !PARQUET_CODECS.includes(codec)) {
        throw new DataInputError('unsupported-parquet', `This Parquet file uses ${codec} compression, which WebTrain cannot read yet. ${RESAVE}`);
      }
    }
    if (Number(group.total_byte_size) > MAX_PARQUET_ROW_GROUP_BYTES) {
      throw new DataInputError(
        'too-large',
        `A row group of this Parquet file holds ${formatBytes(Number(group.total_byte_size))}, more than WebTrain decodes at once (${formatBytes(MAX_PARQUET_ROW_GROUP_BYTES)}). ` +
          'Save it again with smaller row groups (pyarrow: row_group_size=100000), then import it again.',
      );
    }
  }
}

/**
 * Import a Parquet file read by ranges from `source` (a File via blobSource in the worker). Reads the
 * footer, checks codecs (UNCOMPRESSED and SNAPPY only) and then the row groups in order, each decoded whole
 * and handed on as rows (see parquetValueToCell) in chunks of `chunkRows`. Columns are the top-level
 * fields (names cleaned like CSV headers); nested fields become JSON text. `onProgress` receives the bytes
 * fetched so far. Rejects with DataInputError ('bad-parquet', 'unsupported-parquet', 'too-large',
 * 'header-only' for a file with no rows, 'field-too-large'), RangeError for bad options, the sink's error
 * or the abort reason.
 */
export async function importParquet(source: RandomAccessSource, sink: TableImportSink, options: TableImportOptions = {}): Promise<TableImportResult> {
  const o = checkTableOptions(options);
  const { signal, onProgress } = options;
  signal?.throwIfAborted();
  if (source.size > o.maxBytes) {
    throw new DataInputError('too-large', `This file is larger than the import limit of ${formatBytes(o.maxBytes)}. Import a smaller file, for example a sample of its rows.`, { byteOffset: o.maxBytes });
  }
  const metadata = await readFooter(source);
  checkReadable(metadata);
  const names = parquetSchema(metadata).children.map((child) => child.element.name);
  // hyparquet assembles rows by column name, so two columns with one name would read the same data.
  const repeated = names.find((name, i) => names.indexOf(name) !== i);
  if (repeated !== undefined) {
    throw new DataInputError('unsupported-parquet', `This Parquet file has two columns named "${repeated}", which WebTrain cannot tell apart. Rename one of them, then import again.`);
  }
  const rows = new RowCollector(o);
  const { columns, notes } = cleanHeader(names);
  rows.notes.push(...notes);
  rows.start(columns);
  let fetched = 0;
  const file = asyncBufferOf(source, (n) => onProgress?.((fetched = Math.min(source.size, fetched + n))), signal);
  let groupStart = 0;
  for (const group of metadata.row_groups) {
    const groupRows = Number(group.num_rows);
    let values: unknown[][] = [];
    try {
      await parquetRead({ file, metadata, rowStart: groupStart, rowEnd: groupStart + groupRows, rowFormat: 'array', parsers: PARSERS, onComplete: (r) => (values = r) });
    } catch (error) {
      if (signal?.aborted || error instanceof DataInputError) throw error;
      throw bad(`Rows ${groupStart + 1} to ${groupStart + groupRows} of this Parquet file cannot be read (${(error as Error).message}). The file may be damaged or use a feature WebTrain does not support yet.`);
    }
    for (let r = 0; r < values.length; r++) rows.addRow(toCells(values[r], columns, groupStart + r + 1, o.maxFieldChars));
    groupStart += groupRows;
    await rows.flush(sink, false, signal);
  }
  if (rows.rowCount === 0) {
    throw new DataInputError('header-only', `This Parquet file has columns (${columns.slice(0, 10).join(', ')}) but no rows. Choose a file with data in it.`);
  }
  await rows.flush(sink, true, signal);
  return rows.result({ delimiter: '', hasHeader: true }, source.size);
}

function toCells(values: unknown[], columns: string[], row: number, cap: number): string[] {
  const cells = new Array<string>(columns.length);
  for (let c = 0; c < columns.length; c++) {
    const cell = parquetValueToCell(values[c]);
    if (cell.length > cap) {
      throw new DataInputError('field-too-large', `Row ${row}, column "${columns[c]}": the value is longer than ${cap} characters. Leave that column out of the file, then import again.`, { rows: [row] });
    }
    cells[c] = cell;
  }
  return cells;
}
