// Turning decoded RGBA into the engine's pixel arrays (alpha composited on white, optional
// grayscale) and undoing EXIF orientation, all on plain Uint8Arrays in HWC order.
import { checkImageTensor } from './image-types';
import type { ImageTensorData } from './image-types';

/** ITU-R BT.601 luma weights, the usual RGB-to-gray conversion for 8-bit images. */
const LUMA = [0.299, 0.587, 0.114] as const;

/**
 * Converts RGBA bytes (as from `getImageData`, w * h * 4 bytes) into an image with `channels` 1 or 3.
 * Transparency is composited on white (c' = c * a/255 + 255 * (1 - a/255)), so transparent areas
 * look as they would on a page; gray is BT.601 luma of the composited colour. Values are rounded.
 * Returns a new image; throws RangeError for a wrong length or channel count.
 */
export function fromRgba(rgba: Uint8Array | Uint8ClampedArray, w: number, h: number, channels: 1 | 3): ImageTensorData {
  if (!Number.isInteger(w) || !Number.isInteger(h) || w < 1 || h < 1) throw new RangeError(`Image size must be positive integers, got ${w}x${h}.`);
  if (rgba.length !== w * h * 4) throw new RangeError(`RGBA data for ${w}x${h} needs ${w * h * 4} bytes, got ${rgba.length}.`);
  if (channels !== 1 && channels !== 3) throw new RangeError(`channels must be 1 or 3, got ${String(channels)}.`);
  const data = new Uint8Array(w * h * channels);
  for (let p = 0; p < w * h; p++) {
    const a = rgba[p * 4 + 3];
    const white = 255 * (255 - a);
    const r = (rgba[p * 4] * a + white) / 255;
    const g = (rgba[p * 4 + 1] * a + white) / 255;
    const b = (rgba[p * 4 + 2] * a + white) / 255;
    if (channels === 1) {
      data[p] = Math.round(LUMA[0] * r + LUMA[1] * g + LUMA[2] * b);
    } else {
      data[p * 3] = Math.round(r);
      data[p * 3 + 1] = Math.round(g);
      data[p * 3 + 2] = Math.round(b);
    }
  }
  return { width: w, height: h, channels, data };
}

/**
 * Returns the image as it should be displayed for EXIF `orientation` 1-8 (TIFF 6.0 tag 274):
 * 2 mirror left-right, 3 turn 180 degrees, 4 mirror top-bottom, 5 transpose, 6 turn 90 degrees clockwise,
 * 7 transverse (mirror on the anti-diagonal), 8 turn 90 degrees anticlockwise; 5-8 swap width and height.
 * `createImageBitmap` applies EXIF orientation by default ('from-image'); use this only on pixels decoded
 * with `imageOrientation: 'none'` (browsers before the 2023 rename read 'none' as 'from-image', so check
 * the decoded size against `orientedSize`). Returns a new image (a copy for 1); throws RangeError otherwise.
 */
export function applyExifOrientation(img: ImageTensorData, orientation: number): ImageTensorData {
  checkImageTensor(img);
  if (!Number.isInteger(orientation) || orientation < 1 || orientation > 8) {
    throw new RangeError(`EXIF orientation must be an integer 1-8, got ${orientation}.`);
  }
  const { width: W, height: H, channels } = img;
  const swap = orientation >= 5;
  const outW = swap ? H : W;
  const outH = swap ? W : H;
  // For each output pixel (x, y): the stored pixel it shows.
  const sourceOf: Record<number, (x: number, y: number) => [number, number]> = {
    1: (x, y) => [x, y],
    2: (x, y) => [W - 1 - x, y],
    3: (x, y) => [W - 1 - x, H - 1 - y],
    4: (x, y) => [x, H - 1 - y],
    5: (x, y) => [y, x],
    6: (x, y) => [y, H - 1 - x],
    7: (x, y) => [W - 1 - y, H - 1 - x],
    8: (x, y) => [W - 1 - y, x],
  };
  const map = sourceOf[orientation];
  const data = new Uint8Array(img.data.length);
  for (let y = 0; y < outH; y++) {
    for (let x = 0; x < outW; x++) {
      const [sx, sy] = map(x, y);
      const from = (sy * W + sx) * channels;
      data.set(img.data.subarray(from, from + channels), (y * outW + x) * channels);
    }
  }
  return { width: outW, height: outH, channels, data };
}

/** Displayed width and height of a stored width x height image under EXIF `orientation` (5-8 swap them). */
export function orientedSize(width: number, height: number, orientation: number): { width: number; height: number } {
  return orientation >= 5 && orientation <= 8 ? { width: height, height: width } : { width, height };
}
