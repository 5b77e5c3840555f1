// A minimal Parquet writer for tests, written from the format specification (Thrift compact metadata,
// PLAIN data pages v1, optional columns, literal-only Snappy), so expected cells are known independently
// of the reader. Used by the Parquet import tests and the browser import test.
import { bytesOf, utf8 } from './stream-helpers';

export type PhysicalType = 'BOOLEAN' | 'INT32' | 'INT64' | 'DOUBLE' | 'BYTE_ARRAY';
export interface ColumnSpec {
  name: string;
  type: PhysicalType;
  /** Parquet ConvertedType number: 0 UTF8, 6 DATE, 9 TIMESTAMP_MILLIS. */
  converted?: number;
}
export type Value = null | number | bigint | boolean | string;

const TYPE_IDS: Record<PhysicalType, number> = { BOOLEAN: 0, INT32: 1, INT64: 2, DOUBLE: 5, BYTE_ARRAY: 6 };
export const CODECS = { UNCOMPRESSED: 0, SNAPPY: 1, ZSTD: 6 } as const;

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
export function writeParquet(columns: ColumnSpec[], groups: Value[][][], codec: number = CODECS.UNCOMPRESSED): Uint8Array {
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
