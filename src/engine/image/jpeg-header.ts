// Walks a JPEG's marker segments up to the frame header (SOFn) to read its size, precision and
// component count, picking up the EXIF orientation from an APP1 "Exif" segment on the way.
import { readTiffOrientation } from './exif-orientation';
import { HeaderBytes, corruptError, hasBytes } from './header-bytes';
import type { ImageColorModel, ImageHeader } from './image-types';

const SOS = 0xda;
const EOI = 0xd9;
const APP1 = 0xe1;

/** SOF0-SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range but are not frame headers. */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/** Markers with no length field after them: TEM and the restart markers RST0-RST7. */
function isStandalone(marker: number): boolean {
  return marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7);
}

function colorModelOf(components: number): ImageColorModel {
  if (components === 1) return 'gray';
  if (components === 3) return 'rgb';
  // Adobe's APP14 tells CMYK from YCCK; both are four-ink images that the browser converts to RGB.
  if (components === 4) return 'cmyk';
  return 'unknown';
}

/**
 * Reads a JPEG header from `bytes` (which start with FF D8). Only segment lengths are followed, so a
 * large EXIF thumbnail before the frame header needs more bytes: a 'truncated-image' error's
 * `byteOffset` then says where the bytes ran out. Throws 'corrupt-image' for a scan or end marker before
 * any frame header and for zero sizes. No side effects.
 */
export function readJpegHeader(bytes: Uint8Array): ImageHeader {
  const h = new HeaderBytes(bytes, 'JPEG');
  let exifOrientation = 1;
  let exifSeen = false;
  let pos = 2;
  for (;;) {
    if (h.u8(pos) !== 0xff) throw corruptError('JPEG', 'expected a marker (FF xx) between segments', pos);
    // Any number of FF fill bytes may precede a marker code.
    while (h.u8(pos + 1) === 0xff) pos++;
    const marker = h.u8(pos + 1);
    pos += 2;
    if (isStandalone(marker)) continue;
    if (marker === SOS || marker === EOI) {
      throw corruptError('JPEG', 'image data starts before any frame header (SOF), so its size is unknown', pos - 2);
    }
    const length = h.u16(pos, false);
    if (length < 2) throw corruptError('JPEG', `segment FF ${marker.toString(16).toUpperCase()} has length ${length}`, pos);
    if (marker === APP1 && !exifSeen && hasBytes(bytes, pos + 2, 'Exif\0\0')) {
      exifSeen = true;
      exifOrientation = readTiffOrientation(bytes, pos + 8, pos + length);
    }
    if (isStartOfFrame(marker)) {
      const precision = h.u8(pos + 2);
      const height = h.u16(pos + 3, false);
      const width = h.u16(pos + 5, false);
      const components = h.u8(pos + 7);
      if (width === 0 || height === 0) {
        throw corruptError('JPEG', `the frame header declares ${width}x${height} pixels (a zero side is not supported)`, pos);
      }
      if (components === 0) throw corruptError('JPEG', 'the frame header declares 0 colour components', pos + 7);
      return {
        format: 'jpeg',
        width,
        height,
        bitDepth: precision,
        colorType: components,
        colorModel: colorModelOf(components),
        animated: false,
        exifOrientation,
      };
    }
    pos += length;
  }
}
