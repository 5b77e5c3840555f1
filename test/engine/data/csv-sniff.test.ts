// Tests for layout sniffing: delimiter choice, header detection and header clean-up.
import { describe, expect, it } from 'vitest';
import { cleanHeader, detectDelimiter, detectHeader, genericColumnNames } from '../../../src/engine/data/csv-sniff';

describe('detectDelimiter', () => {
  it('finds comma, semicolon, tab and pipe', () => {
    expect(detectDelimiter('a,b,c\n1,2,3\n4,5,6\n')).toBe(',');
    expect(detectDelimiter('a;b;c\n1;2;3\n4;5;6\n')).toBe(';');
    expect(detectDelimiter('a\tb\n1\t2\n')).toBe('\t');
    expect(detectDelimiter('a|b|c\r\n1|2|3\r\n')).toBe('|');
  });

  it('prefers the consistent delimiter over one that appears in decimal numbers', () => {
    expect(detectDelimiter('price;qty\n1,5;2\n2,25;3\n10;4\n')).toBe(';');
  });

  it('ignores delimiters inside quotes', () => {
    expect(detectDelimiter('name;note\n"Smith, J";"a, b, c"\n"Doe, K";"x,y"\n')).toBe(';');
    expect(detectDelimiter('a,b\n"x;y;z",1\n"multi\nline;;",2\n')).toBe(',');
  });

  it('prefers the delimiter giving more fields when both are equally consistent', () => {
    expect(detectDelimiter('a,b,c,d|e\n1,2,3,4|5\n')).toBe(',');
  });

  it('ignores a cut-off last line and blank lines, and defaults to comma', () => {
    expect(detectDelimiter('a;b\n1;2\n\n   \n3;4\n5', false)).toBe(';');
    expect(detectDelimiter('single\ncolumn\nfile\n')).toBe(',');
    expect(detectDelimiter('')).toBe(',');
  });
});

describe('detectHeader', () => {
  it('calls a row with a numeric-looking cell data', () => {
    expect(detectHeader(['name', 'age', 'score'])).toBe(true);
    expect(detectHeader(['', 'x'])).toBe(true);
    expect(detectHeader(['alice', ' 31 ', 'b'])).toBe(false);
    expect(detectHeader(['1.5e3', '2'])).toBe(false);
    expect(detectHeader(['NaN', 'Infinity', '0x1F'])).toBe(true);
  });

  it('names header-less columns column_1..column_N', () => {
    expect(genericColumnNames(3)).toEqual(['column_1', 'column_2', 'column_3']);
  });
});

describe('cleanHeader', () => {
  it('strips BOMs, trims, and names blank columns by position', () => {
    const { columns, notes } = cleanHeader(['\uFEFFid', '  name ', '', '   ']);
    expect(columns).toEqual(['id', 'name', 'column_3', 'column_4']);
    expect(notes).toHaveLength(2);
    expect(notes[0]).toContain('Column 3');
  });

  it('renames duplicates a, a_1, a_2 without colliding with existing names', () => {
    expect(cleanHeader(['a', 'b', 'a', 'a']).columns).toEqual(['a', 'b', 'a_1', 'a_2']);
    const { columns, notes } = cleanHeader(['a', 'a', 'a_1']);
    expect(columns).toEqual(['a', 'a_2', 'a_1']);
    expect(new Set(columns).size).toBe(3);
    expect(notes).toEqual(['Column 2 repeats the name "a"; it was renamed "a_2".']);
    expect(cleanHeader(['column_2', '']).columns).toEqual(['column_2', 'column_2_1']);
  });

  it('keeps prototype-like names verbatim', () => {
    const names = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '__proto__'];
    expect(cleanHeader(names).columns).toEqual(['__proto__', 'constructor', 'toString', 'hasOwnProperty', '__proto___1']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
