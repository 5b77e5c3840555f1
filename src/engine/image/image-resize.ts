// Fitting an image into a fixed model input size: the geometry (shared with the worker's canvas
// drawImage) and a pure bilinear resize for tests and augmentation.
import { sampleBilinear } from './bilinear-sample';
import { checkImageTensor } from './image-types';
import type { ImageTensorData } from './image-types';

/**
 * How an image of another aspect ratio fills the target: 'pad' keeps all of it and fills the bars,
 * 'crop' fills the target and cuts the excess (centred), 'stretch' distorts it to the target.
 */
export type FitMode = 'pad' | 'crop' | 'stretch';

/** A rectangle in pixels; source rectangles may be fractional, destination rectangles are whole. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where to read from the source and where to draw in the destination (`drawImage(src, ...source, ...destination)`). */
export interface FitGeometry {
  source: Rect;
  destination: Rect;
}

function checkSide(value: number, what: string): void {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${what} must be a positive integer, got ${value}.`);
}

/**
 * Computes the source and destination rectangles that fit a srcW x srcH image into dstW x dstH
 * under `mode`. 'pad' scales by the smaller ratio and centres the whole image (bars are whole pixels,
 * the extra pixel of an odd bar goes to the right/bottom); 'crop' scales by the larger ratio and reads a
 * centred (possibly fractional) source rectangle; 'stretch' maps whole onto whole. Pure.
 */
export function fitGeometry(srcW: number, srcH: number, dstW: number, dstH: number, mode: FitMode): FitGeometry {
  for (const [v, what] of [[srcW, 'Source width'], [srcH, 'Source height'], [dstW, 'Target width'], [dstH, 'Target height']] as const) {
    checkSide(v, what);
  }
  const whole = (w: number, h: number): Rect => ({ x: 0, y: 0, width: w, height: h });
  if (mode === 'stretch') return { source: whole(srcW, srcH), destination: whole(dstW, dstH) };
  if (mode === 'crop') {
    const scale = Math.max(dstW / srcW, dstH / srcH);
    const width = Math.min(srcW, dstW / scale);
    const height = Math.min(srcH, dstH / scale);
    return { source: { x: (srcW - width) / 2, y: (srcH - height) / 2, width, height }, destination: whole(dstW, dstH) };
  }
  if (mode === 'pad') {
    const scale = Math.min(dstW / srcW, dstH / srcH);
    const width = Math.min(dstW, Math.max(1, Math.round(srcW * scale)));
    const height = Math.min(dstH, Math.max(1, Math.round(srcH * scale)));
    const destination = { x: Math.floor((dstW - width) / 2), y: Math.floor((dstH - height) / 2), width, height };
    return { source: whole(srcW, srcH), destination };
  }
  throw new RangeError(`Unknown fit mode "${String(mode)}"; use 'pad', 'crop' or 'stretch'.`);
}

/**
 * Resizes `img` to dstW x dstH with bilinear interpolation (pixel centres aligned, edges clamped) after
 * `fitGeometry(mode)`. Pad bars get `fillValue` (0-255, default 255 = white: what a transparent canvas
 * border becomes after `fromRgba` composites it on white, so both paths agree). Strong downscaling aliases
 * (no area filter); the worker's canvas path is the one for import. Returns a new image; `img` is unchanged.
 */
export function resizeImage(img: ImageTensorData, dstW: number, dstH: number, mode: FitMode = 'stretch', fillValue = 255): ImageTensorData {
  checkImageTensor(img);
  const { source, destination } = fitGeometry(img.width, img.height, dstW, dstH, mode);
  const { channels } = img;
  const data = new Uint8Array(dstW * dstH * channels).fill(fillValue);
  const pixel = new Float64Array(channels);
  const scaleX = source.width / destination.width;
  const scaleY = source.height / destination.height;
  for (let dy = 0; dy < destination.height; dy++) {
    const sy = source.y + (dy + 0.5) * scaleY - 0.5;
    for (let dx = 0; dx < destination.width; dx++) {
      sampleBilinear(img, source.x + (dx + 0.5) * scaleX - 0.5, sy, pixel, 0, 'edge', 0);
      const o = ((destination.y + dy) * dstW + destination.x + dx) * channels;
      for (let c = 0; c < channels; c++) data[o + c] = Math.round(pixel[c]);
    }
  }
  return { width: dstW, height: dstH, channels, data };
}
