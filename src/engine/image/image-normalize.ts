// Pixel scaling for model input: x/255 ('unit') or per-channel standardization with mean/std fitted
// on the training images only, so validation and test images see the same transform.
import { checkImageTensor } from './image-types';
import type { ImageTensorData } from './image-types';

/** Per-channel statistics of pixel values in unit scale (x/255), from `fitChannelStats`. */
export interface ChannelStats {
  mean: number[];
  /** Population standard deviation, floored at 1/255 so a constant channel cannot blow values up. */
  std: number[];
  /** Pixels counted (per channel). */
  pixelCount: number;
}

export type NormalizeOptions = { mode: 'unit' } | { mode: 'standardize'; stats: ChannelStats };

/** Smallest std used: one gray level, so a channel constant in training stays bounded later. */
export const MIN_CHANNEL_STD = 1 / 255;

/**
 * Accumulates per-channel mean and std of x/255 over `images` (all with the same channel count) in one
 * pass, with float64 sums. Throws RangeError for no images or mixed channel counts. Reads only.
 */
export function fitChannelStats(images: Iterable<ImageTensorData>): ChannelStats {
  let channels = 0;
  let sums: Float64Array = new Float64Array(0);
  let squares: Float64Array = new Float64Array(0);
  let pixelCount = 0;
  for (const img of images) {
    checkImageTensor(img);
    if (channels === 0) {
      channels = img.channels;
      sums = new Float64Array(channels);
      squares = new Float64Array(channels);
    } else if (img.channels !== channels) {
      throw new RangeError(`All images must have the same channel count; found ${channels} and ${img.channels}.`);
    }
    const { data } = img;
    for (let i = 0; i < data.length; i += channels) {
      for (let c = 0; c < channels; c++) {
        const v = data[i + c] / 255;
        sums[c] += v;
        squares[c] += v * v;
      }
    }
    pixelCount += img.width * img.height;
  }
  if (pixelCount === 0) throw new RangeError('fitChannelStats needs at least one training image.');
  const mean = Array.from(sums, (s) => s / pixelCount);
  const std = Array.from(squares, (q, c) => Math.max(MIN_CHANNEL_STD, Math.sqrt(Math.max(0, q / pixelCount - mean[c] ** 2))));
  return { mean, std, pixelCount };
}

/**
 * Returns the pixels as float32 in HWC order: 'unit' gives x/255 in [0, 1]; 'standardize' gives
 * (x/255 - mean[c]) / std[c] with stats from the training images. Throws RangeError when the stats' channel
 * count differs from the image's. `img` is unchanged.
 */
export function normalizePixels(img: ImageTensorData, options: NormalizeOptions): Float32Array {
  checkImageTensor(img);
  const { data, channels } = img;
  const out = new Float32Array(data.length);
  if (options.mode === 'unit') {
    for (let i = 0; i < data.length; i++) out[i] = data[i] / 255;
    return out;
  }
  if (options.mode !== 'standardize') throw new RangeError(`Unknown normalization mode "${String((options as { mode: unknown }).mode)}".`);
  const { mean, std } = options.stats;
  if (mean.length !== channels || std.length !== channels) {
    throw new RangeError(`Channel stats have ${mean.length} channels but the image has ${channels}; fit them on images like this one.`);
  }
  for (let i = 0; i < data.length; i++) {
    const c = i % channels;
    out[i] = (data[i] / 255 - mean[c]) / std[c];
  }
  return out;
}
