// CSV export: formula-looking cells defused (C11), numbers untouched, quoting that re-imports exactly.
import { describe, expect, it } from 'vitest';
import { csvCell, csvLines } from '../../../src/engine/data/csv-export';
import { importCsv } from '../../../src/engine/data/csv-import';
import { streamOf, utf8 } from './stream-helpers';

describe('CSV export', () => {
  it('defuses cells a spreadsheet would run as formulas (C11) but keeps signed numbers', () => {
    expect(csvCell('=HYPERLINK("http://x","click")')).toBe('"\'=HYPERLINK(""http://x"",""click"")"');
    expect(csvCell('+cmd|calc')).toBe("'+cmd|calc");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('-5')).toBe('-5');
    expect(csvCell('+1e3')).toBe('+1e3');
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('quotes commas, quotes and line breaks so the file imports back to the same cells', async () => {
    const rows = [['1,5', 'say "hi"', 'two\nlines'], ['plain', '', '机器']];
    const text = [...csvLines(['a', 'b', 'c'], rows)].join('');
    const back: string[][] = [];
    await importCsv(streamOf(utf8(text), 7), { writeChunk: async (chunk) => { back.push(...chunk); } });
    expect(back).toEqual(rows);
  });

  it('stores formula-looking cells as text on import and exports them defused', async () => {
    const back: string[][] = [];
    const result = await importCsv(streamOf(utf8('x,note\n1,=1+1\n2,@me\n'), 64), { writeChunk: async (chunk) => { back.push(...chunk); } });
    expect(back).toEqual([['1', '=1+1'], ['2', '@me']]);
    expect(result.summaries[1].type).not.toBe('numeric');
    expect([...csvLines(['x', 'note'], back)].join('')).toBe("x,note\r\n1,'=1+1\r\n2,'@me\r\n");
  });
});
