// Identifies an image file from its first bytes and reads its header without decoding pixels:
// PNG, JPEG, WebP and GIF by magic bytes; text (SVG, HTML, XML) and other formats are refused by name.
import { DataInputError } from '../data/table-types';
import { readGifHeader } from './gif-header';
import { hasBytes, hexPrefix, truncatedError } from './header-bytes';
import type { ImageHeader } from './image-types';
import { readJpegHeader } from './jpeg-header';
import { readPngHeader } from './png-header';
import { readWebpHeader } from './webp-header';

/** How many leading bytes to read for `readImageHeader`; enough for nearly every file's header. */
export const IMAGE_HEADER_BYTES = 64 * 1024;

const READ_FORMATS = 'PNG, JPEG, WebP or GIF';

interface Signature {
  label: string;
  /** Bytes at offset 0 that identify the format (a prefix of a shorter file still counts). */
  magic: number[];
  read: (bytes: Uint8Array) => ImageHeader;
}

const SIGNATURES: Signature[] = [
  { label: 'PNG', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], read: readPngHeader },
  { label: 'JPEG', magic: [0xff, 0xd8, 0xff], read: readJpegHeader },
  { label: 'GIF', magic: [0x47, 0x49, 0x46, 0x38, 0x37, 0x61], read: readGifHeader },
  { label: 'GIF', magic: [0x47, 0x49, 0x46, 0x38, 0x39, 0x61], read: readGifHeader },
];

/** Formats people often try that the browser cannot decode everywhere, or that are not images at all. */
const OTHER_FORMATS: { at: number; magic: number[] | string; what: string }[] = [
  { at: 0, magic: 'BM', what: 'a BMP image' },
  { at: 0, magic: [0x49, 0x49, 0x2a, 0x00], what: 'a TIFF image' },
  { at: 0, magic: [0x4d, 0x4d, 0x00, 0x2a], what: 'a TIFF image' },
  { at: 4, magic: 'ftypheic', what: 'a HEIC image (an iPhone photo)' },
  { at: 4, magic: 'ftypheix', what: 'a HEIC image (an iPhone photo)' },
  { at: 4, magic: 'ftypmif1', what: 'a HEIF image' },
  { at: 4, magic: 'ftypavif', what: 'an AVIF image' },
  { at: 0, magic: [0x00, 0x00, 0x01, 0x00], what: 'an ICO icon' },
  { at: 0, magic: '%PDF-', what: 'a PDF document' },
  { at: 0, magic: [0x50, 0x4b, 0x03, 0x04], what: 'a ZIP archive' },
];

/**
 * Reads the header of a PNG, JPEG, WebP or GIF file from its first bytes (pass up to
 * IMAGE_HEADER_BYTES; nothing is decoded). Returns format, stored size, bit depth, colour type,
 * animation and EXIF orientation. Throws DataInputError:
 * - 'empty-file' for no bytes;
 * - 'not-an-image' for text (SVG, HTML, XML: never rendered), other formats (named), or unknown bytes
 *   (the message lists the first bytes in hex);
 * - 'truncated-image' when the bytes end inside the header: when the file is longer than what was passed,
 *   read more and call again (`byteOffset` is where the bytes ran out), otherwise the file was cut short;
 * - 'corrupt-image' for a header that contradicts its format.
 * No side effects.
 */
export function readImageHeader(bytes: Uint8Array): ImageHeader {
  if (bytes.length === 0) {
    throw new DataInputError('empty-file', `This file is empty (0 bytes), so it is not an image. Add a ${READ_FORMATS} file.`);
  }
  for (const signature of SIGNATURES) {
    const { magic } = signature;
    if (bytes.length >= 2 && hasBytes(bytes, 0, magic.slice(0, Math.min(bytes.length, magic.length)))) {
      if (bytes.length < magic.length) throw truncatedError(signature.label, bytes.length, magic.length);
      return signature.read(bytes);
    }
  }
  if (hasBytes(bytes, 0, 'RIFF')) {
    if (bytes.length < 12) throw truncatedError('WebP', bytes.length, 12);
    if (hasBytes(bytes, 8, 'WEBP')) return readWebpHeader(bytes);
    throw notAnImage(`This file is a RIFF container (${String.fromCharCode(...bytes.subarray(8, 12))}), such as audio or video, not an image.`);
  }
  const text = describeMarkupText(bytes);
  if (text) {
    throw notAnImage(
      `This file is ${text} text, not an image; images are never rendered. ` +
        `Export the picture as ${READ_FORMATS} and import that file instead.`,
    );
  }
  for (const other of OTHER_FORMATS) {
    if (hasBytes(bytes, other.at, other.magic)) {
      throw notAnImage(`This file is ${other.what}, which WebTrain does not read. Convert it to ${READ_FORMATS} first.`);
    }
  }
  throw notAnImage(
    `Not a PNG/JPEG/WebP/GIF image (first bytes ${hexPrefix(bytes)}). ` +
      'Renaming a file does not convert it; open it in an image editor and export it as PNG or JPEG.',
  );
}

function notAnImage(message: string): DataInputError {
  return new DataInputError('not-an-image', message, { byteOffset: 0 });
}

/**
 * 'SVG', 'HTML' or 'XML' when the bytes start (after a UTF-8 BOM and whitespace) with markup, else null.
 * SVG files often open with an XML declaration or a comment, so the first 1 KiB is searched for `<svg`.
 */
function describeMarkupText(bytes: Uint8Array): string | null {
  let pos = hasBytes(bytes, 0, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  while (pos < bytes.length && (bytes[pos] === 0x20 || (bytes[pos] >= 0x09 && bytes[pos] <= 0x0d))) pos++;
  if (bytes[pos] !== 0x3c) return null; // '<'
  const head = String.fromCharCode(...bytes.subarray(pos, pos + 1024)).toLowerCase();
  if (head.includes('<svg')) return 'SVG';
  if (head.startsWith('<!doctype html') || head.includes('<html') || head.includes('<body') || head.includes('<head')) {
    return 'HTML';
  }
  return head.startsWith('<?xml') ? 'XML' : 'SVG/HTML';
}
