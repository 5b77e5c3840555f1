// Tests for the one-pass column profiler: number parsing, missing cells, type inference and
// statistics checked against values worked out by hand.
import { describe, expect, it } from 'vitest';
import { ColumnProfiler, parseNumericCell } from '../../../src/engine/data/column-profiler';

function profile(columns: string[], rows: string[][], maxDistinct?: number) {
  const profiler = new ColumnProfiler(columns, { maxDistinct });
  for (const row of rows) profiler.addRow(row);
  return profiler.summaries();
}

/** One column's summary from a list of cells. */
function column(cells: string[], maxDistinct?: number) {
  return profile(['x'], cells.map((c) => [c]), maxDistinct)[0];
}

describe('parseNumericCell', () => {
  it('accepts plain decimal and scientific numbers only', () => {
    expect(parseNumericCell(' 007')).toBe(7);
    expect(parseNumericCell('-0.5')).toBe(-0.5);
    expect(parseNumericCell('.5')).toBe(0.5);
    expect(parseNumericCell('5.')).toBe(5);
    expect(parseNumericCell('+1e-3')).toBe(0.001);
    expect(parseNumericCell('2E3\t')).toBe(2000);
    for (const cell of ['1e999', '-1e999', 'NaN', 'Infinity', '-Infinity', '0x10', '', '  ', '1,234', '1.2.3', 'e5', '.', '1e', '12abc']) {
      expect(parseNumericCell(cell), cell).toBeUndefined();
    }
  });
});

describe('ColumnProfiler', () => {
  it('computes numeric statistics (population std) by hand', () => {
    // 1, 2, 3, 4, 10: mean 4; squared deviations 9+4+1+0+36 = 50; variance 50/5 = 10.
    const s = column(['1', '2', '', '3', ' 4 ', '10', 'NA']);
    expect(s.type).toBe('numeric');
    expect(s.missing).toBe(2);
    expect(s.distinct).toBe(5);
    expect(s.min).toBe(1);
    expect(s.max).toBe(10);
    expect(s.mean).toBeCloseTo(4, 12);
    expect(s.std).toBeCloseTo(Math.sqrt(10), 12);
    expect(s.topValues).toBeUndefined();
  });

  it('keeps Welford accurate for large offsets', () => {
    // 1e9 + {4, 7, 13, 16}: mean 1e9 + 10, deviations -6, -3, 3, 6 -> variance 90/4 = 22.5.
    const s = column(['1000000004', '1000000007', '1000000013', '1000000016']);
    expect(s.mean).toBeCloseTo(1e9 + 10, 6);
    expect(s.std).toBeCloseTo(Math.sqrt(22.5), 6);
  });

  it('treats 1e999, NaN, Infinity, 007 and empty cells as the rules say (C10)', () => {
    const s = profile(
      ['big', 'nan', 'inf', 'padded'],
      [
        ['1', 'NaN', '1', ' 007'],
        ['1e999', '2', 'Infinity', ''],
        ['3', 'nan', '3', '8'],
      ],
    );
    expect(s[0].type).toBe('categorical'); // "1e999" is not a finite number, so the column is not numeric
    expect(s[0].mean).toBeUndefined();
    expect(s[1]).toMatchObject({ type: 'numeric', missing: 2, min: 2, max: 2, mean: 2, std: 0 });
    expect(s[2].type).toBe('categorical');
    expect(s[2].topValues).toEqual([
      { value: '1', count: 1 },
      { value: 'Infinity', count: 1 },
      { value: '3', count: 1 },
    ]);
    expect(s[3]).toMatchObject({ type: 'numeric', missing: 1, min: 7, max: 8, mean: 7.5, std: 0.5 });
  });

  it('counts every missing token, whatever its case', () => {
    const s = column(['', '  ', 'NA', 'n/a', 'NULL', 'nan', '?', 'N/A']);
    expect(s).toMatchObject({ type: 'empty', missing: 8, distinct: 0, distinctCapped: false, topValues: [] });
  });

  it('tells categorical from text', () => {
    // 3 distinct values among 9 cells: categorical, ties in first-seen order.
    const cat = column(['red', 'blue', 'red', 'green', 'blue', 'red', 'green', 'blue', 'red']);
    expect(cat.type).toBe('categorical');
    expect(cat.distinct).toBe(3);
    expect(cat.topValues).toEqual([
      { value: 'red', count: 4 },
      { value: 'blue', count: 3 },
      { value: 'green', count: 2 },
    ]);
    // 30 distinct among 40: more than 20 and more than half -> text.
    const text = column(Array.from({ length: 40 }, (_, i) => `w${i % 30}`));
    expect(text.type).toBe('text');
    expect(text.topValues).toHaveLength(10);
    expect(text.topValues?.[0]).toEqual({ value: 'w0', count: 2 });
    // 30 distinct among 100: at most half -> categorical.
    expect(column(Array.from({ length: 100 }, (_, i) => `w${i % 30}`)).type).toBe('categorical');
    // 60 distinct among 600: more than 50 -> text.
    expect(column(Array.from({ length: 600 }, (_, i) => `w${i % 60}`)).type).toBe('text');
    // 20 distinct among 20: at most 20 -> categorical.
    expect(column(Array.from({ length: 20 }, (_, i) => `w${i}`)).type).toBe('categorical');
    // One word among numbers makes the column non-numeric.
    expect(column(['1', '2', 'three']).type).toBe('categorical');
  });

  it('caps the distinct values it remembers', () => {
    const s = column(Array.from({ length: 30 }, (_, i) => `v${i % 10}`), 4);
    expect(s.distinct).toBe(4);
    expect(s.distinctCapped).toBe(true);
    expect(s.type).toBe('text');
    expect(s.topValues?.map((t) => t.count)).toEqual([3, 3, 3, 3]);
    expect(column(['x'.repeat(2000), 'y']).distinctCapped).toBe(true);
  });

  it('handles short rows, extra cells, prototype-like names and bad options', () => {
    const s = profile(['__proto__', 'constructor'], [['1'], ['2', 'a', 'extra']]);
    expect(s.map((c) => c.name)).toEqual(['__proto__', 'constructor']);
    expect(s[1]).toMatchObject({ missing: 1, distinct: 1 });
    expect(() => new ColumnProfiler(['a'], { maxDistinct: 0 })).toThrow(RangeError);
  });

  it('infers boolean columns: true/false or yes/no in any case, 0/1 only when both occur', () => {
    expect(column(['true', 'FALSE', ' True ', '', 'false']).type).toBe('boolean');
    expect(column(['yes', 'No', 'YES']).type).toBe('boolean');
    expect(column(['yes', 'yes']).type).toBe('boolean'); // one word value is still a yes/no column
    const bits = column(['0', '1', '1', 'NA']);
    expect(bits).toMatchObject({ type: 'boolean', min: 0, max: 1, mean: 2 / 3 });
    expect(bits.topValues).toEqual([{ value: '1', count: 2 }, { value: '0', count: 1 }]);
    expect(column(['1', '1']).type).toBe('numeric'); // a single 0/1 value: numbers stay numeric
    expect(column(['0', '1', '2']).type).toBe('numeric');
    expect(column(['0', '1', '1.0']).type).toBe('numeric');
    expect(column(['yes', 'true']).type).toBe('categorical'); // two vocabularies mixed
    expect(column(['yes', 'no', 'maybe']).type).toBe('categorical');
  });

  it('infers ISO 8601 and YYYY/MM/DD date columns; invalid calendar days are not dates', () => {
    expect(column(['2024-01-31', '2024/02/29', '2024-03-01T13:45:07.25Z', '2024-03-02 08:00+02:00', '']).type).toBe('date');
    expect(column(['2023-02-29']).type).toBe('categorical'); // 2023 is not a leap year
    expect(column(['2024-13-01']).type).toBe('categorical');
    expect(column(['2024-01-31T24:00']).type).toBe('categorical');
    expect(column(['31/01/2024', '2024-01-31']).type).toBe('categorical');
    expect(column(['20240131', '20240201']).type).toBe('numeric'); // numbers stay numeric
  });
});
