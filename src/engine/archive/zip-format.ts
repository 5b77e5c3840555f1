// Zip record layout shared by the directory and entry readers: signatures, little-endian field reads,
// the entry shape, and a bounded window onto a RandomAccessSource that reads one piece at a time.
import type { RandomAccessSource } from '../data/random-access';
import { DataInputError } from '../data/table-types';

export const SIG_LOCAL_HEADER = 0x04034b50;
export const SIG_CENTRAL_HEADER = 0x02014b50;
export const SIG_END = 0x06054b50;
export const SIG_ZIP64_END = 0x06064b50;
export const SIG_ZIP64_LOCATOR = 0x07064b50;
export const LOCAL_HEADER_BYTES = 30;
export const CENTRAL_HEADER_BYTES = 46;
export const END_BYTES = 22;
export const ZIP64_END_BYTES = 56;
export const ZIP64_LOCATOR_BYTES = 20;
/** Compression methods this reader inflates: 0 stored (copied), 8 deflate. */
export const METHOD_STORED = 0;
export const METHOD_DEFLATE = 8;
/** General-purpose flag bits: 0 encrypted, 3 sizes in a data descriptor, 6 strong encryption, 11 UTF-8 names. */
export const FLAG_ENCRYPTED = 0x0001;
export const FLAG_STRONG_ENCRYPTION = 0x0040;
export const FLAG_UTF8 = 0x0800;

/** One central-directory entry, as plain cloneable data. Entries are identified by `index`, never by name. */
export interface ZipEntry {
  /** 0-based position in the central directory. */
  index: number;
  /** The stored name decoded to text (UTF-8 or CP437), unmodified: show it only after normalising. */
  rawName: string;
  /** `segments` joined with `/`: safe to show, never to use as a path or a key. */
  displayName: string;
  /** Normalised display segments (see normalizeEntryName). */
  segments: string[];
  /** The stored name ends with `/` or `\`. */
  isDirectory: boolean;
  /** Compression method (0 stored, 8 deflate; others are refused when read). */
  method: number;
  /** General-purpose bit flags. */
  flags: number;
  /** Bytes of compressed data, from the central directory (ZIP64 extra field when present). */
  compressedSize: number;
  /** Declared bytes once inflated; reading checks the real size against it. */
  uncompressedSize: number;
  /** Declared CRC-32 of the inflated bytes (unsigned). */
  crc32: number;
  /** Byte offset of the entry's local header in the file. */
  localHeaderOffset: number;
}

/** An entry left out of a listing, with the reason to show the user. */
export interface SkippedEntry {
  index: number;
  displayName: string;
  reason: string;
}

/** The DataInputError for a damaged or cut-short archive; `detail` says what was wrong. */
export function corruptArchive(detail: string, byteOffset?: number): DataInputError {
  return new DataInputError(
    'corrupt-archive',
    `This zip file is corrupt or truncated: ${detail}. If it was downloaded or copied, fetch it again, or re-create the zip.`,
    byteOffset === undefined ? {} : { byteOffset },
  );
}

export function readU16(bytes: Uint8Array, at: number): number {
  return bytes[at] | (bytes[at + 1] << 8);
}

export function readU32(bytes: Uint8Array, at: number): number {
  return (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)) >>> 0;
}

/** A 64-bit little-endian count; values past 2^53 cannot be a real size or offset, so they mean corruption. */
export function readU64(bytes: Uint8Array, at: number): number {
  const high = readU32(bytes, at + 4);
  if (high >= 0x200000) throw corruptArchive('a 64-bit size or offset is impossibly large');
  return high * 0x100000000 + readU32(bytes, at);
}

/**
 * A read window over `[start, end)` of a source: `view(offset, length)` returns bytes from a buffer
 * of at least `pieceBytes`, refilled only when a request leaves it. Memory stays at one piece (or one
 * request, if larger). A request past `end` is a truncated archive.
 */
export class SourceWindow {
  private buffer: Uint8Array = new Uint8Array(0);
  private bufferStart = 0;

  constructor(
    private readonly source: RandomAccessSource,
    private readonly end: number,
    private readonly pieceBytes: number,
  ) {}

  /** `length` bytes at `offset`, and where they start in the returned array. */
  async view(offset: number, length: number, what: string): Promise<{ bytes: Uint8Array; at: number }> {
    if (offset < 0 || offset + length > this.end) throw corruptArchive(`${what} runs past the end of the data`, offset);
    const inBuffer = offset >= this.bufferStart && offset + length <= this.bufferStart + this.buffer.length;
    if (!inBuffer) {
      const want = Math.min(Math.max(length, this.pieceBytes), this.end - offset);
      this.buffer = await this.source.read(offset, want);
      this.bufferStart = offset;
      if (this.buffer.length < length) throw corruptArchive(`${what} runs past the end of the file`, offset);
    }
    return { bytes: this.buffer, at: offset - this.bufferStart };
  }
}
