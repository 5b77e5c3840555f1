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

type PhysicalType = 'BOOLEAN' | 'INT32' | 'INT64' | 'DOUBLE' | 'BYTE_ARRAY';
interface ColumnSpec {
  name: string;
  type: PhysicalType;
  /** Parquet ConvertedType number: 0 UTF8, 6 DATE, 9 TIMESTAMP_MILLIS. */
  converted?: number;
}
type Value = null | number | bigint | boolean | string;

const TYPE_IDS: Record<PhysicalType, number> = { BOOLEAN: 0, INT32: 1, INT64: 2, DOUBLE: 5, BYTE_ARRAY: 6 };
const CODECS = { UNCOMPRESSED: 0, SNAPPY: 1, ZSTD: 6 } as const;

/** Thrift compact protocol: just the field kinds Parquet metadata uses. */
class Thrift {
  readonly out: number[] = [];
  private readonly lastIds: number[] = [0];
  byte(b: number) {
    this.out.push(b & 0xff);
  }
  varint(n: number | bigint) {
    let v = BigInt(n);
    while (v >= 0x80n) {
      this.byte(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    this.byte(Number(v));
  }
  zigzag(n: number | bigint) {
    const v = BigInt(n);
    this.varint(v >= 0n ? v * 2n : -v * 2n - 1n);
  }
  field(id: number, type: number) {
    const delta = id - this.lastIds[this.lastIds.length - 1];
    if (delta > 0 && delta <= 15) this.byte((delta << 4) | type);
    else throw new Error('test writer: fields must ascend by at most 15');
    this.lastIds[this.lastIds.length - 1] = id;
  }
  i32(id: number, v: number) {
    this.field(id, 5);
    this.zigzag(v);
  }
  i64(id: number, v: number | bigint) {
    this.field(id, 6);
    this.zigzag(v);
  }
  binary(id: number, s: string) {
    this.field(id, 8);
    this.rawBinary(s);
  }
  rawBinary(s: string) {
    const b = utf8(s);
    this.varint(b.length);
    for (const x of b) this.byte(x);
  }
  struct(id: number, body: () => void) {
    this.field(id, 12);
    this.inStruct(body);
  }
  inStruct(body: () => void) {
    this.lastIds.push(0);
    body();
    this.byte(0);
    this.lastIds.pop();
  }
  list<T>(id: number, elementType: number, items: T[], write: (item: T) => void) {
    this.field(id, 9);
    if (items.length < 15) this.byte((items.length << 4) | elementType);
    else {
      this.byte(0xf0 | elementType);
      this.varint(items.length);
    }
    items.forEach(write);
  }
}

function plainValues(type: PhysicalType, values: Value[]): Uint8Array {
  if (type === 'BOOLEAN') {
    const out = new Uint8Array(Math.ceil(values.length / 8));
    values.forEach((v, i) => (out[i >> 3] |= v ? 1 << (i & 7) : 0));
    return out;
  }
  if (type === 'BYTE_ARRAY') return bytesOf(...values.flatMap((v) => { const b = utf8(String(v)); const n = new Uint8Array(4); new DataView(n.buffer).setUint32(0, b.length, true); return [n, b]; }));
  const width = type === 'INT32' ? 4 : 8;
  const out = new Uint8Array(width * values.length);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => {
    if (type === 'INT32') view.setInt32(4 * i, Number(v), true);
    else if (type === 'INT64') view.setBigInt64(8 * i, BigInt(v as bigint), true);
    else view.setFloat64(8 * i, Number(v), true);
  });
  return out;
}

/** Snappy with literals only (valid, just not smaller): length varint, then tagged runs of at most 60 bytes. */
function snappyLiteral(data: Uint8Array): Uint8Array {
  const t = new Thrift();
  t.varint(data.length);
  for (let at = 0; at < data.length; at += 60) {
    const run = data.subarray(at, at + 60);
    t.byte((run.length - 1) << 2);
    for (const b of run) t.byte(b);
  }
  return Uint8Array.from(t.out);
}

/** One data page for an OPTIONAL column: RLE definition levels (one run per value), then the present values. */
function dataPage(type: PhysicalType, values: Value[], codec: number): Uint8Array {
  const levels = values.flatMap((v) => [2, v === null ? 0 : 1]);
  const length = new Uint8Array(4);
  new DataView(length.buffer).setUint32(0, levels.length, true);
  const body = bytesOf(length, levels, plainValues(type, values.filter((v) => v !== null)));
  const stored = codec === CODECS.SNAPPY ? snappyLiteral(body) : body;
  const h = new Thrift();
  h.inStruct(() => {
    h.i32(1, 0); // DATA_PAGE
    h.i32(2, body.length);
    h.i32(3, stored.length);
    h.struct(5, () => {
      h.i32(1, values.length);
      h.i32(2, 0); // PLAIN
      h.i32(3, 3); // RLE
      h.i32(4, 3);
    });
  });
  return bytesOf(h.out, stored);
}

/** A Parquet file with one data page per column per row group (`groups[g][row][column]`). */
function writeParquet(columns: ColumnSpec[], groups: Value[][][], codec: number = CODECS.UNCOMPRESSED): Uint8Array {
  const parts: Uint8Array[] = [utf8('PAR1')];
  let offset = 4;
  const meta = groups.map((rows) =>
    columns.map((col, c) => {
      const page = dataPage(col.type, rows.map((r) => r[c]), codec);
      parts.push(page);
      offset += page.length;
      return { col, at: offset - page.length, size: page.length, count: rows.length };
    }),
  );
  const t = new Thrift();
  t.inStruct(() => {
    t.i32(1, 1);
    t.list(2, 12, [undefined, ...columns], (col) =>
      t.inStruct(() => {
        if (!col) {
          t.binary(4, 'schema');
          t.i32(5, columns.length);
          return;
        }
        t.i32(1, TYPE_IDS[col.type]);
        t.i32(3, 1); // OPTIONAL
        t.binary(4, col.name);
        if (col.converted !== undefined) t.i32(6, col.converted);
      }),
    );
    t.i64(3, groups.reduce((n, g) => n + g.length, 0));
    t.list(4, 12, meta, (chunks) =>
      t.inStruct(() => {
        t.list(1, 12, chunks, (m) =>
          t.inStruct(() => {
            t.i64(2, m.at);
            t.struct(3, () => {
              t.i32(1, TYPE_IDS[m.col.type]);
              t.list(2, 5, [0, 3], (e) => t.zigzag(e));
              t.list(3, 8, [m.col.name], (s) => t.rawBinary(s));
              t.i32(4, codec);
              t.i64(5, m.count);
              t.i64(6, m.size);
              t.i64(7, m.size);
              t.i64(9, m.at);
            });
          }),
        );
        t.i64(2, chunks.reduce((n, m) => n + m.size, 0));
        t.i64(3, chunks[0]?.count ?? 0);
      }),
    );
  });
  const footer = Uint8Array.from(t.out);
  const length = new Uint8Array(4);
  new DataView(length.buffer).setUint32(0, footer.length, true);
  return bytesOf(...parts, footer, length, utf8('PAR1'));
}

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
