// End-to-end tests of the streaming CSV import: layout, chunking into the sink, summaries, every
// refused input with its row numbers, and abort. Each stream test runs with several chunk sizes.
import { describe, expect, it } from 'vitest';
import { importCsv, toDataInputProblem } from '../../../src/engine/data/csv-import';
import type { CsvImportOptions } from '../../../src/engine/data/csv-import';
import { DataInputError } from '../../../src/engine/data/table-types';
import { CHUNK_SIZES, MemorySink, bytesOf, rejectionOf, seededRandom, streamOf, utf8 } from './stream-helpers';

async function run(input: string | Uint8Array, size: number | readonly number[] = 7, options: CsvImportOptions = {}) {
  const sink = new MemorySink();
  const bytes = typeof input === 'string' ? utf8(input) : input;
  const result = await importCsv(streamOf(bytes, size), sink, options);
  return { result, sink };
}

async function failure(input: string | Uint8Array, size: number | readonly number[] = 7, options: CsvImportOptions = {}) {
  const error = await rejectionOf(run(input, size, options));
  expect(error).toBeInstanceOf(DataInputError);
  return error as DataInputError;
}

describe('importCsv', () => {
  it.each(CHUNK_SIZES)('imports a quoted CSV with CRLF line endings (%i-byte chunks)', async (size) => {
    const csv = 'id,name,score\r\n1,"Smith, Jo",3.5\r\n2,"say ""hi""",4.5\r\n3,"two\r\nlines",5.5\r\n';
    const { result, sink } = await run(csv, size);
    expect(result.layout).toEqual({ delimiter: ',', hasHeader: true, columns: ['id', 'name', 'score'], notes: [] });
    expect(sink.rows).toEqual([
      ['1', 'Smith, Jo', '3.5'],
      ['2', 'say "hi"', '4.5'],
      ['3', 'two\r\nlines', '5.5'],
    ]);
    expect(result).toMatchObject({ rowCount: 3, chunkCount: 1, skippedRows: [], bytesRead: utf8(csv).length });
    expect(result.preview).toEqual(sink.rows);
    expect(result.summaries[2]).toMatchObject({ name: 'score', type: 'numeric', min: 3.5, max: 5.5, mean: 4.5 });
    // std of 3.5, 4.5, 5.5 = sqrt((1 + 0 + 1) / 3)
    expect(result.summaries[2].std).toBeCloseTo(Math.sqrt(2 / 3), 12);
  });

  it.each(CHUNK_SIZES)('cleans a BOM-prefixed header (C1, %i-byte chunks)', async (size) => {
    const { result } = await run(bytesOf([0xef, 0xbb, 0xbf], utf8('"id", Name ,\r\n1,a,x\r\n')), size);
    expect(result.layout.columns).toEqual(['id', 'Name', 'column_3']);
    expect(result.summaries[0].name).toBe('id');
  });

  it.each(CHUNK_SIZES)('reports an unterminated quote at its row (C2, %i-byte chunks)', async (size) => {
    const error = await failure('a,b\n1,2\n3,4\n5,"never closed\n6,7\n8,9\n', size);
    expect(error.code).toBe('unterminated-quote');
    expect(error.rows).toEqual([4]);
    expect(error.message).toMatch(/^Row 4: a quoted field starts here and is never closed/);
  });

  it.each(CHUNK_SIZES)('refuses ragged rows, listing the first 10 and the total (C3, %i-byte chunks)', async (size) => {
    const lines = ['a,b,c'];
    for (let r = 2; r <= 40; r++) lines.push(r % 3 === 0 ? `${r},x` : `${r},y,z`);
    const error = await failure(lines.join('\n') + '\n', size);
    expect(error.code).toBe('ragged-rows');
    // Rows 3, 6, ..., 39 have two fields: 13 rows.
    expect(error.rows).toEqual([3, 6, 9, 12, 15, 18, 21, 24, 27, 30]);
    expect(error.message).toMatch(/^13 rows have a different number of fields from the header \(3 columns\)/);
    expect(error.message).toContain('and 3 more');
    expect(error.message).toContain('import again skipping these rows');
  });

  it.each(CHUNK_SIZES)('skips ragged rows when asked (C3, %i-byte chunks)', async (size) => {
    const { result, sink } = await run('a,b\n1,2\n3\n4,5\n6,7,8\n9,10\n', size, { raggedRows: 'skip' });
    expect(sink.rows).toEqual([['1', '2'], ['4', '5'], ['9', '10']]);
    expect(result.skippedRows).toEqual([3, 5]);
    expect(result.rowCount).toBe(3);
    expect(result.layout.notes.some((n) => n.includes('Skipped 2 rows') && n.includes('3, 5'))).toBe(true);
    const allBad = await failure('a,b\n1\n2\n', size, { raggedRows: 'skip' });
    expect(allBad.code).toBe('ragged-rows');
    expect(allBad.rows).toEqual([2, 3]);
  });

  it('renames duplicate headers with a note (C4)', async () => {
    const { result } = await run('a,b,a,a\n1,2,3,4\n');
    expect(result.layout.columns).toEqual(['a', 'b', 'a_1', 'a_2']);
    expect(result.layout.notes).toHaveLength(2);
    expect(result.summaries.map((s) => [s.name, s.mean])).toEqual([['a', 1], ['b', 2], ['a_1', 3], ['a_2', 4]]);
  });

  it('keeps __proto__, constructor and toString headers without polluting prototypes (C5)', async () => {
    const { result, sink } = await run('__proto__,constructor,toString\n{"polluted":1},x,y\n2,z,w\n');
    expect(result.layout.columns).toEqual(['__proto__', 'constructor', 'toString']);
    expect(result.summaries.map((s) => s.name)).toEqual(['__proto__', 'constructor', 'toString']);
    expect(sink.rows[0]).toEqual(['{"polluted":1}', 'x', 'y']);
    const plain: Record<string, unknown> = {};
    expect(plain.polluted).toBeUndefined();
    expect(Object.getPrototypeOf(plain)).toBe(Object.prototype);
    expect(typeof plain.toString).toBe('function');
  });

  it('imports a >1 MB Chinese + emoji CSV in tiny chunks with no U+FFFD (C6)', async () => {
    const random = seededRandom(11);
    const words = ['北京', '上海', '😀', '🎉🎈', 'Zoë', '中文字符', '👩‍👩‍👧', 'naïve'];
    const lines = ['城市,数量,备注'];
    const expected: string[][] = [];
    // About 1.6 UTF-8 bytes per character here: 700k characters make about 1.1 MB.
    for (let chars = 0; chars < 700_000; chars += lines[lines.length - 1].length + 1) {
      const row = [words[Math.floor(random() * words.length)], String(Math.floor(random() * 1000)), `"${words[Math.floor(random() * 8)]}, ${words[Math.floor(random() * 8)]}"`];
      lines.push(row.join(','));
      expected.push([row[0], row[1], row[2].slice(1, -1)]);
    }
    const bytes = utf8(lines.join('\n') + '\n');
    expect(bytes.length).toBeGreaterThan(1_000_000);
    const { result, sink } = await run(bytes, [1, 2, 3, 7], { chunkRows: 5000 });
    expect(result.rowCount).toBe(expected.length);
    expect(sink.rows).toEqual(expected);
    expect(sink.rows.some((r) => r.some((c) => c.includes('\uFFFD')))).toBe(false);
    expect(result.layout.columns).toEqual(['城市', '数量', '备注']);
    expect(result.summaries[1].type).toBe('numeric');
  });

  it.each(CHUNK_SIZES)('refuses non-UTF-8 and UTF-16 files (C7, %i-byte chunks)', async (size) => {
    const prefix = utf8('name,price\nCafé,1\n');
    const win1252 = bytesOf(prefix, utf8('Cr'), [0xe8], utf8('me br'), [0xfb], utf8('l'), [0xe9, 0x65], utf8(',2\n'));
    const error = await failure(win1252, size);
    expect(error.code).toBe('not-utf8');
    expect(error.byteOffset).toBe(prefix.length + 2);
    expect(error.message).toContain('(line 3)');
    expect(error.message).toContain('save it as CSV UTF-8');
    expect((await failure(bytesOf([0xff, 0xfe], [0x61, 0, 0x2c, 0, 0x62, 0]), size)).code).toBe('utf16');
  });

  it.each(CHUNK_SIZES)('caps field sizes (C8, %i-byte chunks)', async (size) => {
    const error = await failure(`a,b\n1,2\n3,"${'x'.repeat(100)}",4\n`, size, { maxFieldChars: 50 });
    expect(error.code).toBe('field-too-large');
    expect(error.rows).toEqual([3]);
    expect(error.message).toContain('50 characters');
  });

  it('refuses empty, blank, BOM-only and header-only files', async () => {
    expect((await failure('')).message).toMatch(/^The file is empty/);
    expect((await failure(' \r\n\n  \n', 1)).code).toBe('empty-file');
    expect((await failure(bytesOf([0xef, 0xbb, 0xbf]))).code).toBe('empty-file');
    const headerOnly = await failure('a,b,c\n\n');
    expect(headerOnly.code).toBe('header-only');
    expect(headerOnly.message).toContain('has a header row (a, b, c) but no data rows');
  });

  it('refuses binary files: random bytes, PNG and ZIP', async () => {
    const random = seededRandom(3);
    expect((await failure(Uint8Array.from({ length: 8000 }, () => Math.floor(random() * 256)), 64)).code).toBe('binary-file');
    const png = await failure(bytesOf([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], new Uint8Array(100)), 3);
    expect(png.message).toContain('PNG image');
    const zip = await failure(bytesOf([0x50, 0x4b, 0x03, 0x04], utf8('[Content_Types].xml')), 3);
    expect(zip.message).toContain('ZIP archive (an .xlsx workbook is one)');
  });

  it.each(CHUNK_SIZES)('detects semicolon and tab delimiters (%i-byte chunks)', async (size) => {
    const semi = await run('name;price\n"A; B";1,5\nC;2,25\n', size);
    expect(semi.result.layout.delimiter).toBe(';');
    expect(semi.sink.rows).toEqual([['A; B', '1,5'], ['C', '2,25']]);
    const tab = await run('x\ty\tz\n1\t2\t3\n', size);
    expect(tab.result.layout.delimiter).toBe('\t');
    expect(tab.sink.rows).toEqual([['1', '2', '3']]);
  });

  it('sniffs only the start of a source that delivers a large file in one chunk', async () => {
    const csv = 'a;b\n' + Array.from({ length: 20_000 }, (_, i) => `${i};x,${i}`).join('\n');
    expect(csv.length).toBeGreaterThan(128 * 1024);
    const { result, sink } = await run(csv, 1 << 20);
    expect(result.layout.delimiter).toBe(';');
    expect(result.rowCount).toBe(20_000);
    expect(sink.rows[19_999]).toEqual(['19999', 'x,19999']);
  });

  it('names the columns of a header-less numeric file and keeps its first row', async () => {
    const { result, sink } = await run('1,2.5,a\n3,4.5,b\n5,6.5,a\n');
    expect(result.layout.hasHeader).toBe(false);
    expect(result.layout.columns).toEqual(['column_1', 'column_2', 'column_3']);
    expect(result.layout.notes[0]).toContain('read as data');
    expect(sink.rows[0]).toEqual(['1', '2.5', 'a']);
    expect(result.rowCount).toBe(3);
    const [c1, , c3] = result.summaries;
    // 1, 3, 5: mean 3, population variance (4 + 0 + 4) / 3.
    expect(c1).toMatchObject({ type: 'numeric', min: 1, max: 5, mean: 3, missing: 0, distinct: 3 });
    expect(c1.std).toBeCloseTo(Math.sqrt(8 / 3), 12);
    expect(c3).toMatchObject({ type: 'categorical', distinct: 2, topValues: [{ value: 'a', count: 2 }, { value: 'b', count: 1 }] });
    // A ragged row without a header names the first row as the reference.
    expect((await failure('1,2\n3\n')).message).toContain('the first row (2 fields)');
  });

  it('infers types and summaries over a mixed table', async () => {
    const csv = 'age,city,comment,blank\n30,Paris,good,\n,Rome,NA,\n40,Paris,meh,?\n50,NA,fine,\n';
    const { result } = await run(csv, 3);
    const [age, city, comment, blank] = result.summaries;
    expect(age).toMatchObject({ type: 'numeric', missing: 1, distinct: 3, min: 30, max: 50, mean: 40 });
    expect(age.std).toBeCloseTo(Math.sqrt(200 / 3), 12);
    expect(city).toMatchObject({ type: 'categorical', missing: 1, distinct: 2, topValues: [{ value: 'Paris', count: 2 }, { value: 'Rome', count: 1 }] });
    expect(comment).toMatchObject({ type: 'categorical', missing: 1, distinct: 3 });
    expect(blank).toMatchObject({ type: 'empty', missing: 4, distinct: 0 });
  });

  it('hands fixed-size chunks to the sink in order, with a short last chunk and a preview', async () => {
    const csv = 'n,sq\n' + Array.from({ length: 10 }, (_, i) => `${i},${i * i}`).join('\n');
    const { result, sink } = await run(csv, 2, { chunkRows: 3, previewRows: 4 });
    expect(sink.chunks.map((c) => c.index)).toEqual([0, 1, 2, 3]);
    expect(sink.chunks.map((c) => c.rows.length)).toEqual([3, 3, 3, 1]);
    expect(sink.rows.map((r) => Number(r[0]))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(result.chunkCount).toBe(4);
    expect(result.preview).toEqual([['0', '0'], ['1', '1'], ['2', '4'], ['3', '9']]);
  });

  it('reports progress at most once per source chunk, ending at the file size', async () => {
    const bytes = utf8('a,b\n' + '1,2\n'.repeat(50));
    const seen: number[] = [];
    await run(bytes, 16, { onProgress: (n) => seen.push(n) });
    expect(seen.length).toBe(Math.ceil(bytes.length / 16));
    expect(seen.at(-1)).toBe(bytes.length);
    expect(seen.every((n, i) => i === 0 || n > seen[i - 1])).toBe(true);
  });

  it('refuses files larger than maxBytes', async () => {
    const error = await failure('a,b\n' + '1,2\n'.repeat(100), 16, { maxBytes: 100 });
    expect(error.code).toBe('too-large');
  });

  it('rejects with the AbortError when aborted before or during the import', async () => {
    const before = new AbortController();
    before.abort();
    const early = await rejectionOf(importCsv(streamOf(utf8('a\n1\n'), 1), new MemorySink(), { signal: before.signal }));
    expect(early).toBeInstanceOf(DOMException);
    expect((early as DOMException).name).toBe('AbortError');

    const during = new AbortController();
    const written: number[] = [];
    const sink = {
      async writeChunk(_rows: string[][], index: number) {
        written.push(index);
        if (index === 1) during.abort();
      },
    };
    const csv = 'n\n' + Array.from({ length: 100 }, (_, i) => String(i)).join('\n');
    const error = await rejectionOf(importCsv(streamOf(utf8(csv), 5), sink, { chunkRows: 5, signal: during.signal }));
    expect((error as DOMException).name).toBe('AbortError');
    expect(written).toEqual([0, 1]);
  });

  it('validates its options', async () => {
    const bad: CsvImportOptions[] = [{ chunkRows: 0 }, { chunkRows: 1.5 }, { maxFieldChars: -1 }, { maxBytes: 0 }, { previewRows: -1 }, { raggedRows: 'fix' as 'skip' }];
    for (const options of bad) {
      expect(await rejectionOf(run('a\n1\n', 7, options))).toBeInstanceOf(RangeError);
    }
  });
});

describe('toDataInputProblem', () => {
  it('turns a DataInputError into plain cloneable data and ignores other errors', () => {
    const problem = toDataInputProblem(new DataInputError('not-utf8', 'bad byte', { byteOffset: 12, rows: [3] }));
    expect(problem).toEqual({ code: 'not-utf8', message: 'bad byte', rows: [3], byteOffset: 12 });
    expect(structuredClone(problem)).toEqual(problem);
    expect(toDataInputProblem(new DataInputError('empty-file', 'empty'))).toEqual({ code: 'empty-file', message: 'empty', rows: [] });
    expect(toDataInputProblem(new Error('boom'))).toBeUndefined();
    expect(toDataInputProblem('text')).toBeUndefined();
    expect(toDataInputProblem(undefined)).toBeUndefined();
  });
});
