// Reads a PNG's IHDR chunk (size, bit depth, colour type) and looks for an APNG acTL chunk
// among the chunks before the first IDAT that fall inside the bytes given.
import { HeaderBytes, corruptError } from './header-bytes';
import type { ImageColorModel, ImageHeader } from './image-types';

/** Allowed bit depths per PNG colour type (PNG specification, table 11.1). */
const BIT_DEPTHS: Record<number, number[]> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};

const COLOR_MODELS: Record<number, ImageColorModel> = { 0: 'gray', 2: 'rgb', 3: 'palette', 4: 'gray-alpha', 6: 'rgba' };

/** First byte after IHDR: signature (8) + chunk length and type (8) + 13 data bytes + CRC (4). */
const AFTER_IHDR = 33;

/**
 * Reads a PNG header from `bytes` (which start with the 8-byte signature). Needs 29 bytes (through IHDR's
 * interlace byte); throws 'truncated-image' with fewer, 'corrupt-image' when IHDR is missing or declares
 * an impossible size, colour type or bit depth. `animated` is true when an `acTL` chunk comes before the
 * first IDAT within `bytes`. No side effects.
 */
export function readPngHeader(bytes: Uint8Array): ImageHeader {
  const h = new HeaderBytes(bytes, 'PNG');
  h.need(8, 21);
  if (h.u32(8, false) !== 13 || h.ascii(12, 4) !== 'IHDR') {
    throw corruptError('PNG', 'the first chunk is not a 13-byte IHDR header', 8);
  }
  const width = h.u32(16, false);
  const height = h.u32(20, false);
  const bitDepth = h.u8(24);
  const colorType = h.u8(25);
  if (width === 0 || height === 0 || width > 0x7fffffff || height > 0x7fffffff) {
    throw corruptError('PNG', `IHDR declares an impossible size of ${width}x${height} pixels`, 16);
  }
  const depths = BIT_DEPTHS[colorType];
  if (!depths) throw corruptError('PNG', `IHDR declares colour type ${colorType} (valid: 0, 2, 3, 4, 6)`, 25);
  if (!depths.includes(bitDepth)) {
    throw corruptError('PNG', `IHDR declares bit depth ${bitDepth}, invalid for colour type ${colorType}`, 24);
  }
  return {
    format: 'png',
    width,
    height,
    bitDepth,
    colorType,
    colorModel: COLOR_MODELS[colorType],
    animated: hasAnimationControl(h),
    exifOrientation: 1,
  };
}

/** Walks chunk headers after IHDR until IDAT/IEND or the end of the bytes; true at an `acTL` chunk. */
function hasAnimationControl(h: HeaderBytes): boolean {
  let pos = AFTER_IHDR;
  while (pos + 8 <= h.length) {
    const length = h.u32(pos, false);
    const type = h.ascii(pos + 4, 4);
    if (type === 'acTL') return true;
    // APNG requires acTL before the first IDAT, so nothing after it can make the file animated.
    if (type === 'IDAT' || type === 'IEND' || length > 0x7fffffff) return false;
    pos += 12 + length;
  }
  return false;
}
