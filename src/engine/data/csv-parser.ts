// Incremental RFC 4180 CSV parser: a state machine fed text in arbitrary pieces (push/finish) that
// emits rows of string cells with their spreadsheet row numbers, and guards against runaway fields.
import { DataInputError } from './table-types';

/** Default cap on the characters in one field. */
export const DEFAULT_MAX_FIELD_CHARS = 1_000_000;

export interface CsvParserOptions {
  /** One character that separates fields; not a quote, CR or LF. */
  delimiter: string;
  /** Largest field, in UTF-16 code units; longer -> DataInputError('field-too-large'). Default 1,000,000. */
  maxFieldChars?: number;
  /**
   * Receives each non-blank row (a fresh array the callee may keep) and its 1-based row number as a
   * spreadsheet would show it: every record counts, blank lines included; line breaks inside quotes do not.
   */
  onRow: (cells: string[], row: number) => void;
}

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

// Parser states.
const FIELD_START = 0; // at the start of a field (after a delimiter or a record end)
const UNQUOTED = 1; // inside an unquoted field (or after a closing quote: extra text is kept verbatim)
const QUOTED = 2; // inside a quoted field
const QUOTE_IN_QUOTED = 3; // saw a quote inside a quoted field: an escaped "" or the closing quote

function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/**
 * Streaming CSV parser. Quoted fields may contain delimiters, line breaks (kept verbatim) and `""`
 * (an escaped quote). Records end at CRLF, LF or CR. Blank lines (one unquoted, whitespace-only field)
 * are skipped but still counted as rows. Text after a closing quote is kept (`"a"b` -> `ab`) rather
 * than refused, as spreadsheet programs do. Throws DataInputError 'field-too-large' from push()
 * and 'unterminated-quote' from finish().
 */
export class CsvParser {
  private readonly delimiter: number;
  private readonly maxFieldChars: number;
  private readonly onRow: (cells: string[], row: number) => void;
  private state = FIELD_START;
  private field = '';
  private cells: string[] = [];
  private anyQuoted = false;
  /** Row number of the record being read, and physical line number (for messages). */
  private row = 1;
  private line = 1;
  /** A CR ended the last record: an LF right after it belongs to the same line break. */
  private skipLF = false;
  /** Inside quotes, a CR was the last character (so a following LF is the same line break). */
  private quotedCR = false;
  private quoteRow = 0;
  private quoteLine = 0;
  private finished = false;

  constructor(options: CsvParserOptions) {
    const { delimiter, maxFieldChars = DEFAULT_MAX_FIELD_CHARS } = options;
    if (typeof delimiter !== 'string' || delimiter.length !== 1 || '"\r\n'.includes(delimiter)) {
      throw new RangeError(`CSV delimiter must be one character other than a quote or line break, got ${JSON.stringify(delimiter)}.`);
    }
    if (!Number.isInteger(maxFieldChars) || maxFieldChars < 1) {
      throw new RangeError(`maxFieldChars must be a positive integer, got ${maxFieldChars}.`);
    }
    this.delimiter = delimiter.charCodeAt(0);
    this.maxFieldChars = maxFieldChars;
    this.onRow = options.onRow;
  }

  /** Feed the next piece of text; complete rows are passed to `onRow` before this returns. */
  push(text: string): void {
    if (this.finished) throw new Error('CsvParser.push() called after finish(); create a new parser.');
    const n = text.length;
    const delim = this.delimiter;
    let i = 0;
    while (i < n) {
      const state = this.state;
      if (state === QUOTED) {
        const q = text.indexOf('"', i);
        const end = q === -1 ? n : q;
        this.countQuotedLines(text, i, end);
        this.append(text, i, end);
        if (q === -1) return;
        this.state = QUOTE_IN_QUOTED;
        i = q + 1;
      } else if (state === QUOTE_IN_QUOTED) {
        if (text.charCodeAt(i) === QUOTE) {
          this.append(text, i, i + 1); // "" is one literal quote
          this.state = QUOTED;
          this.quotedCR = false;
          i++;
        } else {
          this.state = UNQUOTED; // the quote closed the field; UNQUOTED handles what follows
        }
      } else if (state === FIELD_START) {
        const c = text.charCodeAt(i);
        if (this.skipLF) {
          this.skipLF = false;
          if (c === LF) {
            i++;
            continue;
          }
        }
        if (c === QUOTE) {
          this.state = QUOTED;
          this.anyQuoted = true;
          this.quotedCR = false;
          this.quoteRow = this.row;
          this.quoteLine = this.line;
          i++;
        } else {
          this.state = UNQUOTED;
        }
      } else {
        // UNQUOTED: take everything up to the next delimiter or line break in one slice.
        let j = i;
        let c = 0;
        while (j < n) {
          c = text.charCodeAt(j);
          if (c === delim || c === LF || c === CR) break;
          j++;
        }
        this.append(text, i, j);
        if (j === n) return;
        this.cells.push(this.field);
        this.field = '';
        this.state = FIELD_START;
        if (c !== delim) {
          this.endRecord();
          this.skipLF = c === CR;
        }
        i = j + 1;
      }
    }
  }

  /** End of input: emits the last row; throws 'unterminated-quote' when a quoted field is still open. */
  finish(): void {
    if (this.finished) return;
    this.finished = true;
    if (this.state === QUOTED) {
      const where = this.quoteLine !== this.quoteRow ? ` (line ${this.quoteLine} in a text editor)` : '';
      throw new DataInputError(
        'unterminated-quote',
        `Row ${this.quoteRow}${where}: a quoted field starts here and is never closed, so everything after it ` +
          'would be read as one cell. Add the missing closing quote ("), or write a quote inside a field as two quotes (""), then import again.',
        { rows: [this.quoteRow] },
      );
    }
    if (this.state !== FIELD_START || this.cells.length > 0) {
      this.cells.push(this.field);
      this.field = '';
      this.endRecord();
    }
  }

  /** Append text[start, end) to the current field, enforcing the field-size cap. */
  private append(text: string, start: number, end: number): void {
    if (end <= start) return;
    if (this.field.length + (end - start) > this.maxFieldChars) throw this.fieldTooLarge();
    this.field += text.slice(start, end);
  }

  private fieldTooLarge(): DataInputError {
    const cap = formatCount(this.maxFieldChars);
    const column = this.cells.length + 1;
    if (this.state === QUOTED) {
      return new DataInputError(
        'field-too-large',
        `Row ${this.quoteRow}, column ${column}: a quoted field is longer than ${cap} characters. ` +
          'It may be an unclosed quote: check that every opening quote (") on that row has a closing one, then import again.',
        { rows: [this.quoteRow] },
      );
    }
    return new DataInputError(
      'field-too-large',
      `Row ${this.row}, column ${column}: a field is longer than ${cap} characters, too long for a table cell. ` +
        'Check that the file is a CSV table with line breaks between rows, or shorten that cell.',
      { rows: [this.row] },
    );
  }

  private endRecord(): void {
    const cells = this.cells;
    const blank = cells.length === 1 && !this.anyQuoted && cells[0].trim() === '';
    if (!blank) this.onRow(cells, this.row);
    this.cells = [];
    this.anyQuoted = false;
    this.row++;
    this.line++;
  }

  /** Count physical lines inside quoted text[start, end) (CRLF once), for messages. */
  private countQuotedLines(text: string, start: number, end: number): void {
    let cr = this.quotedCR;
    for (let k = start; k < end; k++) {
      const c = text.charCodeAt(k);
      if (c === CR) {
        this.line++;
        cr = true;
      } else {
        if (c === LF && !cr) this.line++;
        cr = false;
      }
    }
    if (end > start) this.quotedCR = cr;
  }
}
