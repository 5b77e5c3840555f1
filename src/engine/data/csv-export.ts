// Writes table rows back out as CSV (RFC 4180 quoting) with spreadsheet formula injection defused:
// a cell that a spreadsheet would run as a formula is written with a leading apostrophe (reliability C11).
import { parseNumericCell } from './column-profiler';

/** First characters that make Excel, LibreOffice and Sheets treat a cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One cell as CSV text. Cells starting with `=`, `+`, `-`, `@`, tab or CR get a leading `'` so a
 * spreadsheet shows them as text instead of evaluating them; plain numbers such as `-5` or `+1e3`
 * stay as they are (they are data, not formulas). Cells with a comma, quote or line break are quoted.
 */
export function csvCell(cell: string): string {
  const safe = FORMULA_START.test(cell) && parseNumericCell(cell) === undefined ? `'${cell}` : cell;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One CSV line (without the line break). */
export function csvLine(cells: readonly string[]): string {
  return cells.map(csvCell).join(',');
}

/** The header line then one line per row, each ending with CRLF as RFC 4180 writes them. */
export function* csvLines(columns: readonly string[], rows: Iterable<readonly string[]>): Generator<string> {
  yield `${csvLine(columns)}\r\n`;
  for (const row of rows) yield `${csvLine(row)}\r\n`;
}
