// Tests for image header reading: formats, sizes, colour types, animation, EXIF orientation, and the
// refusals of reliability rows I1-I3, I5 and I6 (truncated, random bytes, huge declared size, SVG/HTML).
import { describe, expect, it } from 'vitest';
import { DataInputError } from '../../../src/engine/data/table-types';
import { readImageHeader } from '../../../src/engine/image/image-header';
import { checkPixelBudget } from '../../../src/engine/image/pixel-budget';
import { gifBytes, jpegHeader, pngHeader, textBytes, webpVp8, webpVp8l, webpVp8x } from './header-fixtures';

function errorOf(fn: () => unknown): DataInputError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DataInputError);
    return error as DataInputError;
  }
  throw new Error('expected a DataInputError');
}

describe('readImageHeader: PNG', () => {
  it('reads size, bit depth and colour type from IHDR (16-bit RGBA, 1-bit gray, palette)', () => {
    expect(readImageHeader(pngHeader({ width: 640, height: 480, bitDepth: 16, colorType: 6 }))).toEqual({
      format: 'png', width: 640, height: 480, bitDepth: 16, colorType: 6, colorModel: 'rgba', animated: false, exifOrientation: 1,
    });
    expect(readImageHeader(pngHeader({ width: 1, height: 70000, bitDepth: 1, colorType: 0 }))).toMatchObject({ width: 1, height: 70000, colorModel: 'gray' });
    expect(readImageHeader(pngHeader({ width: 3, height: 2, bitDepth: 4, colorType: 3 })).colorModel).toBe('palette');
  });

  it('detects APNG by an acTL chunk before IDAT, not after it', () => {
    expect(readImageHeader(pngHeader({ width: 8, height: 8, chunks: ['tEXt', 'acTL', 'IDAT'] })).animated).toBe(true);
    expect(readImageHeader(pngHeader({ width: 8, height: 8, chunks: ['IDAT', 'acTL'] })).animated).toBe(false);
  });

  it('refuses truncated and inconsistent headers', () => {
    const full = pngHeader({ width: 10, height: 10 });
    const cut = errorOf(() => readImageHeader(full.subarray(0, 20)));
    expect(cut.code).toBe('truncated-image');
    expect(cut.message).toMatch(/^Truncated PNG: header ends at byte 20/);
    expect(cut.byteOffset).toBe(20);
    expect(errorOf(() => readImageHeader(full.subarray(0, 5))).message).toMatch(/Truncated PNG: header ends at byte 5/);
    expect(errorOf(() => readImageHeader(pngHeader({ width: 0, height: 5 }))).code).toBe('corrupt-image');
    expect(errorOf(() => readImageHeader(pngHeader({ width: 5, height: 5, colorType: 5 }))).message).toMatch(/colour type 5/);
    expect(errorOf(() => readImageHeader(pngHeader({ width: 5, height: 5, colorType: 2, bitDepth: 4 }))).message).toMatch(/bit depth 4/);
    const noIhdr = full.slice();
    noIhdr[12] = 0x58; // "XHDR"
    expect(errorOf(() => readImageHeader(noIhdr)).message).toMatch(/IHDR/);
  });
});

describe('readImageHeader: JPEG', () => {
  it('walks markers to SOF0 and reports the component count (3 = colour, 4 = CMYK, 1 = gray)', () => {
    expect(readImageHeader(jpegHeader({ width: 300, height: 200 }))).toEqual({
      format: 'jpeg', width: 300, height: 200, bitDepth: 8, colorType: 3, colorModel: 'rgb', animated: false, exifOrientation: 1,
    });
    expect(readImageHeader(jpegHeader({ width: 5, height: 7, components: 4 }))).toMatchObject({ colorType: 4, colorModel: 'cmyk' });
    expect(readImageHeader(jpegHeader({ width: 5, height: 7, components: 1, sofMarker: 0xc2 }))).toMatchObject({ colorModel: 'gray', width: 5 });
  });

  it('skips DHT (C4), which lies in the SOF marker range', () => {
    const bytes = jpegHeader({ width: 9, height: 4 });
    const withDht = new Uint8Array([0xff, 0xd8, 0xff, 0xc4, 0x00, 0x04, 0x00, 0x00, 0xff, 0xff, ...bytes.subarray(2)]);
    expect(readImageHeader(withDht)).toMatchObject({ width: 9, height: 4 });
  });

  it('reads EXIF orientation in both byte orders', () => {
    for (const littleEndian of [false, true]) {
      for (const orientation of [1, 3, 6, 8]) {
        expect(readImageHeader(jpegHeader({ width: 4, height: 3, orientation, littleEndian })).exifOrientation).toBe(orientation);
      }
    }
    // Out-of-range values mean "as stored".
    expect(readImageHeader(jpegHeader({ width: 4, height: 3, orientation: 9 })).exifOrientation).toBe(1);
  });

  it('says where the bytes ran out when the frame header lies past them', () => {
    const bytes = jpegHeader({ width: 4, height: 3, filler: 1000 });
    expect(readImageHeader(bytes).width).toBe(4);
    const error = errorOf(() => readImageHeader(bytes.subarray(0, 500)));
    expect(error.code).toBe('truncated-image');
    expect(error.byteOffset).toBe(500);
    expect(error.message).toMatch(/Truncated JPEG/);
  });

  it('refuses a scan before any frame header and a zero size', () => {
    expect(errorOf(() => readImageHeader(new Uint8Array([0xff, 0xd8, 0xff, 0xda, 0, 2]))).code).toBe('corrupt-image');
    expect(errorOf(() => readImageHeader(jpegHeader({ width: 0, height: 3 }))).message).toMatch(/0x3/);
  });
});

describe('readImageHeader: GIF', () => {
  it('reads the logical screen and counts frames past colour tables and LZW data', () => {
    expect(readImageHeader(gifBytes({ width: 33, height: 17, frames: 1 }))).toEqual({
      format: 'gif', width: 33, height: 17, bitDepth: 8, colorType: 3, colorModel: 'palette', animated: false, exifOrientation: 1,
    });
    expect(readImageHeader(gifBytes({ width: 33, height: 17, frames: 2, version: '87a' })).animated).toBe(true);
    expect(readImageHeader(gifBytes({ width: 2, height: 2, frames: 1, netscape: true })).animated).toBe(true);
  });

  it('stops quietly where the bytes end', () => {
    const bytes = gifBytes({ width: 33, height: 17, frames: 2 });
    expect(readImageHeader(bytes.subarray(0, 30)).animated).toBe(false);
    expect(errorOf(() => readImageHeader(bytes.subarray(0, 9))).message).toMatch(/Truncated GIF: header ends at byte 9/);
  });
});

describe('readImageHeader: WebP', () => {
  it('reads lossy VP8 and lossless VP8L sizes', () => {
    expect(readImageHeader(webpVp8(320, 240))).toMatchObject({ format: 'webp', width: 320, height: 240, colorModel: 'rgb', animated: false });
    expect(readImageHeader(webpVp8l(16384, 1, true))).toMatchObject({ width: 16384, height: 1, colorModel: 'rgba', colorType: 4 });
    expect(readImageHeader(webpVp8l(7, 9, false))).toMatchObject({ width: 7, height: 9, colorModel: 'rgb' });
  });

  it('reads VP8X canvas size, animation and alpha flags, and an EXIF chunk', () => {
    expect(readImageHeader(webpVp8x({ width: 70000, height: 3, flags: 0x02 }))).toMatchObject({ width: 70000, height: 3, animated: true, colorModel: 'rgb' });
    expect(readImageHeader(webpVp8x({ width: 5, height: 6, flags: 0x10 }))).toMatchObject({ animated: false, colorModel: 'rgba' });
    expect(readImageHeader(webpVp8x({ width: 5, height: 6, flags: 0x08, exif: { orientation: 6 } })).exifOrientation).toBe(6);
    expect(readImageHeader(webpVp8x({ width: 5, height: 6, flags: 0x08, exif: { orientation: 8, prefix: true } })).exifOrientation).toBe(8);
    // Without the EXIF flag the chunk is not looked at.
    expect(readImageHeader(webpVp8x({ width: 5, height: 6, flags: 0, exif: { orientation: 6 } })).exifOrientation).toBe(1);
  });

  it('refuses other RIFF files and truncated WebP', () => {
    const wav = textBytes('RIFF\u0024\u0000\u0000\u0000WAVEfmt ');
    expect(errorOf(() => readImageHeader(wav)).message).toMatch(/RIFF container \(WAVE\)/);
    expect(errorOf(() => readImageHeader(webpVp8(10, 10).subarray(0, 25))).code).toBe('truncated-image');
  });
});

describe('readImageHeader: not images', () => {
  it('names SVG, HTML and XML text and says it is never rendered', () => {
    const svg = errorOf(() => readImageHeader(textBytes('\uFEFF  <?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"></svg>')));
    expect(svg.code).toBe('not-an-image');
    expect(svg.message).toMatch(/^This file is SVG text, not an image; images are never rendered/);
    expect(errorOf(() => readImageHeader(textBytes('<!DOCTYPE html><html><body>404</body></html>'))).message).toMatch(/HTML text/);
    expect(errorOf(() => readImageHeader(textBytes('<?xml version="1.0"?><note/>'))).message).toMatch(/XML text/);
  });

  it('lists the first bytes of unknown data, and names known non-image formats', () => {
    const random = errorOf(() => readImageHeader(new Uint8Array([0x12, 0x34, 0xab, 0xcd, 0, 1, 2, 3, 4, 5])));
    expect(random.code).toBe('not-an-image');
    expect(random.message).toMatch(/^Not a PNG\/JPEG\/WebP\/GIF image \(first bytes 12 34 AB CD 00 01 02 03\)/);
    expect(errorOf(() => readImageHeader(textBytes('BM\u0000\u0000\u0000\u0000'))).message).toMatch(/BMP image/);
    expect(errorOf(() => readImageHeader(textBytes('\u0000\u0000\u0000\u0018ftypheic'))).message).toMatch(/HEIC/);
    expect(errorOf(() => readImageHeader(new Uint8Array(0))).code).toBe('empty-file');
  });
});

describe('checkPixelBudget', () => {
  it('refuses a PNG declaring 20000x20000 from its header alone', () => {
    const header = readImageHeader(pngHeader({ width: 20000, height: 20000 }));
    const error = errorOf(() => checkPixelBudget(header));
    expect(error.code).toBe('image-too-large');
    expect(error.message).toMatch(/20000x20000 pixels \(400 megapixels, 1,600 MB once decoded\)/);
  });

  it('accepts sizes at the limits and refuses one pixel or one side more', () => {
    expect(() => checkPixelBudget({ width: 8000, height: 5000 })).not.toThrow();
    expect(errorOf(() => checkPixelBudget({ width: 8001, height: 5000 })).code).toBe('image-too-large');
    expect(() => checkPixelBudget({ width: 16384, height: 2 })).not.toThrow();
    expect(errorOf(() => checkPixelBudget({ width: 16385, height: 2 })).message).toMatch(/longer than 16384/);
    expect(errorOf(() => checkPixelBudget({ width: 100, height: 100 }, { maxPixels: 9999 })).code).toBe('image-too-large');
    expect(() => checkPixelBudget({ width: 100, height: 100 }, { maxPixels: 0 })).toThrow(RangeError);
  });
});
