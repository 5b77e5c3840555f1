// Reads the EXIF orientation tag (0x0112) from a TIFF structure, the payload of a JPEG APP1 "Exif"
// segment or a WebP EXIF chunk. Tolerant: broken metadata means "as stored" (1), never an error.

const ORIENTATION_TAG = 0x0112;
const TYPE_SHORT = 3;

/**
 * Returns the orientation 1-8 found in IFD0 of the TIFF data at `bytes[start, end)`, or 1 when the
 * data is cut off, malformed, or has no valid orientation. Handles both byte orders ("II" little-endian,
 * "MM" big-endian). Offsets inside TIFF data count from `start`. No side effects.
 */
export function readTiffOrientation(bytes: Uint8Array, start: number, end: number): number {
  end = Math.min(end, bytes.length);
  if (end - start < 8) return 1;
  const b0 = bytes[start];
  const b1 = bytes[start + 1];
  let le: boolean;
  if (b0 === 0x49 && b1 === 0x49) le = true;
  else if (b0 === 0x4d && b1 === 0x4d) le = false;
  else return 1;
  const u16 = (at: number): number => {
    const p = start + at;
    if (p + 2 > end) return -1;
    return le ? bytes[p] | (bytes[p + 1] << 8) : (bytes[p] << 8) | bytes[p + 1];
  };
  const u32 = (at: number): number => {
    const hi = u16(le ? at + 2 : at);
    const lo = u16(le ? at : at + 2);
    return hi < 0 || lo < 0 ? -1 : hi * 65536 + lo;
  };
  if (u16(2) !== 42) return 1;
  const ifd = u32(4);
  const entries = ifd < 8 ? -1 : u16(ifd);
  for (let i = 0; i < entries; i++) {
    const entry = ifd + 2 + 12 * i;
    const tag = u16(entry);
    if (tag < 0) return 1;
    if (tag !== ORIENTATION_TAG) continue;
    // A SHORT with count 1 sits left-justified in the 4-byte value field, in the file's byte order.
    if (u16(entry + 2) !== TYPE_SHORT) return 1;
    const value = u16(entry + 8);
    return value >= 1 && value <= 8 ? value : 1;
  }
  return 1;
}
