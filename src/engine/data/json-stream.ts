// Streaming JSON tokenizer for tables: fed text piece by piece, it finds the records (flat JSON objects)
// of a top-level array or of JSON Lines and hands each one over as key/value text, holding at most one
// record plus one field of at most `maxFieldChars` characters. Nested values come back as their JSON text.
import { DataInputError } from './table-types';
import { ESCAPES, isBlank, isLetter, isNumberChar, NUMBER } from './json-chars';

/** 'array': the file is one JSON array of objects. 'lines': each non-blank line is one JSON object. */
export type JsonRecordMode = 'array' | 'lines';

/** One record: `values[i]` belongs to `keys[i]` (a key may repeat; the last value wins for the caller). */
export interface JsonRecord {
  keys: string[];
  /** Strings decoded; numbers as written; true/false as 'true'/'false'; null as ''; objects/arrays as their JSON text. */
  values: string[];
  /** True at `i` when `values[i]` is a nested object or array kept as JSON text. */
  nested: boolean[];
  /** Record number in the array (1-based) or, for JSON Lines, the line it sits on. */
  number: number;
}

export interface JsonRecordStreamOptions {
  mode: JsonRecordMode;
  /** Longest key or value in UTF-16 code units (nested JSON text included); longer -> 'field-too-large'. */
  maxFieldChars: number;
  /** Receives each record as soon as its closing brace is read (fresh arrays the callee may keep). */
  onRecord: (record: JsonRecord) => void;
}

/** Most keys one record may have, and most characters of a record per `maxFieldChars` (bounds a record's memory). */
export const MAX_RECORD_KEYS = 10_000;
const RECORD_FIELDS_OF_TEXT = 16;

// What the tokenizer expects next.
const enum S {
  Start, // array mode: '['; lines mode: '{' or a blank line
  ValueOrClose, // just after '[': a value or ']'
  Value, // after ':' or ',' in an array: a value
  KeyOrClose, // just after '{': a key or '}'
  Key, // after ',' in an object: a key
  Colon,
  After, // after a value: ',' or the container's closing bracket
  String,
  Escape,
  Unicode,
  Number,
  Literal,
  LineEnd, // lines mode: after a line's object, only blanks until the line break
  End, // array mode: after the closing ']', only blanks
}

const OBJ = 1;
const ARR = 2;

/**
 * Push-based JSON record reader. `push(text)` may throw DataInputError ('bad-json' for syntax,
 * 'not-a-table' when the top level or an item is not an object, 'field-too-large'); `finish()` throws
 * 'bad-json' when the text ends inside the JSON and 'empty-file' when it holds no JSON at all.
 * Positions in messages are 1-based lines and columns of UTF-16 code units, plus the 0-based character offset.
 */
export class JsonRecordStream {
  private readonly mode: JsonRecordMode;
  private readonly cap: number;
  private readonly onRecord: (record: JsonRecord) => void;
  /** Containers holding the record (the top-level array: 1 in array mode, 0 in lines mode). */
  private readonly base: number;
  private state = S.Start;
  private readonly stack: number[] = [];
  /** Characters consumed before the current piece; line number and the offset where the line starts. */
  private consumed = 0;
  private line = 1;
  private lineStart = 0;
  private sawJson = false;
  private records = 0;
  private recordLine = 0;
  private keys: string[] = [];
  private values: string[] = [];
  private nested: boolean[] = [];
  private key = '';
  private recordChars = 0;
  // The token being read: string text (or number/literal characters), whether it is a key, and \u digits.
  private buf = '';
  private isKey = false;
  private hex = '';
  /** Nested value being copied as text: its depth, the text before this piece, and where it starts in this piece. */
  private captureDepth = -1;
  private captured = '';
  private captureFrom = 0;

  constructor(options: JsonRecordStreamOptions) {
    this.mode = options.mode;
    this.cap = options.maxFieldChars;
    this.onRecord = options.onRecord;
    this.base = options.mode === 'array' ? 1 : 0;
  }

  /** Records handed over so far. */
  get recordCount(): number {
    return this.records;
  }

  /** Read the next piece of text. */
  push(text: string): void {
    const n = text.length;
    let i = 0;
    while (i < n) {
      const st = this.state;
      if (st === S.String) {
        // Copy a run of plain characters at once; stop at a quote, a backslash or a control character.
        let j = i;
        let c = text.charCodeAt(j);
        while (j < n && c !== 0x22 && c !== 0x5c && c >= 0x20) c = text.charCodeAt(++j);
        if (this.captureDepth < 0) {
          this.buf += text.slice(i, j);
          if (this.buf.length > this.cap) throw this.tooLarge(this.isKey ? 'A key' : 'A value', i);
        }
        if (j === n) return this.endPiece(text);
        if (c === 0x22) this.endString(j);
        else if (c === 0x5c) this.state = S.Escape;
        else throw this.syntax(j, text, 'a line break or control character inside a string (write it as \\n or \\u00XX)');
        i = j + 1;
        continue;
      }
      if (st === S.Number || st === S.Literal) {
        // Copy the rest of the token at once; the character after it is handled as structure.
        let j = i;
        while (j < n && (st === S.Number ? isNumberChar(text.charCodeAt(j)) : isLetter(text.charCodeAt(j)))) j++;
        this.buf += text.slice(i, j);
        if (this.buf.length > this.cap) throw this.tooLarge(st === S.Number ? 'A number' : 'A value', j);
        if (j === n) return this.endPiece(text);
        this.endScalar(text, j);
        this.state = S.After;
        i = j;
        continue;
      }
      this.step(text, i);
      i++;
    }
    this.endPiece(text);
  }

  /** The text has ended: check that the JSON is complete. */
  finish(): void {
    const st = this.state;
    if (st === S.End || st === S.LineEnd || (st === S.Start && this.mode === 'lines' && this.sawJson)) return;
    const at = this.position(this.consumed);
    if (!this.sawJson) {
      throw new DataInputError('empty-file', 'The file is empty (it has no JSON in it). Choose a JSON file that holds an array of records.');
    }
    if (this.stack.length > this.base) {
      const where = this.mode === 'array' ? `record ${this.records + 1} (it starts on line ${this.recordLine})` : `the object on line ${this.recordLine}`;
      throw new DataInputError(
        'bad-json',
        `The file ends inside ${where}, ${at}. It was probably cut short while saving or downloading; get the complete file and import it again.`,
        { rows: [this.mode === 'array' ? this.records + 1 : this.recordLine] },
      );
    }
    throw new DataInputError(
      'bad-json',
      `The file ends after record ${this.records} without the closing "]" of the array, ${at}. It was probably cut short; get the complete file and import it again.`,
      { rows: [this.records] },
    );
  }

  /** Handle the one character at `i` (not inside a string's plain run). */
  private step(text: string, i: number): void {
    const c = text.charCodeAt(i);
    switch (this.state) {
      case S.Escape:
        this.escape(text, i, c);
        return;
      case S.Unicode:
        if (!/^[0-9a-fA-F]$/.test(text[i])) throw this.syntax(i, text, 'a \\u escape that is not followed by 4 hexadecimal digits');
        this.hex += text[i];
        if (this.hex.length === 4) {
          // Two escapes of a surrogate pair land one after the other in `buf`, which makes the character.
          this.addToString(String.fromCharCode(parseInt(this.hex, 16)), i);
          this.state = S.String;
        }
        return;
    }
    if (isBlank(c)) {
      if (c === 0x0a) this.newLine(i, text);
      return;
    }
    this.structural(text, i, c);
  }

  private structural(text: string, i: number, c: number): void {
    const depth = this.stack.length;
    const st = this.state;
    this.sawJson = true;
    if (st === S.Start) {
      if (this.mode === 'array' && c === 0x5b) {
        this.stack.push(ARR);
        this.state = S.ValueOrClose;
        return;
      }
      if (this.mode === 'lines' && c === 0x7b) return this.openRecord();
      throw this.notTable(text, i);
    }
    if (st === S.End || st === S.LineEnd) {
      const what = st === S.End ? 'after the closing "]" of the array' : 'after the object on this line';
      throw this.syntax(i, text, `more JSON ${what} (each ${st === S.End ? 'file' : 'line'} must hold just one)`);
    }
    if (st === S.KeyOrClose || st === S.Key) {
      if (c === 0x22) return this.startString(true);
      if (c === 0x7d && st === S.KeyOrClose) return this.close(i, OBJ, text);
      throw this.syntax(i, text, c === 0x7d ? 'a comma before "}" (trailing commas are not allowed in JSON)' : 'a character where a key in double quotes should be');
    }
    if (st === S.Colon) {
      if (c !== 0x3a) throw this.syntax(i, text, 'a character where ":" should follow the key');
      this.state = S.Value;
      return;
    }
    if (st === S.After) {
      const top = this.stack[depth - 1];
      if (c === 0x2c) {
        this.state = top === OBJ ? S.Key : S.Value;
        return;
      }
      if ((c === 0x7d && top === OBJ) || (c === 0x5d && top === ARR)) return this.close(i, top, text);
      throw this.syntax(i, text, `a character where "," or "${top === OBJ ? '}' : ']'}" should be`);
    }
    // A value is expected (S.Value or S.ValueOrClose).
    if (c === 0x5d && st === S.ValueOrClose) return this.close(i, ARR, text);
    if (c === 0x5d) throw this.syntax(i, text, 'a comma before "]" (trailing commas are not allowed in JSON)');
    if (depth === this.base) {
      // An item of the top-level array: it must be a record.
      if (c === 0x7b) return this.openRecord();
      throw this.notTable(text, i);
    }
    if (c === 0x7b || c === 0x5b) {
      if (depth === this.base + 1) {
        this.captureDepth = depth; // a nested value at record level: copied as text from here
        this.captureFrom = i;
      }
      this.stack.push(c === 0x7b ? OBJ : ARR);
      this.state = c === 0x7b ? S.KeyOrClose : S.ValueOrClose;
      return;
    }
    if (c === 0x22) return this.startString(false);
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) this.state = S.Number;
    else if (isLetter(c)) this.state = S.Literal;
    else throw this.syntax(i, text, 'a character that does not start a JSON value');
    this.buf = text[i];
  }

  private openRecord(): void {
    this.stack.push(OBJ);
    this.state = S.KeyOrClose;
    this.recordLine = this.line;
    this.recordChars = 0;
    this.keys = [];
    this.values = [];
    this.nested = [];
  }

  private close(i: number, kind: number, text: string): void {
    this.stack.pop();
    const depth = this.stack.length;
    if (depth === this.base + 1 && this.captureDepth >= 0) {
      const value = this.captured + text.slice(this.captureFrom, i + 1);
      this.captureDepth = -1;
      this.captured = '';
      if (value.length > this.cap) throw this.tooLarge('A nested value', i);
      this.setValue(value, true, i);
    } else if (depth === this.base && kind === OBJ) {
      this.records++;
      this.onRecord({ keys: this.keys, values: this.values, nested: this.nested, number: this.mode === 'array' ? this.records : this.recordLine });
    }
    if (depth === 0) this.state = this.mode === 'array' ? S.End : S.LineEnd;
    else this.state = S.After;
  }

  private startString(isKey: boolean): void {
    this.isKey = isKey;
    this.buf = '';
    this.state = S.String;
  }

  private endString(i: number): void {
    if (this.captureDepth < 0 && this.isKey) this.key = this.buf;
    else if (this.captureDepth < 0) this.setValue(this.buf, false, i);
    this.state = this.isKey ? S.Colon : S.After;
    this.buf = '';
  }

  private escape(text: string, i: number, c: number): void {
    if (c === 0x75) {
      this.hex = '';
      this.state = S.Unicode;
      return;
    }
    const out = ESCAPES.get(c);
    if (out === undefined) throw this.syntax(i, text, `the escape "\\${text[i]}", which JSON does not have`);
    this.addToString(out, i);
    this.state = S.String;
  }

  private addToString(s: string, i: number): void {
    if (this.captureDepth >= 0) return;
    this.buf += s;
    if (this.buf.length > this.cap) throw this.tooLarge(this.isKey ? 'A key' : 'A value', i);
  }

  /** A number or literal ended just before `i`: check it and, at record level, keep it. */
  private endScalar(text: string, i: number): void {
    const token = this.buf;
    this.buf = '';
    let value: string;
    if (this.state === S.Number) {
      if (!NUMBER.test(token)) throw this.syntax(i - token.length, text, `"${token}", which is not a JSON number`);
      value = token;
    } else if (token === 'true' || token === 'false') value = token;
    else if (token === 'null') value = '';
    else throw this.syntax(i - token.length, text, `"${token.slice(0, 20)}", which is not a JSON value (strings need double quotes)`);
    if (this.captureDepth < 0) this.setValue(value, false, i);
  }

  private setValue(value: string, nested: boolean, i: number): void {
    this.recordChars += this.key.length + value.length;
    if (this.recordChars > RECORD_FIELDS_OF_TEXT * this.cap) throw this.tooLarge('The record as a whole', i, RECORD_FIELDS_OF_TEXT * this.cap);
    if (this.keys.length >= MAX_RECORD_KEYS) {
      throw new DataInputError('too-large', `${this.where(i).text}: the record has more than ${MAX_RECORD_KEYS} keys; WebTrain reads tables of at most ${MAX_RECORD_KEYS} columns.`, { rows: [this.where(i).row] });
    }
    this.keys.push(this.key);
    this.values.push(value);
    this.nested.push(nested);
  }

  private newLine(i: number, text: string): void {
    if (this.mode === 'lines' && this.stack.length > 0) {
      throw this.syntax(i, text, `the end of the line inside its object; in JSON Lines each object must be complete on one line`);
    }
    this.line++;
    this.lineStart = this.consumed + i + 1;
    if (this.state === S.LineEnd) this.state = S.Start;
  }

  private endPiece(text: string): void {
    if (this.captureDepth >= 0) {
      this.captured += text.slice(this.captureFrom);
      this.captureFrom = 0;
      if (this.captured.length > this.cap) throw this.tooLarge('A nested value', text.length - 1);
    }
    this.consumed += text.length;
  }

  /** "at line 3, column 7 (character 52)" for offset `at` from the start of the text. */
  private position(at: number): string {
    return `at line ${this.line}, ${this.column(at)}`;
  }

  private column(at: number): string {
    return `column ${at - this.lineStart + 1} (character ${at})`;
  }

  private where(i: number): { text: string; row: number } {
    const inRecord = this.stack.length > this.base;
    const at = this.position(this.consumed + i);
    if (this.mode === 'lines') return { text: `Line ${this.line}, ${this.column(this.consumed + i)}`, row: this.line };
    if (inRecord) return { text: `Record ${this.records + 1}, ${at}`, row: this.records + 1 };
    return { text: `After record ${this.records}, ${at}`, row: this.records };
  }

  private syntax(i: number, text: string, found: string): DataInputError {
    const { text: where, row } = this.where(i);
    const shown = this.state === S.String || i < 0 || i >= text.length ? '' : ` ("${text[i]}")`;
    return new DataInputError('bad-json', `${where}: the JSON has ${found}${shown}. Fix the file there (a JSON validator shows the spot) and import again.`, {
      rows: row > 0 ? [row] : [],
    });
  }

  private tooLarge(what: string, i: number, limit = this.cap): DataInputError {
    const { text: where, row } = this.where(i);
    return new DataInputError(
      'field-too-large',
      `${where}: ${what.toLowerCase()} is longer than ${limit} characters. Shorten it, or leave that key out of the records, then import again.`,
      { rows: [row] },
    );
  }

  private notTable(text: string, i: number): DataInputError {
    const c = text[i];
    const kind = c === '[' ? 'an array' : c === '{' ? 'an object' : c === '"' ? 'a string' : /[-0-9]/.test(c) ? 'a number' : 'a value';
    if (this.mode === 'lines') {
      return new DataInputError('not-a-table', `Line ${this.line} holds ${kind}, not a JSON object. In JSON Lines every non-blank line must be one object such as {"x": 1, "label": "a"}.`, { rows: [this.line] });
    }
    if (this.stack.length === 0) {
      return new DataInputError('not-a-table', `The file holds ${kind} ${this.position(this.consumed + i)}, not an array of records. Save the table as a JSON array of objects, [{"x": 1, "label": "a"}, ...], or as JSON Lines.`, { rows: [] });
    }
    return new DataInputError('not-a-table', `Item ${this.records + 1} of the array is ${kind} ${this.position(this.consumed + i)}, not an object. Every item must be a record such as {"x": 1, "label": "a"}.`, { rows: [this.records + 1] });
  }
}
