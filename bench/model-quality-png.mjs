// A small PNG decoder for the quality benchmark in Node (the app decodes with the browser's canvas):
// 8-bit grayscale, non-interlaced PNGs such as the bundled digits, IDAT inflated with node:zlib.
import { inflateSync } from 'node:zlib';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The Paeth predictor of the PNG spec (section 9.4): the neighbour closest to a + b - c. */
function paeth(a, b, c) {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/**
 * Decode an 8-bit grayscale (colour type 0), non-interlaced PNG into { width, height, pixels }, pixels
 * row-major bytes. Throws for other colour types, bit depths, interlacing or damaged data, so that
 * importImages skips such a file with the reason instead of storing wrong pixels.
 */
export function decodeGrayPng(bytes) {
  if (!SIGNATURE.every((b, i) => bytes[i] === b)) throw new Error('not a PNG (bad signature)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let width = 0;
  let height = 0;
  const idat = [];
  for (let at = 8; at + 8 <= bytes.length;) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    const data = bytes.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = view.getUint32(at + 8);
      height = view.getUint32(at + 12);
      const [depth, colorType, , , interlace] = data.subarray(8, 13);
      if (depth !== 8 || colorType !== 0 || interlace !== 0) {
        throw new Error(`only 8-bit grayscale non-interlaced PNGs are decoded here (depth ${depth}, colour type ${colorType}, interlace ${interlace})`);
      }
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    at += 12 + length; // length, type, data, CRC
  }
  if (width === 0 || idat.length === 0) throw new Error('PNG without IHDR or IDAT');
  const raw = inflateSync(Buffer.concat(idat));
  if (raw.length !== height * (width + 1)) throw new Error(`PNG data holds ${raw.length} bytes, expected ${height * (width + 1)}`);
  const pixels = new Uint8Array(width * height);
  for (let y = 0; y < height; y += 1) {
    const filter = raw[y * (width + 1)];
    const line = raw.subarray(y * (width + 1) + 1, (y + 1) * (width + 1));
    const out = y * width;
    for (let x = 0; x < width; x += 1) {
      // One byte per pixel: the left neighbour is x - 1, the one above is the previous output row.
      const a = x > 0 ? pixels[out + x - 1] : 0;
      const b = y > 0 ? pixels[out - width + x] : 0;
      const c = x > 0 && y > 0 ? pixels[out - width + x - 1] : 0;
      const predicted = filter === 0 ? 0 : filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1 : filter === 4 ? paeth(a, b, c) : -1;
      if (predicted < 0) throw new Error(`unknown PNG filter type ${filter} in row ${y}`);
      pixels[out + x] = (line[x] + predicted) & 0xff;
    }
  }
  return { width, height, pixels };
}

/**
 * An ImageDecoder for the engine's importImages: decodes the PNG and returns its bytes when the image
 * already has the stored shape (grayscale, width × height); resizing is the browser decoder's job and not done here.
 */
export async function decodeForImport(bytes, header, shape) {
  const image = decodeGrayPng(bytes);
  if (shape.channels !== 1 || image.width !== shape.width || image.height !== shape.height) {
    throw new Error(`the bench decoder stores ${image.width}×${image.height} grayscale images as they are, not as ${shape.width}×${shape.height}×${shape.channels}`);
  }
  return image.pixels;
}
