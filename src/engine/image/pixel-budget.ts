// Refuses images whose declared size would make the browser's decoder allocate too much memory,
// before any decoding (a 1.5 MB PNG declaring 20000x20000 decodes into 1.6 GB of RGBA).
import { DataInputError } from '../data/table-types';
import type { ImageHeader } from './image-types';

export interface PixelBudget {
  /** Largest width * height accepted. Default 40,000,000 (40 megapixels, 160 MB as decoded RGBA). */
  maxPixels?: number;
  /** Largest width or height accepted. Default 16384, the side limit of canvases in current browsers. */
  maxSide?: number;
}

export const DEFAULT_MAX_PIXELS = 40_000_000;
export const DEFAULT_MAX_SIDE = 16_384;

function formatMegapixels(pixels: number): string {
  return `${(pixels / 1e6).toFixed(pixels < 1e7 ? 1 : 0)} megapixels`;
}

/**
 * Throws DataInputError('image-too-large') when the header's declared size exceeds the budget, naming
 * the size, the memory a decode would need (4 bytes per pixel) and the limit. Returns normally otherwise.
 * Throws RangeError for a budget that is not a positive number. No side effects.
 */
export function checkPixelBudget(header: Pick<ImageHeader, 'width' | 'height'>, budget: PixelBudget = {}): void {
  const maxPixels = budget.maxPixels ?? DEFAULT_MAX_PIXELS;
  const maxSide = budget.maxSide ?? DEFAULT_MAX_SIDE;
  if (!(maxPixels > 0) || !(maxSide > 0)) {
    throw new RangeError(`Pixel budget limits must be positive numbers, got maxPixels ${maxPixels} and maxSide ${maxSide}.`);
  }
  const { width, height } = header;
  const pixels = width * height;
  const size = `${width}x${height}`;
  const memory = `${Math.ceil((pixels * 4) / 1e6).toLocaleString('en-US')} MB`;
  if (pixels > maxPixels) {
    throw new DataInputError(
      'image-too-large',
      `This image declares ${size} pixels (${formatMegapixels(pixels)}, ${memory} once decoded), more than the limit of ` +
        `${formatMegapixels(maxPixels)}. It was not decoded. Scale it down in an image editor and import it again.`,
    );
  }
  if (width > maxSide || height > maxSide) {
    throw new DataInputError(
      'image-too-large',
      `This image declares ${size} pixels; a side longer than ${maxSide} pixels cannot be decoded in the browser. ` +
        'It was not decoded. Scale it down in an image editor and import it again.',
    );
  }
}
