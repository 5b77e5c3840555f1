// Tests for the incremental CSV state machine: RFC 4180 quoting, line endings, row numbers,
// unterminated quotes and the field-size cap, fed in pieces of every size.
import { describe, expect, it } from 'vitest';
import { CsvParser } from '../../../src/engine/data/csv-parser';
import { DataInputError } from '../../../src/engine/data/table-types';

const PIECE_SIZES = [1, 2, 3, 7, 65536];

/** Parse `text` fed in pieces of `size` characters; returns rows with their row numbers. */
function parse(text: string, size: number, options: { delimiter?: string; maxFieldChars?: number } = {}) {
  const rows: { cells: string[]; row: number }[] = [];
  const parser = new CsvParser({ delimiter: options.delimiter ?? ',', maxFieldChars: options.maxFieldChars, onRow: (cells, row) => rows.push({ cells, row }) });
  for (let i = 0; i < text.length; i += size) parser.push(text.slice(i, i + size));
  parser.finish();
  return rows;
}

function parseError(text: string, size: number, maxFieldChars?: number): DataInputError {
  try {
    parse(text, size, { maxFieldChars });
  } catch (error) {
    expect(error).toBeInstanceOf(DataInputError);
    return error as DataInputError;
  }
  throw new Error('expected a DataInputError');
}

describe('CsvParser', () => {
  it.each(PIECE_SIZES)('handles quotes, escaped quotes, delimiters and line breaks inside quotes (%i-char pieces)', (size) => {
    const text = 'id,note,n\n1,"hello, world",2\n2,"she said ""hi""",3\n3,"two\nlines\r\nhere",4\n4,"",\n';
    expect(parse(text, size)).toEqual([
      { cells: ['id', 'note', 'n'], row: 1 },
      { cells: ['1', 'hello, world', '2'], row: 2 },
      { cells: ['2', 'she said "hi"', '3'], row: 3 },
      { cells: ['3', 'two\nlines\r\nhere', '4'], row: 4 },
      { cells: ['4', '', ''], row: 5 },
    ]);
  });

  it.each(PIECE_SIZES)('accepts CRLF, LF and CR line endings and a missing final newline (%i-char pieces)', (size) => {
    const expected = [['a', 'b'], ['1', '2'], ['3', '4']];
    for (const text of ['a,b\r\n1,2\r\n3,4\r\n', 'a,b\n1,2\n3,4', 'a,b\r1,2\r3,4\r', 'a,b\r\n1,2\n3,4\r']) {
      expect(parse(text, size).map((r) => r.cells)).toEqual(expected);
    }
  });

  it.each(PIECE_SIZES)('skips blank lines but still counts them as rows (%i-char pieces)', (size) => {
    const rows = parse('a,b\n\n1,2\r\n   \r\n3,4\n\n', size);
    expect(rows).toEqual([
      { cells: ['a', 'b'], row: 1 },
      { cells: ['1', '2'], row: 3 },
      { cells: ['3', '4'], row: 5 },
    ]);
  });

  it('keeps a quoted empty line as a row and text after a closing quote', () => {
    expect(parse('""\n"a"b,c\n', 3).map((r) => r.cells)).toEqual([[''], ['ab', 'c']]);
  });

  it('uses other delimiters and keeps commas as text then', () => {
    expect(parse('a;b\n1,5;"x;y"\n', 2, { delimiter: ';' }).map((r) => r.cells)).toEqual([['a', 'b'], ['1,5', 'x;y']]);
    expect(parse('a\tb\n1\t2\n', 1, { delimiter: '\t' }).map((r) => r.cells)).toEqual([['a', 'b'], ['1', '2']]);
  });

  it.each(PIECE_SIZES)('reports an unterminated quote at the row where it opens (%i-char pieces)', (size) => {
    const error = parseError('a,b\n1,2\n3,"oops\n5,6\n7,8\n', size);
    expect(error.code).toBe('unterminated-quote');
    expect(error.rows).toEqual([3]);
    expect(error.message).toMatch(/^Row 3: a quoted field starts here and is never closed/);
  });

  it('numbers the row like a spreadsheet when earlier cells contain line breaks', () => {
    const error = parseError('a,b\n1,"x\ny"\n2,"open\n', 4);
    expect(error.rows).toEqual([3]);
    expect(error.message).toContain('line 4 in a text editor');
  });

  it.each(PIECE_SIZES)('caps the field length (%i-char pieces)', (size) => {
    const unquoted = parseError(`a,b\n1,${'x'.repeat(11)}\n`, size, 10);
    expect(unquoted.code).toBe('field-too-large');
    expect(unquoted.rows).toEqual([2]);
    expect(unquoted.message).toContain('Row 2, column 2');
    const quoted = parseError(`a,b\n1,2\n3,"${'y'.repeat(20)}\n`, size, 10);
    expect(quoted.code).toBe('field-too-large');
    expect(quoted.rows).toEqual([3]);
    expect(quoted.message).toContain('unclosed quote');
    // Exactly at the cap is fine.
    expect(parse(`a\n${'z'.repeat(10)}\n`, size, { maxFieldChars: 10 })[1].cells[0]).toHaveLength(10);
  });

  it('validates its options and refuses use after finish', () => {
    const onRow = () => undefined;
    expect(() => new CsvParser({ delimiter: '', onRow })).toThrow(RangeError);
    expect(() => new CsvParser({ delimiter: '"', onRow })).toThrow(RangeError);
    expect(() => new CsvParser({ delimiter: ',,', onRow })).toThrow(RangeError);
    expect(() => new CsvParser({ delimiter: ',', maxFieldChars: 0, onRow })).toThrow(RangeError);
    const parser = new CsvParser({ delimiter: ',', onRow });
    parser.finish();
    expect(() => parser.push('a')).toThrow(/after finish/);
  });
});
