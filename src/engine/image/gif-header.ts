// Reads a GIF's logical screen size and counts image descriptors (frames) in the bytes given,
// skipping colour tables, extension blocks and LZW data by their lengths.
import { HeaderBytes, corruptError, hasBytes } from './header-bytes';
import type { ImageHeader } from './image-types';

const IMAGE_DESCRIPTOR = 0x2c;
const EXTENSION = 0x21;
const APPLICATION_LABEL = 0xff;

/**
 * Reads a GIF header from `bytes` (which start with "GIF87a" or "GIF89a"). Needs 13 bytes (signature +
 * logical screen descriptor). `animated` is true when a second image descriptor or a NETSCAPE2.0 looping
 * block appears within `bytes`; scanning stops quietly where the bytes end. No side effects.
 */
export function readGifHeader(bytes: Uint8Array): ImageHeader {
  const h = new HeaderBytes(bytes, 'GIF');
  const width = h.u16(6, true);
  const height = h.u16(8, true);
  const packed = h.u8(10);
  if (width === 0 || height === 0) throw corruptError('GIF', `the screen descriptor declares ${width}x${height} pixels`, 6);
  let frames = 0;
  let looping = false;
  let pos = 13 + colorTableBytes(packed);
  while (pos < bytes.length && frames < 2 && !looping) {
    const block = bytes[pos];
    if (block === IMAGE_DESCRIPTOR) {
      frames++;
      if (pos + 10 > bytes.length) break;
      // Descriptor (10 bytes), optional local colour table, LZW minimum code size (1 byte), data sub-blocks.
      pos = skipSubBlocks(bytes, pos + 10 + colorTableBytes(bytes[pos + 9]) + 1);
    } else if (block === EXTENSION) {
      const label = bytes[pos + 1];
      if (label === APPLICATION_LABEL && hasBytes(bytes, pos + 2, [11]) && hasBytes(bytes, pos + 3, 'NETSCAPE2.0')) {
        looping = true;
      }
      pos = skipSubBlocks(bytes, pos + 2);
    } else {
      // Trailer (0x3B) or bytes that are not a block: the decoder decides what they mean.
      break;
    }
  }
  return {
    format: 'gif',
    width,
    height,
    bitDepth: 8,
    colorType: 3,
    colorModel: 'palette',
    animated: frames >= 2 || looping,
    exifOrientation: 1,
  };
}

/** Size of the colour table announced by a packed field: 3 * 2^(n+1) bytes when its top bit is set. */
function colorTableBytes(packed: number): number {
  return packed & 0x80 ? 3 << ((packed & 0x07) + 1) : 0;
}

/** Position after a chain of sub-blocks (length byte + data) ending with a zero-length block. */
function skipSubBlocks(bytes: Uint8Array, pos: number): number {
  while (pos < bytes.length) {
    const size = bytes[pos];
    pos += 1 + size;
    if (size === 0) break;
  }
  return pos;
}
