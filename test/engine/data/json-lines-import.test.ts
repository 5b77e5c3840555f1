// Tests of the JSON Lines import: one object per line, blank lines and CRLF, errors that name the line,
// and identical rows for any chunking.
import { describe, expect, it } from 'vitest';
import { importJsonLines } from '../../../src/engine/data/json-lines-import';
import type { TableImportOptions } from '../../../src/engine/data/row-collector';
import { DataInputError } from '../../../src/engine/data/table-types';
import { CHUNK_SIZES, MemorySink, rejectionOf, seededRandom, streamOf, utf8 } from './stream-helpers';

async function run(text: string, size: number | readonly number[] = 7, options: TableImportOptions = {}) {
  const sink = new MemorySink();
  const result = await importJsonLines(streamOf(utf8(text), size), sink, options);
  return { result, sink };
}

async function failure(text: string, size: number | readonly number[] = 7, options: TableImportOptions = {}) {
  const error = await rejectionOf(run(text, size, options));
  expect(error).toBeInstanceOf(DataInputError);
  return error as DataInputError;
}

describe('importJsonLines', () => {
  it.each(CHUNK_SIZES)('reads one object per line, skipping blank lines, with CRLF and no final break (%i-byte chunks)', async (size) => {
    const text = '{"x": 1.5, "label": "a"}\r\n\r\n   \n{"label": "b", "x": -2, "__proto__": "p"}\r\n\t{"x": 3, "meta": {"k": [true]}}';
    const { result, sink } = await run(text, size);
    expect(result.layout.columns).toEqual(['x', 'label', '__proto__', 'meta']);
    expect(sink.rows).toEqual([
      ['1.5', 'a', '', ''],
      ['-2', 'b', 'p', ''],
      ['3', '', '', '{"k": [true]}'],
    ]);
    expect(result.rowCount).toBe(3);
    expect(result.bytesRead).toBe(utf8(text).length);
    expect(result.summaries[0]).toMatchObject({ type: 'numeric', min: -2, max: 3 });
    expect(result.summaries[0].mean).toBeCloseTo(2.5 / 3, 12);
    expect(result.layout.notes[0]).toContain('"meta"');
  });

  it.each(CHUNK_SIZES)('names the line of each error (%i-byte chunks)', async (size) => {
    const bad = await failure('{"a": 1}\n\n{"a": 2}\n{"a": 3,}\n', size);
    expect(bad.code).toBe('bad-json');
    expect(bad.rows).toEqual([4]);
    expect(bad.message).toMatch(/^Line 4, column 9 \(character 27\): the JSON has a comma before "}"/);
    const array = await failure('{"a": 1}\n[1, 2]\n', size);
    expect(array.code).toBe('not-a-table');
    expect(array.message).toMatch(/^Line 2 holds an array, not a JSON object/);
    const split = await failure('{"a": 1}\n{"a":\n 2}\n', size);
    expect(split.rows).toEqual([2]);
    expect(split.message).toMatch(/in JSON Lines each object must be complete on one line/);
    const two = await failure('{"a": 1} {"a": 2}\n', size);
    expect(two.message).toMatch(/^Line 1, .*more JSON after the object on this line/);
    const cut = await failure('{"a": 1}\n{"a": "cut', size);
    expect(cut.message).toMatch(/^The file ends inside the object on line 2/);
    const late = await failure('{"a": 1}\n{"a": 2}\n\n{"b": 3}\n', size, { chunkRows: 2 });
    expect(late.code).toBe('ragged-rows');
    expect(late.message).toMatch(/^The object on line 4 has the key "b"/);
  });

  it('refuses files with no objects and lines that are not objects', async () => {
    expect((await failure('\n\n  \r\n')).code).toBe('empty-file');
    expect((await failure('')).code).toBe('empty-file');
    const scalar = await failure('{"a": 1}\n42\n');
    expect(scalar.message).toMatch(/^Line 2 holds a number/);
    expect(scalar.rows).toEqual([2]);
  });

  it('gives the same rows for 3,000 random lines in 1, 7 and 64 KiB chunks, matching JSON.parse per line', async () => {
    const random = seededRandom(5);
    const lines = Array.from({ length: 3000 }, (_, i) =>
      JSON.stringify({ i, v: Math.round(random() * 1e6) / 7, s: random() < 0.5 ? 'é😀"\\' : null, b: random() < 0.5 }),
    );
    const text = lines.join(random() < 0.5 ? '\n' : '\r\n') + '\n';
    const expected = lines.map((l) => Object.values(JSON.parse(l) as Record<string, unknown>).map((v) => (v === null ? '' : String(v))));
    for (const kib of [1, 7, 64]) {
      const { sink, result } = await run(text, kib * 1024, { chunkRows: 500 });
      expect(result.layout.columns).toEqual(['i', 'v', 's', 'b']);
      expect(sink.chunks.length).toBe(6);
      expect(sink.rows).toEqual(expected);
    }
  });
});
