// Lists a zip's entries from its central directory without reading the whole file: finds the end
// record in the last 64 KiB, follows ZIP64 records, and reads the directory in bounded pieces.
import type { RandomAccessSource } from '../data/random-access';
import { DataInputError } from '../data/table-types';
import { decodeEntryName, entrySkipReason, normalizeEntryName } from './entry-names';
import {
  CENTRAL_HEADER_BYTES, END_BYTES, FLAG_UTF8, LOCAL_HEADER_BYTES, SIG_CENTRAL_HEADER, SIG_END, SIG_ZIP64_END,
  SIG_ZIP64_LOCATOR, SourceWindow, ZIP64_END_BYTES, ZIP64_LOCATOR_BYTES, corruptArchive, readU16, readU32, readU64,
} from './zip-format';
import type { SkippedEntry, ZipEntry } from './zip-format';

/** The end record is 22 bytes plus a comment of at most 65,535 bytes. */
const MAX_END_SEARCH = END_BYTES + 0xffff;
/** Central directory bytes read at a time. */
const DIRECTORY_PIECE_BYTES = 256 * 1024;
/** Entries between progress reports and abort checks. */
const PROGRESS_EVERY = 2000;

export interface ZipListOptions {
  /** Called every 2,000 entries and at the end with (entries read, entries in the archive). */
  onProgress?: (entriesRead: number, entryCount: number) => void;
  /** Abort: listZipEntries rejects with the signal's reason. */
  signal?: AbortSignal;
}

export interface ZipListing {
  /** Kept entries (files and folders) in central-directory order. */
  entries: ZipEntry[];
  /** Entries left out (system files, hidden files, `__MACOSX/`, empty names), with the reason. */
  skipped: SkippedEntry[];
  /** Entries in the central directory (kept + skipped). */
  entryCount: number;
  /** The archive uses ZIP64 records. */
  zip64: boolean;
}

interface DirectoryLocation {
  entryCount: number;
  offset: number;
  size: number;
  /** Where the directory must end: the start of the (ZIP64) end record. */
  limit: number;
  zip64: boolean;
}

const NOT_ZIP = 'Is it really a .zip file? Other archive formats (.rar, .7z, .tar.gz) are not supported';

async function locateDirectory(source: RandomAccessSource): Promise<DirectoryLocation> {
  if (source.size < END_BYTES) throw corruptArchive(`the file is only ${source.size} bytes, too short for a zip. ${NOT_ZIP}`);
  const tailStart = Math.max(0, source.size - MAX_END_SEARCH);
  const tail = await source.read(tailStart, source.size - tailStart);
  // Search backwards; the comment length must fit in the file so a signature inside a comment is unlikely to match.
  let end = -1;
  for (let i = tail.length - END_BYTES; i >= 0 && end < 0; i--) {
    if (readU32(tail, i) === SIG_END && i + END_BYTES + readU16(tail, i + 20) <= tail.length) end = i;
  }
  if (end < 0) throw corruptArchive(`its end record (the table of contents) is missing. ${NOT_ZIP}`);
  const disk = readU16(tail, end + 4);
  const directoryDisk = readU16(tail, end + 6);
  if ((disk !== 0 && disk !== 0xffff) || (directoryDisk !== 0 && directoryDisk !== 0xffff)) {
    throw new DataInputError('unsupported-archive', 'This zip is split over several files (a spanned archive). Join the parts into one .zip and try again.');
  }
  const endOffset = tailStart + end;
  const location: DirectoryLocation = {
    entryCount: readU16(tail, end + 10), size: readU32(tail, end + 12), offset: readU32(tail, end + 16), limit: endOffset, zip64: false,
  };
  const locatorAt = end - ZIP64_LOCATOR_BYTES;
  if (locatorAt >= 0 && readU32(tail, locatorAt) === SIG_ZIP64_LOCATOR) await readZip64End(source, readU64(tail, locatorAt + 8), endOffset, location);
  else if (location.entryCount === 0xffff || location.size === 0xffffffff || location.offset === 0xffffffff) {
    throw corruptArchive('it needs ZIP64 records but they are missing');
  }
  if (location.offset + location.size > location.limit) throw corruptArchive('its table of contents points past its end', location.offset);
  // Each header takes at least 46 bytes, which bounds the loop before it starts.
  if (location.entryCount * CENTRAL_HEADER_BYTES > location.size) throw corruptArchive(`it claims ${location.entryCount} entries but has room for fewer`);
  return location;
}

/** Replaces the 16/32-bit counts with the ZIP64 end record's 64-bit ones. */
async function readZip64End(source: RandomAccessSource, at: number, endOffset: number, location: DirectoryLocation): Promise<void> {
  if (at + ZIP64_END_BYTES > endOffset) throw corruptArchive('its ZIP64 end record is out of place', at);
  const record = await source.read(at, ZIP64_END_BYTES);
  if (record.length < ZIP64_END_BYTES || readU32(record, 0) !== SIG_ZIP64_END) throw corruptArchive('its ZIP64 end record is damaged', at);
  if (readU32(record, 16) !== 0 || readU32(record, 20) !== 0) {
    throw new DataInputError('unsupported-archive', 'This zip is split over several files (a spanned archive). Join the parts into one .zip and try again.');
  }
  location.entryCount = readU64(record, 32);
  location.size = readU64(record, 40);
  location.offset = readU64(record, 48);
  location.limit = at;
  location.zip64 = true;
}

/**
 * Sizes and offset from a ZIP64 extra field (id 0x0001): it holds, in this order, only those of
 * uncompressed size, compressed size and local header offset whose 32-bit field is 0xFFFFFFFF.
 */
function applyZip64Extra(extra: Uint8Array, entry: ZipEntry): void {
  for (let at = 0; at + 4 <= extra.length; ) {
    const id = readU16(extra, at);
    const length = readU16(extra, at + 2);
    const body = extra.subarray(at + 4, at + 4 + length);
    at += 4 + length;
    if (id !== 0x0001) continue;
    let k = 0;
    const next = (): number => {
      if (k + 8 > body.length) throw corruptArchive(`the ZIP64 field of entry ${entry.index + 1} is too short`);
      k += 8;
      return readU64(body, k - 8);
    };
    if (entry.uncompressedSize === 0xffffffff) entry.uncompressedSize = next();
    if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
    if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = next();
    return;
  }
}

/**
 * Lists every entry of the zip in `source`, reading only its end records and central directory
 * (in 256 KiB pieces). Resolves only once the whole directory has been read and checked, so a
 * truncated or damaged archive lists nothing: DataInputError 'corrupt-archive' (or
 * 'unsupported-archive' for spanned zips). Names are normalised; entries skipped by
 * entrySkipReason go to `skipped`. Nothing is inflated; see readZipEntry.
 */
export async function listZipEntries(source: RandomAccessSource, options: ZipListOptions = {}): Promise<ZipListing> {
  const { onProgress, signal } = options;
  signal?.throwIfAborted();
  const location = await locateDirectory(source);
  const pieces = new SourceWindow(source, location.offset + location.size, DIRECTORY_PIECE_BYTES);
  const entries: ZipEntry[] = [];
  const skipped: SkippedEntry[] = [];
  let at = location.offset;
  for (let index = 0; index < location.entryCount; index++) {
    const what = `the header of entry ${index + 1}`;
    const head = await pieces.view(at, CENTRAL_HEADER_BYTES, what);
    const h = head.bytes;
    const o = head.at;
    if (readU32(h, o) !== SIG_CENTRAL_HEADER) throw corruptArchive(`${what} is damaged`, at);
    const flags = readU16(h, o + 8);
    const nameLength = readU16(h, o + 28);
    const extraLength = readU16(h, o + 30);
    const entry: ZipEntry = {
      index, rawName: '', displayName: '', segments: [], isDirectory: false, method: readU16(h, o + 10), flags,
      crc32: readU32(h, o + 16), compressedSize: readU32(h, o + 20), uncompressedSize: readU32(h, o + 24), localHeaderOffset: readU32(h, o + 42),
    };
    const tail = await pieces.view(at + CENTRAL_HEADER_BYTES, nameLength + extraLength, what);
    const nameBytes = tail.bytes.subarray(tail.at, tail.at + nameLength);
    applyZip64Extra(tail.bytes.subarray(tail.at + nameLength, tail.at + nameLength + extraLength), entry);
    entry.rawName = decodeEntryName(nameBytes, (flags & FLAG_UTF8) !== 0);
    entry.isDirectory = /[\\/]$/.test(entry.rawName);
    entry.segments = normalizeEntryName(entry.rawName);
    entry.displayName = entry.segments.join('/');
    if (entry.localHeaderOffset + LOCAL_HEADER_BYTES + entry.compressedSize > location.offset) {
      throw corruptArchive(`entry "${entry.displayName}" points past the start of the table of contents`, at);
    }
    const reason = entrySkipReason(entry.segments);
    if (reason === undefined) entries.push(entry);
    else skipped.push({ index, displayName: entry.displayName, reason });
    at += CENTRAL_HEADER_BYTES + nameLength + extraLength + readU16(h, o + 32);
    if ((index + 1) % PROGRESS_EVERY === 0) {
      signal?.throwIfAborted();
      onProgress?.(index + 1, location.entryCount);
    }
  }
  onProgress?.(location.entryCount, location.entryCount);
  return { entries, skipped, entryCount: location.entryCount, zip64: location.zip64 };
}
