// A small zip writer for tests: stored and deflated entries (node:zlib), optional ZIP64 records,
// data descriptors, and switches to lie about sizes and CRCs so the reader's checks can be exercised.
import { crc32 as zlibCrc32, deflateRawSync } from 'node:zlib';

export interface TestZipEntry {
  /** Text name (written as UTF-8) or raw name bytes (e.g. CP437). A folder name ends with `/`. */
  name: string | Uint8Array;
  /** Contents; a string is written as UTF-8. Default empty. */
  data?: Uint8Array | string;
  /** 0 stored (default), 8 deflate (node:zlib deflateRawSync), or any other number written as is. */
  method?: number;
  /** Set general-purpose bit 11 (UTF-8 name). Default: true for a string name with non-ASCII text. */
  utf8Flag?: boolean;
  /** Extra flag bits OR-ed in (e.g. 1 = encrypted). */
  flags?: number;
  /** Write this uncompressed size instead of the real one (central directory and local header). */
  declaredSize?: number;
  /** Write this CRC-32 instead of the real one. */
  crc32?: number;
  /** Use these bytes as the compressed payload instead of compressing `data`. */
  payload?: Uint8Array;
  /** Sizes and CRC go in a data descriptor after the data (bit 3); the local header has zeros. */
  dataDescriptor?: boolean;
  /** An extra field written only in the local header, so its length differs from the directory's. */
  localExtra?: Uint8Array;
}

export interface TestZipOptions {
  /** Write ZIP64 extra fields and end records (sizes/offsets in the 32-bit fields become 0xFFFFFFFF). */
  zip64?: boolean;
  /** Archive comment. */
  comment?: string;
  /** Bytes before the first entry (e.g. a self-extractor stub). */
  prefix?: Uint8Array;
}

const encoder = new TextEncoder();

/** Appends little-endian fields to a buffer that doubles when full (fast enough for 100k entries). */
class ByteWriter {
  private buffer = new Uint8Array(1024);
  length = 0;
  private reserve(n: number): void {
    if (this.length + n <= this.buffer.length) return;
    const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.length + n));
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
  }
  bytes(b: Uint8Array): void {
    this.reserve(b.length);
    this.buffer.set(b, this.length);
    this.length += b.length;
  }
  u16(v: number): void {
    this.reserve(2);
    this.buffer[this.length++] = v & 0xff;
    this.buffer[this.length++] = (v >>> 8) & 0xff;
  }
  u32(v: number): void {
    this.u16(v & 0xffff);
    this.u16((v >>> 16) & 0xffff);
  }
  u64(v: number): void {
    this.u32(v % 0x100000000);
    this.u32(Math.floor(v / 0x100000000));
  }
  concat(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }
}

function zip64Extra(values: number[]): Uint8Array {
  const w = new ByteWriter();
  w.u16(0x0001);
  w.u16(values.length * 8);
  for (const v of values) w.u64(v);
  return w.concat();
}

/** The bytes of a zip holding `entries`, in order. */
export function writeZip(entries: readonly TestZipEntry[], options: TestZipOptions = {}): Uint8Array {
  const out = new ByteWriter();
  const central = new ByteWriter();
  if (options.prefix) out.bytes(options.prefix);
  const big = options.zip64 === true;
  for (const e of entries) {
    const nameBytes = typeof e.name === 'string' ? encoder.encode(e.name) : e.name;
    const data = typeof e.data === 'string' ? encoder.encode(e.data) : (e.data ?? new Uint8Array(0));
    const method = e.method ?? 0;
    const payload = e.payload ?? (method === 8 ? new Uint8Array(deflateRawSync(data)) : data);
    const crc = e.crc32 ?? zlibCrc32(data);
    const size = e.declaredSize ?? data.length;
    const utf8 = e.utf8Flag ?? (typeof e.name === 'string' && /[^\x00-\x7f]/.test(e.name));
    const flags = (utf8 ? 0x0800 : 0) | (e.dataDescriptor ? 0x0008 : 0) | (e.flags ?? 0);
    const offset = out.length;
    const localExtra = big ? zip64Extra([size, payload.length]) : new Uint8Array(0);
    const extraLocal = new Uint8Array([...localExtra, ...(e.localExtra ?? [])]);
    // Local header.
    out.u32(0x04034b50);
    out.u16(big ? 45 : 20);
    out.u16(flags);
    out.u16(method);
    out.u32(0); // time and date
    out.u32(e.dataDescriptor ? 0 : crc);
    out.u32(e.dataDescriptor ? 0 : big ? 0xffffffff : payload.length);
    out.u32(e.dataDescriptor ? 0 : big ? 0xffffffff : size);
    out.u16(nameBytes.length);
    out.u16(extraLocal.length);
    out.bytes(nameBytes);
    out.bytes(extraLocal);
    out.bytes(payload);
    if (e.dataDescriptor) {
      out.u32(0x08074b50);
      out.u32(crc);
      out.u32(payload.length);
      out.u32(size);
    }
    // Central directory header.
    const extra = big ? zip64Extra([size, payload.length, offset]) : new Uint8Array(0);
    central.u32(0x02014b50);
    central.u16(big ? 45 : 20);
    central.u16(big ? 45 : 20);
    central.u16(flags);
    central.u16(method);
    central.u32(0);
    central.u32(crc);
    central.u32(big ? 0xffffffff : payload.length);
    central.u32(big ? 0xffffffff : size);
    central.u16(nameBytes.length);
    central.u16(extra.length);
    central.u16(0); // comment
    central.u16(0); // disk
    central.u16(0); // internal attributes
    central.u32(0); // external attributes
    central.u32(big ? 0xffffffff : offset);
    central.bytes(nameBytes);
    central.bytes(extra);
  }
  const directoryOffset = out.length;
  const directory = central.concat();
  out.bytes(directory);
  if (big) {
    const recordOffset = out.length;
    out.u32(0x06064b50);
    out.u64(44);
    out.u16(45);
    out.u16(45);
    out.u32(0);
    out.u32(0);
    out.u64(entries.length);
    out.u64(entries.length);
    out.u64(directory.length);
    out.u64(directoryOffset);
    out.u32(0x07064b50);
    out.u32(0);
    out.u64(recordOffset);
    out.u32(1);
  }
  const comment = encoder.encode(options.comment ?? '');
  out.u32(0x06054b50);
  out.u16(0);
  out.u16(0);
  out.u16(big ? 0xffff : entries.length);
  out.u16(big ? 0xffff : entries.length);
  out.u32(big ? 0xffffffff : directory.length);
  out.u32(big ? 0xffffffff : directoryOffset);
  out.u16(comment.length);
  out.bytes(comment);
  return out.concat();
}
