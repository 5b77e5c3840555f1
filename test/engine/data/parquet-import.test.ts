// Tests of the Parquet import. The files are built here by a minimal Parquet writer written from the
// format specification (Thrift compact metadata, PLAIN data pages v1, optional columns, literal-only
// Snappy), so the expected cells are known independently of hyparquet.
import { describe, expect, it } from 'vitest';
import { importParquet, parquetValueToCell } from '../../../src/engine/data/parquet-import';
import { bytesSource } from '../../../src/engine/data/random-access';
import type { RandomAccessSource } from '../../../src/engine/data/random-access';
import type { TableImportOptions } from '../../../src/engine/data/row-collector';
import { DataInputError } from '../../../src/engine/data/table-types';
import { MemorySink, bytesOf, rejectionOf, utf8 } from './stream-helpers';
import { CODECS, writeParquet, type ColumnSpec, type Value } from './parquet-writer';

const COLUMNS: ColumnSpec[] = [
  { name: 'id', type: 'INT64' },
  { name: 'x', type: 'DOUBLE' },
  { name: 'label', type: 'BYTE_ARRAY', converted: 0 },
  { name: 'ok', type: 'BOOLEAN' },
  { name: 'day', type: 'INT32', converted: 6 },
  { name: 'at', type: 'INT64', converted: 9 },
];
const GROUPS: Value[][][] = [
  [
    [1n, 0.1, 'a', true, 0, 0n],
    [2n, null, 'béta 😀', false, 19_723, 1_704_164_645_123n],
  ],
  [[9_007_199_254_740_993n, -1e-300, null, null, null, null]],
  [[-5n, 2.5, 'a', true, -1, -1n]],
];
const EXPECTED = [
  ['1', '0.1', 'a', 'true', '1970-01-01', '1970-01-01T00:00:00.000Z'],
  ['2', '', 'béta 😀', 'false', '2024-01-01', '2024-01-02T03:04:05.123Z'],
  ['9007199254740993', '-1e-300', '', '', '', ''],
  ['-5', '2.5', 'a', 'true', '1969-12-31', '1969-12-31T23:59:59.999Z'],
];

/** A source that records every range read. */
function recording(bytes: Uint8Array): { source: RandomAccessSource; reads: [number, number][] } {
  const inner = bytesSource(bytes);
  const reads: [number, number][] = [];
  return { reads, source: { size: inner.size, read: (offset, length) => (reads.push([offset, length]), inner.read(offset, length)) } };
}

async function run(bytes: Uint8Array, options: TableImportOptions = {}) {
  const sink = new MemorySink();
  const result = await importParquet(bytesSource(bytes), sink, options);
  return { result, sink };
}

async function failure(bytes: Uint8Array, options: TableImportOptions = {}) {
  const error = await rejectionOf(run(bytes, options));
  expect(error).toBeInstanceOf(DataInputError);
  return error as DataInputError;
}

describe('importParquet', () => {
  it.each(['UNCOMPRESSED', 'SNAPPY'] as const)('reads every row group in order with exact cells (%s)', async (codec) => {
    const file = writeParquet(COLUMNS, GROUPS, CODECS[codec]);
    const { result, sink } = await run(file, { chunkRows: 3 });
    expect(result.layout).toEqual({ delimiter: '', hasHeader: true, columns: ['id', 'x', 'label', 'ok', 'day', 'at'], notes: [] });
    expect(sink.rows).toEqual(EXPECTED);
    expect(sink.chunks.map((c) => c.rows.length)).toEqual([3, 1]);
    expect(result).toMatchObject({ rowCount: 4, chunkCount: 2, bytesRead: file.length, skippedRows: [] });
    expect(result.summaries[0]).toMatchObject({ name: 'id', type: 'numeric', missing: 0 });
    expect(result.summaries[2]).toMatchObject({ name: 'label', missing: 1, distinct: 2 });
  });

  it('reads by ranges: never the whole file at once, the footer once, every byte at most about once', async () => {
    const rows = Array.from({ length: 300 }, (_, i): Value[] => [BigInt(i), i / 3, `row ${i}`, i % 2 === 0, i, BigInt(i)]);
    const file = writeParquet(COLUMNS, [rows.slice(0, 100), rows.slice(100, 200), rows.slice(200)]);
    const { source, reads } = recording(file);
    const sink = new MemorySink();
    const progress: number[] = [];
    const result = await importParquet(source, sink, { onProgress: (n) => progress.push(n) });
    expect(result.rowCount).toBe(300);
    expect(sink.rows[299]).toEqual(['299', String(299 / 3), 'row 299', 'false', '1970-10-27', '1970-01-01T00:00:00.299Z']);
    expect(Math.max(...reads.map(([, n]) => n))).toBeLessThan(file.length / 2);
    expect(reads.reduce((n, [, len]) => n + len, 0)).toBeLessThan(file.length + 64);
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.every((n, i) => n <= file.length && (i === 0 || n >= progress[i - 1]))).toBe(true);
  });

  it('keeps __proto__ and constructor as ordinary columns and refuses repeated names', async () => {
    const cols: ColumnSpec[] = [{ name: '__proto__', type: 'INT32' }, { name: 'constructor', type: 'INT32' }, { name: 'toString', type: 'INT32' }];
    const { result, sink } = await run(writeParquet(cols, [[[1, 2, 3]]]));
    expect(result.layout.columns).toEqual(['__proto__', 'constructor', 'toString']);
    expect(sink.rows).toEqual([['1', '2', '3']]);
    const plain: Record<string, unknown> = {};
    expect(plain.constructor).toBe(Object);
    expect(Object.getPrototypeOf(plain)).toBe(Object.prototype);
    const twice = await failure(writeParquet([cols[1], cols[1]], [[[1, 2]]]));
    expect(twice.code).toBe('unsupported-parquet');
    expect(twice.message).toContain('two columns named "constructor"');
  });

  it('refuses codecs it cannot decode before reading any data, naming the codec', async () => {
    const file = writeParquet(COLUMNS.slice(0, 1), [[[1n]]], CODECS.ZSTD);
    const { source, reads } = recording(file);
    const error = await rejectionOf(importParquet(source, new MemorySink()));
    expect(error).toBeInstanceOf(DataInputError);
    expect((error as DataInputError).code).toBe('unsupported-parquet');
    expect((error as DataInputError).message).toMatch(/^This Parquet file uses ZSTD compression, which WebTrain cannot read yet/);
    expect(reads.every(([offset]) => offset === 0 || offset >= file.length - 200)).toBe(true);
  });

  it('refuses truncated, foreign, damaged and empty files', async () => {
    const file = writeParquet(COLUMNS, GROUPS);
    const cut = await failure(file.subarray(0, file.length - 10));
    expect(cut.code).toBe('bad-parquet');
    expect(cut.message).toMatch(/cut short/);
    expect((await failure(utf8('PAR1'))).message).toMatch(/too short to be Parquet/);
    expect((await failure(utf8('a,b\n1,2\n3,4\n'))).message).toMatch(/does not start with the Parquet signature/);
    const hugeFooter = file.slice();
    new DataView(hugeFooter.buffer).setUint32(file.length - 8, file.length, true);
    expect((await failure(hugeFooter)).message).toMatch(/claims \d+ bytes of metadata/);
    const encrypted = bytesOf(file.subarray(0, file.length - 4), utf8('PARE'));
    expect((await failure(encrypted)).code).toBe('unsupported-parquet');
    // A damaged data page: overwrite the first page's bytes after the magic.
    const broken = file.slice();
    broken.fill(0xff, 4, 40);
    expect((await failure(broken)).code).toBe('bad-parquet');
    const noRows = await failure(writeParquet(COLUMNS.slice(0, 2), []));
    expect(noRows.code).toBe('header-only');
    expect((await failure(file, { maxBytes: 100 })).code).toBe('too-large');
  });

  it('caps cell length at maxFieldChars, naming row and column', async () => {
    const file = writeParquet([{ name: 'text', type: 'BYTE_ARRAY', converted: 0 }], [[['short']], [['y'.repeat(30)]]]);
    const error = await failure(file, { maxFieldChars: 20 });
    expect(error.code).toBe('field-too-large');
    expect(error.rows).toEqual([2]);
    expect(error.message).toMatch(/^Row 2, column "text"/);
  });
});

describe('parquetValueToCell', () => {
  it('writes each kind of value as text', () => {
    expect(parquetValueToCell(null)).toBe('');
    expect(parquetValueToCell(undefined)).toBe('');
    expect(parquetValueToCell(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(parquetValueToCell(12345678901234567890n)).toBe('12345678901234567890');
    expect(parquetValueToCell(false)).toBe('false');
    expect(parquetValueToCell(new Date(Date.UTC(2020, 1, 29, 12)))).toBe('2020-02-29T12:00:00.000Z');
    expect(parquetValueToCell(new Date(NaN))).toBe('');
    expect(parquetValueToCell(Uint8Array.from([0, 255, 16]))).toBe('00ff10');
    expect(parquetValueToCell({ a: [1n, 2], b: new Date(0), c: Uint8Array.from([1]) })).toBe('{"a":["1",2],"b":"1970-01-01T00:00:00.000Z","c":"01"}');
  });
});
