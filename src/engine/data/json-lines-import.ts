// Streaming import of JSON Lines (.jsonl / .ndjson): one JSON object per line, blank lines ignored.
// A thin entry over the shared JSON record import; row numbers in its errors are file lines.
import { importJsonRecords } from './json-import';
import type { TableImportOptions, TableImportResult, TableImportSink } from './row-collector';

/**
 * Import JSON Lines: every non-blank line holds one complete object, `{"x": 1, "y": "a"}`. Cells, columns
 * and limits are those of importJson; errors name the 1-based line (DataInputError 'bad-json',
 * 'not-a-table' for a line that is not an object, 'ragged-rows', 'field-too-large', 'empty-file',
 * 'too-large', 'binary-file', 'utf16', 'not-utf8'), RangeError for bad options, or the abort reason.
 */
export function importJsonLines(source: ReadableStream<Uint8Array>, sink: TableImportSink, options: TableImportOptions = {}): Promise<TableImportResult> {
  return importJsonRecords('lines', source, sink, options);
}
