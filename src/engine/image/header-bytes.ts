// Bounds-checked big/little-endian readers over the first bytes of an image file, and the errors
// they raise. Every read past the end becomes a 'truncated-image' DataInputError naming the format.
import { DataInputError } from '../data/table-types';

/** A cursor-free view over header bytes for one format; `label` names it in messages ("PNG"). */
export class HeaderBytes {
  constructor(
    readonly bytes: Uint8Array,
    readonly label: string,
  ) {}

  get length(): number {
    return this.bytes.length;
  }

  /** Throws 'truncated-image' unless bytes [offset, offset + count) are present. */
  need(offset: number, count: number): void {
    if (offset + count > this.bytes.length) throw truncatedError(this.label, this.bytes.length, offset + count);
  }

  u8(offset: number): number {
    this.need(offset, 1);
    return this.bytes[offset];
  }

  u16(offset: number, littleEndian: boolean): number {
    this.need(offset, 2);
    const b = this.bytes;
    return littleEndian ? b[offset] | (b[offset + 1] << 8) : (b[offset] << 8) | b[offset + 1];
  }

  u24le(offset: number): number {
    this.need(offset, 3);
    const b = this.bytes;
    return b[offset] | (b[offset + 1] << 8) | (b[offset + 2] << 16);
  }

  u32(offset: number, littleEndian: boolean): number {
    this.need(offset, 4);
    const b = this.bytes;
    const v = littleEndian
      ? b[offset] | (b[offset + 1] << 8) | (b[offset + 2] << 16) | (b[offset + 3] << 24)
      : (b[offset] << 24) | (b[offset + 1] << 16) | (b[offset + 2] << 8) | b[offset + 3];
    return v >>> 0;
  }

  /** The `count` bytes at `offset` as Latin-1 text (chunk names such as "IHDR"); short when cut off. */
  ascii(offset: number, count: number): string {
    return String.fromCharCode(...this.bytes.subarray(offset, offset + count));
  }
}

/**
 * The error for a header that stops early. `endsAt` is where the bytes stop (also `byteOffset`),
 * `needed` how far the header goes. When the caller passed only the start of a longer file, this means
 * "read more bytes and try again"; otherwise the file itself was cut short.
 */
export function truncatedError(label: string, endsAt: number, needed: number): DataInputError {
  return new DataInputError(
    'truncated-image',
    `Truncated ${label}: header ends at byte ${endsAt}, but it needs at least ${needed} bytes. ` +
      'The file was probably cut short while copying or downloading; copy or export it again.',
    { byteOffset: endsAt },
  );
}

/** The error for a header whose fields contradict the format (zero width, a missing IHDR chunk ...). */
export function corruptError(label: string, detail: string, byteOffset: number): DataInputError {
  return new DataInputError(
    'corrupt-image',
    `Corrupt ${label}: ${detail} (at byte ${byteOffset}). Open the file in an image editor and save it again.`,
    { byteOffset },
  );
}

/** True when `bytes` holds `prefix` (numbers or a Latin-1 string) starting at `offset`. */
export function hasBytes(bytes: Uint8Array, offset: number, prefix: number[] | string): boolean {
  const codes = typeof prefix === 'string' ? Array.from(prefix, (ch) => ch.charCodeAt(0)) : prefix;
  if (offset + codes.length > bytes.length) return false;
  for (let i = 0; i < codes.length; i++) if (bytes[offset + i] !== codes[i]) return false;
  return true;
}

/** The first `count` bytes as two-digit hex separated by spaces ("89 50 4E 47"), for messages. */
export function hexPrefix(bytes: Uint8Array, count = 8): string {
  return Array.from(bytes.subarray(0, count), (b) => b.toString(16).padStart(2, '0').toUpperCase()).join(' ');
}
