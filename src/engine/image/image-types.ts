// Plain-data shapes for images in the engine: what a file's header declares, and decoded pixels.
// Both are structured-cloneable; pixels travel between workers as one transferable Uint8Array.

/** The four formats the app reads (what `createImageBitmap` decodes in every supported browser). */
export type ImageFormat = 'png' | 'jpeg' | 'webp' | 'gif';

/** How the stored samples are laid out, independent of the format's own numbering. */
export type ImageColorModel = 'gray' | 'gray-alpha' | 'rgb' | 'rgba' | 'palette' | 'cmyk' | 'unknown';

/**
 * What an image file's first bytes declare, read without decoding any pixels (`readImageHeader`).
 * Deterministic handling of the unusual cases (reliability row I6) once decoded in a worker:
 * the first frame of an animation is used, 16-bit PNGs become 8 bits, CMYK JPEGs are converted by
 * the browser's decoder, and `exifOrientation` is applied exactly once (see `applyExifOrientation`).
 */
export interface ImageHeader {
  format: ImageFormat;
  /** Stored width and height in pixels, before any EXIF rotation. */
  width: number;
  height: number;
  /** Bits per sample where the header says it: PNG 1/2/4/8/16, JPEG precision 8/12/16, GIF and WebP 8. */
  bitDepth: number;
  /**
   * The format's own colour code: PNG colour type (0 gray, 2 RGB, 3 palette, 4 gray+alpha, 6 RGBA),
   * JPEG component count (1 gray, 3 YCbCr/RGB, 4 CMYK/YCCK), GIF 3 (palette), WebP 3 or 4 (RGB, RGBA).
   */
  colorType: number;
  colorModel: ImageColorModel;
  /** True when the header shows more than one frame: APNG `acTL`, WebP `ANIM` flag, GIF with two image
   * descriptors (or a NETSCAPE looping block) inside the bytes read. False says "not seen", not "proven still". */
  animated: boolean;
  /** EXIF orientation 1-8 (1 = as stored; also when absent or invalid). JPEG APP1 and WebP EXIF chunk. */
  exifOrientation: number;
}

/** Decoded pixels, row-major HWC: sample (y, x, c) is `data[(y * width + x) * channels + c]`, 0-255. */
export interface ImageTensorData {
  width: number;
  height: number;
  /** 1 = grayscale, 3 = RGB. Alpha is composited away on import (`fromRgba`). */
  channels: 1 | 3;
  data: Uint8Array;
}

/**
 * Throws a RangeError unless `img` is a well-formed ImageTensorData (positive integer sides,
 * 1 or 3 channels, `data.length === width * height * channels`). `what` names it in the message.
 */
export function checkImageTensor(img: ImageTensorData, what = 'The image'): void {
  const { width, height, channels, data } = img;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`${what} must have positive integer width and height, got ${width}x${height}.`);
  }
  if (channels !== 1 && channels !== 3) throw new RangeError(`${what} must have 1 or 3 channels, got ${String(channels)}.`);
  if (!(data instanceof Uint8Array) || data.length !== width * height * channels) {
    throw new RangeError(
      `${what} data must be a Uint8Array of ${width}x${height}x${channels} = ${width * height * channels} bytes, got ${data?.length}.`,
    );
  }
}
