// Reads a WebP's size from its first chunk: VP8 (lossy key frame), VP8L (lossless) or VP8X
// (extended: canvas size, alpha/animation/EXIF flags), and the EXIF orientation when visible.
import { readTiffOrientation } from './exif-orientation';
import { HeaderBytes, corruptError, hasBytes } from './header-bytes';
import type { ImageHeader } from './image-types';

const VP8X_ANIMATION = 0x02;
const VP8X_EXIF = 0x08;
const VP8X_ALPHA = 0x10;

/**
 * Reads a WebP header from `bytes` (which start with "RIFF" and have "WEBP" at byte 8). Needs 30 bytes
 * for VP8 and VP8X, 25 for VP8L. Throws 'corrupt-image' for an unknown first chunk or a bad frame
 * signature. With the VP8X EXIF flag, chunks are walked for an `EXIF` chunk within `bytes`. No side effects.
 */
export function readWebpHeader(bytes: Uint8Array): ImageHeader {
  const h = new HeaderBytes(bytes, 'WebP');
  h.need(12, 8);
  const chunk = h.ascii(12, 4);
  const base = { format: 'webp', bitDepth: 8, animated: false, exifOrientation: 1 } as const;
  if (chunk === 'VP8 ') {
    h.need(20, 10);
    if (!hasBytes(bytes, 23, [0x9d, 0x01, 0x2a])) throw corruptError('WebP', 'the VP8 frame has no start code 9D 01 2A', 23);
    // 14 bits of size; the top 2 bits are an upscaling hint the decoder ignores.
    const width = h.u16(26, true) & 0x3fff;
    const height = h.u16(28, true) & 0x3fff;
    if (width === 0 || height === 0) throw corruptError('WebP', `the VP8 frame declares ${width}x${height} pixels`, 26);
    return { ...base, width, height, colorType: 3, colorModel: 'rgb' };
  }
  if (chunk === 'VP8L') {
    if (h.u8(20) !== 0x2f) throw corruptError('WebP', 'the VP8L frame has no signature byte 2F', 20);
    const bits = h.u32(21, true);
    const alpha = (bits >>> 28) & 1;
    return {
      ...base,
      width: (bits & 0x3fff) + 1,
      height: ((bits >>> 14) & 0x3fff) + 1,
      colorType: alpha ? 4 : 3,
      colorModel: alpha ? 'rgba' : 'rgb',
    };
  }
  if (chunk === 'VP8X') {
    const flags = h.u8(20);
    const alpha = (flags & VP8X_ALPHA) !== 0;
    return {
      ...base,
      width: h.u24le(24) + 1,
      height: h.u24le(27) + 1,
      colorType: alpha ? 4 : 3,
      colorModel: alpha ? 'rgba' : 'rgb',
      animated: (flags & VP8X_ANIMATION) !== 0,
      exifOrientation: flags & VP8X_EXIF ? findExifOrientation(bytes) : 1,
    };
  }
  throw corruptError('WebP', `the first chunk is "${chunk}", expected VP8, VP8L or VP8X`, 12);
}

/** Walks RIFF chunks from byte 12 to an `EXIF` chunk within `bytes`; 1 when none is visible. */
function findExifOrientation(bytes: Uint8Array): number {
  const h = new HeaderBytes(bytes, 'WebP');
  let pos = 12;
  while (pos + 8 <= bytes.length) {
    const size = h.u32(pos + 4, true);
    if (h.ascii(pos, 4) === 'EXIF') {
      // Some writers keep JPEG's "Exif\0\0" prefix in the chunk; the TIFF data starts after it.
      const start = hasBytes(bytes, pos + 8, 'Exif\0\0') ? pos + 14 : pos + 8;
      return readTiffOrientation(bytes, start, pos + 8 + size);
    }
    pos += 8 + size + (size & 1);
  }
  return 1;
}
