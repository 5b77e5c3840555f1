// Reads one zip entry's bytes: checks its local header, copies (stored) or streams through the
// platform's DecompressionStream (deflate) in small pieces, and checks size, budget and CRC-32.
import type { RandomAccessSource } from '../data/random-access';
import { DataInputError } from '../data/table-types';
import { formatBytes } from '../data/utf8-stream';
import type { ArchiveBudget } from './archive-budget';
import { updateCrc32 } from './crc32';
import {
  FLAG_ENCRYPTED, FLAG_STRONG_ENCRYPTION, LOCAL_HEADER_BYTES, METHOD_DEFLATE, METHOD_STORED, SIG_LOCAL_HEADER,
  corruptArchive, readU16, readU32,
} from './zip-format';
import type { ZipEntry } from './zip-format';

/** Compressed bytes read from the source at a time. */
const READ_PIECE_BYTES = 256 * 1024;
/**
 * Compressed bytes handed to the inflater at a time. Deflate expands at most ~1032:1, so one piece
 * can never produce more than ~4 MiB before the output is counted and the read can stop.
 */
const INFLATE_PIECE_BYTES = 4 * 1024;

const METHOD_NAMES = new Map<number, string>([
  [1, 'Shrink'], [6, 'Implode'], [9, 'Deflate64'], [12, 'bzip2'], [14, 'LZMA'], [93, 'Zstandard'], [95, 'XZ'], [98, 'PPMd'], [99, 'AES encryption'],
]);

export interface ZipReadOptions {
  /** Largest inflated entry accepted, in bytes (also the most this call allocates). */
  maxBytes: number;
  /** The archive-wide budget shared by all reads from this archive; charged with every inflated byte. */
  budget?: ArchiveBudget;
  /** Abort: readZipEntry rejects with the signal's reason. */
  signal?: AbortSignal;
}

function refuseUnreadable(entry: ZipEntry): void {
  if (entry.flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION) || entry.method === 99) {
    throw new DataInputError('unsupported-archive', `"${entry.displayName}" is encrypted (password-protected). Re-create the zip without a password.`);
  }
  if (entry.method !== METHOD_STORED && entry.method !== METHOD_DEFLATE) {
    const name = METHOD_NAMES.get(entry.method) ?? `method ${entry.method}`;
    throw new DataInputError(
      'unsupported-archive',
      `"${entry.displayName}" is compressed with ${name}, which cannot be read here. Re-create the zip with the standard Deflate method (the default of most zip tools).`,
    );
  }
}

function sizeMismatch(entry: ZipEntry, holds: string): DataInputError {
  return corruptArchive(`entry "${entry.displayName}" says it has ${entry.uncompressedSize} bytes but holds ${holds}`);
}

/** Where the entry's compressed data starts: its local header's name and extra lengths may differ from the directory's. */
async function findData(source: RandomAccessSource, entry: ZipEntry): Promise<number> {
  const header = await source.read(entry.localHeaderOffset, LOCAL_HEADER_BYTES);
  if (header.length < LOCAL_HEADER_BYTES || readU32(header, 0) !== SIG_LOCAL_HEADER) {
    throw corruptArchive(`the header of entry "${entry.displayName}" is damaged`, entry.localHeaderOffset);
  }
  const start = entry.localHeaderOffset + LOCAL_HEADER_BYTES + readU16(header, 26) + readU16(header, 28);
  if (start + entry.compressedSize > source.size) throw corruptArchive(`the data of entry "${entry.displayName}" runs past the end of the file`, start);
  return start;
}

/** Collects inflated output into a buffer of the declared size, enforcing every limit as bytes arrive. */
class EntryOutput {
  readonly bytes: Uint8Array;
  length = 0;
  crc = 0;
  constructor(private readonly entry: ZipEntry, private readonly budget: ArchiveBudget | undefined) {
    this.bytes = new Uint8Array(entry.uncompressedSize);
  }
  push(chunk: Uint8Array): void {
    if (this.length + chunk.length > this.bytes.length) throw sizeMismatch(this.entry, `more (at least ${this.length + chunk.length})`);
    this.budget?.charge(chunk.length, this.entry.displayName);
    this.bytes.set(chunk, this.length);
    this.length += chunk.length;
    this.crc = updateCrc32(chunk, this.crc);
  }
  finish(): Uint8Array {
    if (this.length !== this.bytes.length) throw sizeMismatch(this.entry, `${this.length}`);
    if (this.crc !== this.entry.crc32) throw corruptArchive(`entry "${this.entry.displayName}" fails its checksum (CRC-32), so its bytes are damaged`);
    return this.bytes;
  }
}

/** Yields the compressed bytes `[start, end)` in pieces of at most `piece` bytes. */
async function* compressedPieces(source: RandomAccessSource, start: number, end: number, entry: ZipEntry, signal?: AbortSignal) {
  for (let at = start; at < end; ) {
    signal?.throwIfAborted();
    const piece = await source.read(at, Math.min(READ_PIECE_BYTES, end - at));
    if (piece.length === 0) throw corruptArchive(`the data of entry "${entry.displayName}" runs past the end of the file`, at);
    at += piece.length;
    yield piece;
  }
}

async function inflateInto(pieces: AsyncGenerator<Uint8Array>, output: EntryOutput, entry: ZipEntry, signal?: AbortSignal): Promise<void> {
  const inflater = new DecompressionStream('deflate-raw');
  const writer = inflater.writable.getWriter();
  const reader = inflater.readable.getReader();
  let feedError: unknown;
  // The feeder runs beside the read loop; stream backpressure keeps it at most a piece or two ahead.
  const feeding = (async () => {
    for await (const piece of pieces) {
      // The inflater accepts only ArrayBuffer-backed views; a shared buffer is copied.
      const own = piece.buffer instanceof ArrayBuffer ? (piece as Uint8Array<ArrayBuffer>) : piece.slice();
      for (let k = 0; k < own.length; k += INFLATE_PIECE_BYTES) await writer.write(own.subarray(k, k + INFLATE_PIECE_BYTES));
    }
    await writer.close();
  })().catch((e: unknown) => {
    feedError ??= e;
    return writer.abort(e).catch(() => undefined);
  });
  let done = false;
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) break;
      signal?.throwIfAborted();
      output.push(next.value);
    }
    done = true;
  } catch (e) {
    if (feedError === undefined) feedError = e;
  } finally {
    if (!done) await reader.cancel().catch(() => undefined);
    await feeding;
  }
  if (feedError === undefined) return;
  if (feedError instanceof DataInputError || signal?.aborted) throw feedError;
  // Anything else is the inflater refusing the data (bad block, unexpected end, junk after the end).
  throw corruptArchive(`the compressed data of entry "${entry.displayName}" is damaged`);
}

/**
 * The inflated bytes of `entry` (from listZipEntries on the same source). Reads only that entry's
 * range, in 256 KiB pieces, and never holds more than its declared size. Throws DataInputError:
 * 'archive-too-large' when the declared size passes `maxBytes` or the budget (before inflating);
 * 'corrupt-archive' when the real size differs from the declared one (inflating stops as soon as it
 * passes it), the CRC-32 does not match, or data runs past the end of the file; 'unsupported-archive'
 * for encryption or methods other than stored and deflate. A folder gives an empty array.
 */
export async function readZipEntry(source: RandomAccessSource, entry: ZipEntry, options: ZipReadOptions): Promise<Uint8Array> {
  const { maxBytes, budget, signal } = options;
  if (!(maxBytes >= 0)) throw new RangeError(`maxBytes must be a number of bytes >= 0, got ${maxBytes}.`);
  signal?.throwIfAborted();
  if (entry.isDirectory) return new Uint8Array(0);
  refuseUnreadable(entry);
  if (entry.uncompressedSize > maxBytes) {
    throw new DataInputError(
      'archive-too-large',
      `"${entry.displayName}" unpacks to ${formatBytes(entry.uncompressedSize)}, more than the ${formatBytes(maxBytes)} allowed for one file. Remove it from the archive or make it smaller.`,
    );
  }
  if (budget && entry.uncompressedSize > budget.remainingBytes) throw budget.exceeded(entry.displayName, budget.usedBytes + entry.uncompressedSize);
  if (entry.method === METHOD_STORED && entry.compressedSize !== entry.uncompressedSize) {
    throw sizeMismatch(entry, `${entry.compressedSize} (it is stored uncompressed)`);
  }
  const start = await findData(source, entry);
  const pieces = compressedPieces(source, start, start + entry.compressedSize, entry, signal);
  const output = new EntryOutput(entry, budget);
  if (entry.method === METHOD_STORED) {
    for await (const piece of pieces) output.push(piece);
  } else {
    await inflateInto(pieces, output, entry, signal);
  }
  return output.finish();
}
