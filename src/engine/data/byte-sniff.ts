// Looks at the first bytes of a user file before any decoding: byte-order marks, binary files
// (known magic numbers, NUL and control bytes) and UTF-16 text. Pure functions over byte arrays.
import { DataInputError } from './table-types';

/** How many leading bytes the binary check looks at. */
export const SNIFF_BYTES = 4096;

/** Fraction of control bytes (other than tab, CR, LF, FF) above which a file is called binary. */
const CONTROL_BYTE_LIMIT = 0.1;

const SAVE_AS_CSV = 'Export it from your spreadsheet program as CSV UTF-8.';

interface Magic {
  bytes: number[];
  what: string;
}

// Well-known file signatures, so the message can say what the file really is.
const MAGIC_NUMBERS: Magic[] = [
  { bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], what: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38, 0x37, 0x61], what: 'a GIF image' },
  { bytes: [0x47, 0x49, 0x46, 0x38, 0x39, 0x61], what: 'a GIF image' },
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], what: 'a PDF document' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'a ZIP archive (an .xlsx workbook is one)' },
  { bytes: [0x50, 0x4b, 0x05, 0x06], what: 'a ZIP archive (an .xlsx workbook is one)' },
  { bytes: [0x1f, 0x8b], what: 'a GZIP-compressed file' },
];

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  if (bytes.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}

/** Length of a UTF-8 byte-order mark at the start of `bytes`: 3 when present, else 0. */
export function utf8BomLength(bytes: Uint8Array): number {
  return startsWith(bytes, [0xef, 0xbb, 0xbf]) ? 3 : 0;
}

function utf16Error(detail: string): DataInputError {
  return new DataInputError(
    'utf16',
    `This file is saved as UTF-16 text (${detail}), but CSV files must be UTF-8. ` +
      'Open it in your spreadsheet program or text editor and save it as CSV UTF-8, then import it again.',
    { byteOffset: 0 },
  );
}

/**
 * Throws a DataInputError when the file's first bytes show it is not UTF-8 text:
 * 'utf16' for a UTF-16 byte-order mark (or UTF-16 text without one), 'binary-file' for a known
 * file signature, any NUL byte, or more than 10% control bytes in the first 4 KiB.
 * `head` is the start of the file (at most SNIFF_BYTES are examined; fewer when the file is shorter).
 * Returns normally for text that may be UTF-8. No side effects.
 */
export function checkFileHead(head: Uint8Array): void {
  if (startsWith(head, [0xff, 0xfe])) throw utf16Error('little-endian, it starts with the bytes FF FE');
  if (startsWith(head, [0xfe, 0xff])) throw utf16Error('big-endian, it starts with the bytes FE FF');
  for (const magic of MAGIC_NUMBERS) {
    if (startsWith(head, magic.bytes)) {
      throw new DataInputError('binary-file', `This file looks like ${magic.what}, not CSV text. ${SAVE_AS_CSV}`, {
        byteOffset: 0,
      });
    }
  }
  const bom = utf8BomLength(head);
  const sample = head.subarray(bom, bom + SNIFF_BYTES);
  if (sample.length === 0) return;
  let nulEven = 0;
  let nulOdd = 0;
  let control = 0;
  let firstNul = -1;
  for (let i = 0; i < sample.length; i++) {
    const b = sample[i];
    if (b === 0) {
      if (firstNul < 0) firstNul = i;
      if (i % 2 === 0) nulEven++;
      else nulOdd++;
    }
    // Tab, LF, FF and CR are normal in text; DEL (0x7f) is a control byte too.
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d) || b === 0x7f) control++;
  }
  const nuls = nulEven + nulOdd;
  // ASCII text saved as UTF-16 without a BOM has a NUL in every other byte, nearly all on one side.
  if (nuls >= sample.length / 4 && Math.max(nulEven, nulOdd) >= 0.9 * nuls) {
    throw utf16Error(nulOdd > nulEven ? 'little-endian, without a byte-order mark' : 'big-endian, without a byte-order mark');
  }
  if (nuls > 0) {
    throw new DataInputError(
      'binary-file',
      `This file looks binary, not CSV text: it contains a NUL byte at byte offset ${bom + firstNul}. ${SAVE_AS_CSV}`,
      { byteOffset: bom + firstNul },
    );
  }
  if (control > CONTROL_BYTE_LIMIT * sample.length) {
    const percent = Math.round((100 * control) / sample.length);
    throw new DataInputError(
      'binary-file',
      `This file looks binary, not CSV text: ${percent}% of its first ${sample.length} bytes are control characters. ${SAVE_AS_CSV}`,
      { byteOffset: 0 },
    );
  }
}
