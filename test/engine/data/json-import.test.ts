// Tests of the streaming JSON (array of records) import: cells and columns against hand-made answers
// and against JSON.parse, chunk boundaries anywhere, and every refused input with its record number.
import { describe, expect, it } from 'vitest';
import { importJson } from '../../../src/engine/data/json-import';
import type { TableImportOptions } from '../../../src/engine/data/row-collector';
import { DataInputError } from '../../../src/engine/data/table-types';
import { CHUNK_SIZES, MemorySink, bytesOf, rejectionOf, seededRandom, streamOf, utf8 } from './stream-helpers';

async function run(input: string | Uint8Array, size: number | readonly number[] = 7, options: TableImportOptions = {}) {
  const sink = new MemorySink();
  const result = await importJson(streamOf(typeof input === 'string' ? utf8(input) : input, size), sink, options);
  return { result, sink };
}

async function failure(input: string | Uint8Array, size: number | readonly number[] = 7, options: TableImportOptions = {}) {
  const error = await rejectionOf(run(input, size, options));
  expect(error).toBeInstanceOf(DataInputError);
  return error as DataInputError;
}

describe('importJson', () => {
  it.each(CHUNK_SIZES)('reads strings, escapes, numbers, literals, missing keys and nested values (%i-byte chunks)', async (size) => {
    const json = `\uFEFF [\n {"id": 1, "name": "Jo \\"J\\" Smith", "score": 1.50, "ok": true, "tags": ["a", {"b": [1, 2]}]},\r\n` +
      `  {"name":"tab\\there\\u00e9\\ud83d\\ude00\\/","id":-2e3,"ok":false,"score":null},\n` +
      ` {"id": 0, "extra": {"deep": "x y"} }\n]\n`;
    const { result, sink } = await run(json, size);
    expect(result.layout).toMatchObject({ delimiter: '', hasHeader: true, columns: ['id', 'name', 'score', 'ok', 'tags', 'extra'] });
    expect(sink.rows).toEqual([
      ['1', 'Jo "J" Smith', '1.50', 'true', '["a", {"b": [1, 2]}]', ''],
      ['-2e3', 'tab\there\u00e9\u{1F600}/', '', 'false', '', ''],
      ['0', '', '', '', '', '{"deep": "x y"}'],
    ]);
    expect(result).toMatchObject({ rowCount: 3, chunkCount: 1, skippedRows: [], bytesRead: utf8(json).length });
    expect(result.layout.notes).toEqual(['2 nested values (objects or arrays) in columns "tags", "extra" were kept as JSON text, one text cell each.']);
    // id: 1, -2000, 0 -> mean -333.33..., min -2000, max 1.
    expect(result.summaries[0]).toMatchObject({ name: 'id', type: 'numeric', min: -2000, max: 1, missing: 0 });
    expect(result.summaries[0].mean).toBeCloseTo(-1999 / 3, 10);
    expect(result.summaries[2]).toMatchObject({ name: 'score', missing: 2 });
  });

  it('keeps __proto__, constructor and toString keys as ordinary columns without polluting prototypes', async () => {
    const json = '[{"__proto__": {"polluted": 1}, "constructor": "c", "toString": 3, "hasOwnProperty": "h"}, {"__proto__": "p"}]';
    const { result, sink } = await run(json, 3);
    expect(result.layout.columns).toEqual(['__proto__', 'constructor', 'toString', 'hasOwnProperty']);
    expect(sink.rows).toEqual([
      ['{"polluted": 1}', 'c', '3', 'h'],
      ['p', '', '', ''],
    ]);
    const plain: Record<string, unknown> = {};
    expect(plain.polluted).toBeUndefined();
    expect(Object.getPrototypeOf(plain)).toBe(Object.prototype);
    expect(typeof plain.toString).toBe('function');
  });

  it('lets the last of repeated keys win and cleans blank or repeated-after-trim names', async () => {
    const { result, sink } = await run('[{"a": 1, "a": 2, "": "blank", " a ": 3}]');
    expect(sink.rows).toEqual([['2', 'blank', '3']]);
    expect(result.layout.columns).toEqual(['a', 'column_2', 'a_1']);
    expect(result.layout.notes).toHaveLength(2);
  });

  it('takes keys that first appear anywhere in the first chunk, then refuses new keys naming the record', async () => {
    const { result, sink } = await run('[{"a": 1}, {"b": 2}, {"a": 3, "c": 4}]', 5, { chunkRows: 3 });
    expect(result.layout.columns).toEqual(['a', 'b', 'c']);
    expect(sink.rows).toEqual([['1', '', ''], ['', '2', ''], ['3', '', '4']]);
    const late = await failure('[{"a": 1}, {"a": 2}, {"a": 3}, {"a": 4, "zz": 5}]', 5, { chunkRows: 2 });
    expect(late.code).toBe('ragged-rows');
    expect(late.rows).toEqual([4]);
    expect(late.message).toMatch(/^Record 4 has the key "zz", which none of the first 2 records has/);
  });

  it.each(CHUNK_SIZES)('names the record and position of syntax errors (%i-byte chunks)', async (size) => {
    const trailingItem = await failure('[{"a": 1},\n {"a": 2},\n]', size);
    expect(trailingItem.code).toBe('bad-json');
    expect(trailingItem.message).toMatch(/^After record 2, at line 3, column 1 \(character 22\): the JSON has a comma before "\]"/);
    const trailingKey = await failure('[{"a": 1}, {"a": 2,}]', size);
    expect(trailingKey.rows).toEqual([2]);
    expect(trailingKey.message).toMatch(/^Record 2, at line 1, column 20 \(character 19\).*trailing commas are not allowed/);
    const truncated = await failure('[{"a": 1}, {"a": 2},\n {"a": "cut', size);
    expect(truncated.message).toMatch(/^The file ends inside record 3 \(it starts on line 2\)/);
    expect(truncated.rows).toEqual([3]);
    const unclosed = await failure('[{"a": 1}, {"a": 2}', size);
    expect(unclosed.message).toMatch(/^The file ends after record 2 without the closing "\]"/);
  });

  it('refuses bad values: literals, numbers, escapes, raw line breaks, text after the array', async () => {
    const cases: [string, RegExp][] = [
      ['[{"a": True}]', /character that does not start a JSON value \("T"\)/],
      ['[{"a": nul}]', /"nul", which is not a JSON value/],
      ['[{"a": NaN}]', /does not start a JSON value/],
      ['[{"a": 01}]', /"01", which is not a JSON number/],
      ['[{"a": 1.}]', /"1\.", which is not a JSON number/],
      ['[{"a": "\\x"}]', /the escape "\\x"/],
      ['[{"a": "\\u12G4"}]', /not followed by 4 hexadecimal digits/],
      ['[{"a": "two\nlines"}]', /line break or control character inside a string/],
      ['[{"a" 1}]', /":" should follow the key/],
      ["[{'a': 1}]", /key in double quotes/],
      ['[{"a": 1} {"a": 2}]', /"," or "\]" should be/],
      ['[{"a": 1}] [', /more JSON after the closing "\]"/],
    ];
    for (const [json, message] of cases) {
      const error = await failure(json, 2);
      expect(error.code, json).toBe('bad-json');
      expect(error.message, json).toMatch(message);
      expect(error.rows, json).toEqual([1]);
    }
  });

  it('refuses a top level or items that are not records', async () => {
    const object = await failure('\n  {"a": 1}');
    expect(object.code).toBe('not-a-table');
    expect(object.message).toMatch(/^The file holds an object at line 2, column 3 \(character 3\), not an array of records/);
    expect((await failure('"text"')).message).toMatch(/^The file holds a string/);
    const numbers = await failure('[{"a": 1}, 2]');
    expect(numbers.message).toMatch(/^Item 2 of the array is a number/);
    expect(numbers.rows).toEqual([2]);
    expect((await failure('[[1, 2]]')).message).toMatch(/^Item 1 of the array is an array/);
    expect((await failure('[null]')).code).toBe('not-a-table');
    expect((await failure('[{}, {}]')).message).toMatch(/have no keys/);
  });

  it('refuses empty input: no bytes, only blanks, an empty array', async () => {
    expect((await failure('')).code).toBe('empty-file');
    expect((await failure(' \n\t ', 1)).code).toBe('empty-file');
    const empty = await failure('[ ]');
    expect(empty.code).toBe('empty-file');
    expect(empty.message).toMatch(/^The JSON array is empty/);
  });

  it.each([1, 3, 64 * 1024])('caps strings, numbers and nested values at maxFieldChars (%i-byte chunks)', async (size) => {
    const long = `[{"a": "ok"}, {"a": "${'x'.repeat(60)}"}]`;
    const error = await failure(long, size, { maxFieldChars: 50 });
    expect(error.code).toBe('field-too-large');
    expect(error.rows).toEqual([2]);
    expect(error.message).toMatch(/^Record 2, .*: a value is longer than 50 characters/);
    const nested = await failure(`[{"a": [${'1,'.repeat(40)}1]}]`, size, { maxFieldChars: 50 });
    expect(nested.message).toMatch(/a nested value is longer than 50/);
    expect((await failure(`[{"${'k'.repeat(51)}": 1}]`, size, { maxFieldChars: 50 })).message).toMatch(/a key is longer/);
    expect((await failure(`[{"n": ${'9'.repeat(51)}}]`, size, { maxFieldChars: 50 })).message).toMatch(/a number is longer/);
    const wide = await failure(`[{${Array.from({ length: 17 }, (_, k) => `"k${k}": "${'v'.repeat(46)}"`).join(', ')}}]`, size, { maxFieldChars: 50 });
    expect(wide.message).toMatch(/^Record 1, .*: the record as a whole is longer than 800 characters/);
    // Exactly at the cap is fine.
    const { sink } = await run(`[{"a": "${'y'.repeat(50)}"}]`, size, { maxFieldChars: 50 });
    expect(sink.rows[0][0]).toHaveLength(50);
  });

  it.each(CHUNK_SIZES)('refuses invalid UTF-8 with its byte offset (%i-byte chunks)', async (size) => {
    const prefix = utf8('[{"city": "Caf');
    const error = await failure(bytesOf(prefix, [0xe9], utf8('"}]')), size);
    expect(error.code).toBe('not-utf8');
    expect(error.byteOffset).toBe(prefix.length);
  });

  it('gives the same rows as JSON.parse for 10,000 random records in 1, 7 and 64 KiB chunks', async () => {
    const random = seededRandom(21);
    const words = ['alpha', 'béta', '中文', '😀 emoji', 'quote " and \\ back', 'tab\tnew\nline', ''];
    const records = Array.from({ length: 10_000 }, (_, i) => {
      const r: Record<string, unknown> = { id: i, value: Math.round((random() - 0.5) * 1e6) / 1e3 };
      if (random() < 0.7) r.word = words[Math.floor(random() * words.length)];
      if (random() < 0.2) r.flag = random() < 0.5;
      if (random() < 0.1) r.note = null;
      return r;
    });
    const text = JSON.stringify(records, null, 1);
    const parsed = JSON.parse(text) as Record<string, unknown>[];
    const columns = [...new Set(parsed.flatMap((r) => Object.keys(r)))];
    expect(columns.sort()).toEqual(['flag', 'id', 'note', 'value', 'word']);
    columns.splice(0, columns.length, ...new Set(parsed.flatMap((r) => Object.keys(r))));
    const expected = parsed.map((r) => columns.map((c) => (r[c] === undefined || r[c] === null ? '' : String(r[c]))));
    for (const kib of [1, 7, 64]) {
      const { result, sink } = await run(text, kib * 1024, { chunkRows: 999 });
      expect(result.layout.columns).toEqual(columns);
      expect(result.rowCount).toBe(10_000);
      expect(result.chunkCount).toBe(11);
      expect(sink.rows).toEqual(expected);
    }
  });

  it('refuses a record with more keys than a table may have columns', async () => {
    const keys = Array.from({ length: 10_001 }, (_, k) => `"c${k}": ${k}`).join(',');
    const error = await failure(`[{"a": 1}, {${keys}}]`, 64 * 1024);
    expect(error.code).toBe('too-large');
    expect(error.rows).toEqual([2]);
    expect(error.message).toContain('more than 10000 keys');
  });

  it('validates its options', async () => {
    for (const options of [{ chunkRows: 0 }, { maxFieldChars: 1.5 }, { maxBytes: -1 }, { previewRows: -2 }]) {
      expect(await rejectionOf(run('[{"a": 1}]', 7, options))).toBeInstanceOf(RangeError);
    }
  });
});
