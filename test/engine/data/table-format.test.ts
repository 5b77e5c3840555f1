// Tests of table format detection (content first, file name as a hint, clear refusals) and of the one
// importTable entry point: the same table as CSV, TSV, JSON and JSON Lines gives the same rows.
import { describe, expect, it } from 'vitest';
import type { CsvImportResult } from '../../../src/engine/data/csv-import';
import { bytesSource } from '../../../src/engine/data/random-access';
import { detectTableFormat, importTable, streamOfSource } from '../../../src/engine/data/table-format';
import type { TableFormat } from '../../../src/engine/data/table-format';
import { DataInputError } from '../../../src/engine/data/table-types';
import { MemorySink, bytesOf, rejectionOf, utf8 } from './stream-helpers';

function refusal(name: string, bytes: Uint8Array): DataInputError {
  try {
    detectTableFormat(name, bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(DataInputError);
    return error as DataInputError;
  }
  throw new Error(`expected ${name} to be refused`);
}

describe('detectTableFormat', () => {
  it('decides from the content, whatever the name says', () => {
    const cases: [string, Uint8Array, TableFormat][] = [
      ['data.bin', bytesOf(utf8('PAR1'), [0, 0, 0x15, 4]), 'parquet'],
      ['data.csv', utf8('[{"a": 1}]'), 'json'],
      ['data.txt', bytesOf([0xef, 0xbb, 0xbf], utf8(' \r\n\t [\n {"a": 1}\n]')), 'json'],
      ['rows.json', utf8('\n\n{"a": 1}\n{"a": 2}\n'), 'jsonl'],
      ['table.json', utf8('a,b\n1,2\n'), 'csv'],
      ['table', utf8('a\tb\tc\n1\t2\t3\n'), 'tsv'],
      ['table.csv', utf8('a\tb, c\n1\t2\n'), 'csv'],
      ['table.TSV', utf8('a;b\n1;2\n'), 'tsv'],
    ];
    for (const [name, bytes, format] of cases) expect(detectTableFormat(name, bytes), name).toBe(format);
  });

  it('uses the extension only when the content is empty or blank', () => {
    expect(detectTableFormat('x.jsonl', new Uint8Array(0))).toBe('jsonl');
    expect(detectTableFormat('x.ndjson', utf8('  \n'))).toBe('jsonl');
    expect(detectTableFormat('x.json', utf8('\n'))).toBe('json');
    expect(detectTableFormat('x.tab', new Uint8Array(0))).toBe('tsv');
    expect(detectTableFormat('x', new Uint8Array(0))).toBe('csv');
  });

  it('refuses spreadsheets, binary and UTF-16 content, and a .parquet name without the signature', () => {
    const xlsx = refusal('Budget 2024.XLSX', bytesOf([0x50, 0x4b, 0x03, 0x04], utf8('[Content_Types].xml')));
    expect(xlsx.code).toBe('not-a-table');
    expect(xlsx.message).toBe('"Budget 2024.XLSX" looks like an Excel workbook, which WebTrain cannot read. Export the table as CSV (UTF-8), JSON, JSON Lines or Parquet, then import that file.');
    expect(refusal('model.pkl', utf8('a,b')).message).toContain('a Python pickle');
    expect(refusal('photo.csv', bytesOf([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], new Uint8Array(20))).code).toBe('binary-file');
    expect(refusal('wide.csv', bytesOf([0xff, 0xfe], [0x61, 0, 0x2c, 0, 0x62, 0])).code).toBe('utf16');
    const fake = refusal('table.parquet', utf8('a,b\n1,2\n'));
    expect(fake.code).toBe('bad-parquet');
    expect(fake.message).toContain('does not start with the Parquet signature');
  });
});

describe('importTable', () => {
  const expectedRows = [['1', 'a b', '2.5'], ['2', '', '-3'], ['3', 'x', '']];
  const files: [TableFormat, string][] = [
    ['csv', 'id,name,score\n1,a b,2.5\n2,,-3\n3,x,\n'],
    ['tsv', 'id\tname\tscore\n1\ta b\t2.5\n2\t\t-3\n3\tx\t\n'],
    ['json', '[{"id": 1, "name": "a b", "score": 2.5}, {"id": 2, "score": -3}, {"id": 3, "name": "x", "score": null}]'],
    ['jsonl', '{"id": 1, "name": "a b", "score": 2.5}\n{"id": 2, "name": null, "score": -3}\n{"id": 3, "name": "x"}\n'],
  ];

  it.each(files)('imports the same table from %s', async (format, text) => {
    const bytes = utf8(text);
    expect(detectTableFormat(`t.${format}`, bytes)).toBe(format);
    const sink = new MemorySink();
    const result: CsvImportResult = await importTable(format, bytesSource(bytes), sink, { chunkRows: 2 });
    expect(result.layout.columns).toEqual(['id', 'name', 'score']);
    expect(sink.rows).toEqual(expectedRows);
    expect(sink.chunks.map((c) => c.index)).toEqual([0, 1]);
    expect(result.rowCount).toBe(3);
    expect(result.bytesRead).toBe(bytes.length);
    expect(result.summaries[2]).toMatchObject({ type: 'numeric', min: -3, max: 2.5, missing: 1 });
  });

  it('sends Parquet to the Parquet reader and refuses an unknown format', async () => {
    const junk = bytesOf(utf8('PAR1'), new Uint8Array(20), utf8('PAR1'));
    const error = await rejectionOf(importTable('parquet', bytesSource(junk), new MemorySink()));
    expect((error as DataInputError).code).toBe('bad-parquet');
    expect(await rejectionOf(importTable('xml' as TableFormat, bytesSource(utf8('<a/>')), new MemorySink()))).toBeInstanceOf(RangeError);
  });
});

describe('streamOfSource', () => {
  it('streams every byte in order in reads of the given size', async () => {
    const bytes = Uint8Array.from({ length: 1000 }, (_, i) => (i * 7) % 256);
    const pieces: number[] = [];
    const reader = streamOfSource(bytesSource(bytes), 64).getReader();
    const out: number[] = [];
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      pieces.push(r.value.length);
      out.push(...r.value);
    }
    expect(out).toEqual([...bytes]);
    expect(pieces).toEqual([...Array(15).fill(64), 1000 - 15 * 64]);
  });
});
