// Streaming import of JSON tables (an array of records, or JSON Lines through json-lines-import.ts):
// records -> rows of text cells in the shared chunked form, columns = the union of keys in first-seen order.
import { cleanHeader } from './csv-sniff';
import { JsonRecordStream, MAX_RECORD_KEYS } from './json-stream';
import type { JsonRecord, JsonRecordMode } from './json-stream';
import { RowCollector, checkTableOptions } from './row-collector';
import type { TableImportOptions, TableImportResult, TableImportSink } from './row-collector';
import { DataInputError } from './table-types';
import { readUtf8Text } from './utf8-stream';

/** More distinct keys than this is not a table WebTrain can use (and would cost memory per record). */
export const MAX_JSON_COLUMNS = MAX_RECORD_KEYS;
const LISTED = 10;

/**
 * Turns records into rows. Columns may appear in any record until the first chunk is full
 * (`chunkRows` records, all held anyway); earlier rows get empty cells for them. Once the first chunk
 * goes to the sink the columns are fixed, and a record with a key none of those records had is refused
 * ('ragged-rows', naming the record and the key): rows already stored cannot grow a column.
 * Keys live in a Map, never as object properties, so "__proto__" or "constructor" are ordinary columns.
 */
class JsonTable {
  private readonly index = new Map<string, number>();
  private readonly keys: string[] = [];
  private held: string[][] = [];
  private readonly nestedColumns = new Set<number>();
  private nestedValues = 0;

  constructor(
    private readonly rows: RowCollector,
    private readonly scanRecords: number,
    private readonly mode: JsonRecordMode,
  ) {}

  readonly onRecord = (record: JsonRecord): void => {
    const fixed = this.rows.columns !== undefined;
    const cells: string[] = fixed ? new Array<string>(this.keys.length).fill('') : [];
    for (let k = 0; k < record.keys.length; k++) {
      let c = this.index.get(record.keys[k]);
      if (c === undefined) {
        if (fixed) throw this.lateKey(record, record.keys[k]);
        c = this.addKey(record.keys[k], record);
      }
      cells[c] = record.values[k]; // a repeated key: the last value wins, as in JSON.parse
      if (record.nested[k]) {
        this.nestedColumns.add(c);
        this.nestedValues++;
      }
    }
    if (fixed) {
      this.rows.addRow(cells);
      return;
    }
    this.held.push(cells);
    if (this.held.length >= this.scanRecords) this.fixColumns();
  };

  /** Fix the columns and pass the held records on (empty cells for keys they lack). */
  fixColumns(): void {
    if (this.rows.columns) return;
    if (this.keys.length === 0) throw this.noKeys();
    const { columns, notes } = cleanHeader(this.keys);
    this.rows.notes.push(...notes);
    this.rows.start(columns);
    const width = this.keys.length;
    for (const cells of this.held) {
      for (let c = 0; c < width; c++) if (cells[c] === undefined) cells[c] = '';
      this.rows.addRow(cells);
    }
    this.held = [];
  }

  /** Add the notes that describe the import as a whole (call when every record was read). */
  addNotes(): void {
    const columns = this.rows.columns ?? [];
    if (this.nestedValues === 0) return;
    const names = [...this.nestedColumns].slice(0, LISTED).map((c) => `"${columns[c]}"`);
    const more = this.nestedColumns.size > LISTED ? ', …' : '';
    this.rows.notes.push(
      `${this.nestedValues} nested value${this.nestedValues === 1 ? '' : 's'} (objects or arrays) in column${this.nestedColumns.size === 1 ? '' : 's'} ` +
        `${names.join(', ')}${more} ${this.nestedValues === 1 ? 'was' : 'were'} kept as JSON text, one text cell each.`,
    );
  }

  private addKey(key: string, record: JsonRecord): number {
    if (this.keys.length >= MAX_JSON_COLUMNS) {
      throw new DataInputError('too-large', `${this.name(record)} brings the number of different keys above ${MAX_JSON_COLUMNS}. WebTrain reads tables of at most ${MAX_JSON_COLUMNS} columns; keep only the keys you need.`, { rows: [record.number] });
    }
    this.index.set(key, this.keys.length);
    this.keys.push(key);
    return this.keys.length - 1;
  }

  private name(record: JsonRecord): string {
    return this.mode === 'array' ? `Record ${record.number}` : `The object on line ${record.number}`;
  }

  private lateKey(record: JsonRecord, key: string): DataInputError {
    const shown = key.length > 60 ? `${key.slice(0, 60)}…` : key;
    return new DataInputError(
      'ragged-rows',
      `${this.name(record)} has the key "${shown}", which none of the first ${this.scanRecords} records has. ` +
        'WebTrain takes the columns from the first records; add this key (with null as its value) to the first record, then import again.',
      { rows: [record.number] },
    );
  }

  private noKeys(): DataInputError {
    return new DataInputError('not-a-table', 'The records have no keys (they are all {}), so there are no columns. Each record needs keys and values, such as {"x": 1, "label": "a"}.');
  }
}

/**
 * Shared by importJson and importJsonLines: decode UTF-8, read the records with JsonRecordStream and hand
 * rows to `sink.writeChunk` in chunks of `chunkRows`. Strings become their text, numbers keep their
 * written digits (full precision), true/false stay words, null becomes an empty (missing) cell and a
 * missing key an empty cell; nested objects/arrays are kept as JSON text (with a note).
 */
export async function importJsonRecords(
  mode: JsonRecordMode,
  source: ReadableStream<Uint8Array>,
  sink: TableImportSink,
  options: TableImportOptions = {},
): Promise<TableImportResult> {
  const o = checkTableOptions(options);
  const { signal } = options;
  const rows = new RowCollector(o);
  const table = new JsonTable(rows, o.chunkRows, mode);
  const parser = new JsonRecordStream({ mode, maxFieldChars: o.maxFieldChars, onRecord: table.onRecord });
  let bytesRead = 0;
  for await (const piece of readUtf8Text(source, { maxBytes: o.maxBytes, onProgress: options.onProgress, signal })) {
    bytesRead = piece.bytesRead;
    parser.push(piece.text);
    await rows.flush(sink, false, signal);
  }
  parser.finish();
  if (parser.recordCount === 0) {
    const what = mode === 'array' ? 'The JSON array is empty ([])' : 'The file has no JSON objects in it';
    throw new DataInputError('empty-file', `${what}, so there are no rows to import. Choose a file with at least one record.`);
  }
  table.fixColumns();
  table.addNotes();
  await rows.flush(sink, true, signal);
  return rows.result({ delimiter: '', hasHeader: true }, bytesRead);
}

/**
 * Import a JSON file holding one array of records, `[{"x": 1, "y": "a"}, ...]`, streaming: memory holds
 * one chunk of rows plus one record. Columns: the keys in first-seen order, from the records of the first
 * chunk (see JsonTable). Row numbers in errors are record numbers (1-based). Rejects with DataInputError
 * ('bad-json' with the record, line and column; 'not-a-table' for a top level or item that is not an
 * object; 'ragged-rows' for a late new key; 'field-too-large'; 'empty-file'; 'too-large'; 'binary-file';
 * 'utf16'; 'not-utf8' with its byte offset), RangeError for bad options, the sink's error or the abort reason.
 */
export function importJson(source: ReadableStream<Uint8Array>, sink: TableImportSink, options: TableImportOptions = {}): Promise<TableImportResult> {
  return importJsonRecords('array', source, sink, options);
}
