// Applies image augmentation: one bilinear resampling for all geometric steps, then brightness,
// contrast, noise, clamping and cutout. Works on bytes (augmentImage) and on float NHWC batches (augmentBatch).
import { sampleBilinear } from '../image/bilinear-sample';
import { checkImageTensor } from '../image/image-types';
import type { ImageTensorData } from '../image/image-types';
import { createRandom, deriveSeed } from '../random';
import { sampleAugmentParams } from './image-augment-params';
import type { ImageAugmentParams } from './image-augment-params';
import { IMAGE_AUGMENTATIONS, validateImageAugmentSpec } from './image-augment-spec';
import type { ImageAugmentSpec } from './image-augment-spec';
import { sampleNormal } from './sampling';

/** One HWC float image being augmented. */
export interface FloatImage {
  width: number;
  height: number;
  channels: number;
  data: Float32Array;
}

/** How sample values are scaled: `fullScale` is white (255 for bytes, 1 for unit floats); `clamp` keeps [0, fullScale]. */
export interface PixelScale {
  fullScale: number;
  clamp: boolean;
}

function isIdentityGeometry(p: ImageAugmentParams): boolean {
  return !p.flipHorizontal && !p.flipVertical && p.angleDegrees === 0 && p.shiftX === 0 && p.shiftY === 0 && p.zoom === 1;
}

/**
 * Resamples `img` under flips, rotation, zoom and shift (in that order, about the centre) by mapping
 * every output pixel back to the source: source = centre + F R^-1 (out - centre - shift) / zoom.
 */
function transformGeometry(img: FloatImage, p: ImageAugmentParams, spec: ImageAugmentSpec, scale: PixelScale): Float32Array {
  const { width, height, channels } = img;
  const fill = spec.fill ?? IMAGE_AUGMENTATIONS.fill.defaults;
  const theta = (p.angleDegrees * Math.PI) / 180;
  const cos = Math.cos(theta) / p.zoom;
  const sin = Math.sin(theta) / p.zoom;
  const fx = p.flipHorizontal ? -1 : 1;
  const fy = p.flipVertical ? -1 : 1;
  const cx = (width - 1) / 2;
  const cy = (height - 1) / 2;
  const out = new Float32Array(img.data.length);
  for (let y = 0; y < height; y++) {
    const v = y - cy - p.shiftY;
    for (let x = 0; x < width; x++) {
      const u = x - cx - p.shiftX;
      const sx = cx + fx * (u * cos - v * sin);
      const sy = cy + fy * (u * sin + v * cos);
      sampleBilinear(img, sx, sy, out, (y * width + x) * channels, fill.mode, fill.value * scale.fullScale);
    }
  }
  return out;
}

/**
 * Applies fully decided parameters to `img` and returns a new float HWC array (`img` is unchanged).
 * Order: geometry, brightness, contrast (per-channel mean), noise, clamp to [0, fullScale], cutout (to 0).
 */
export function applyAugmentParams(img: FloatImage, p: ImageAugmentParams, spec: ImageAugmentSpec, scale: PixelScale): Float32Array {
  const { channels } = img;
  const data = isIdentityGeometry(p) ? img.data.slice() : transformGeometry(img, p, spec, scale);
  if (p.brightness !== 0) {
    const delta = p.brightness * scale.fullScale;
    for (let i = 0; i < data.length; i++) data[i] += delta;
  }
  if (p.contrast !== 1) {
    const means = new Float64Array(channels);
    for (let i = 0; i < data.length; i++) means[i % channels] += data[i];
    for (let c = 0; c < channels; c++) means[c] /= data.length / channels;
    for (let i = 0; i < data.length; i++) data[i] = means[i % channels] + (data[i] - means[i % channels]) * p.contrast;
  }
  if (p.noiseStd > 0) {
    const random = createRandom(p.noiseSeed);
    const std = p.noiseStd * scale.fullScale;
    for (let i = 0; i < data.length; i++) data[i] += std * sampleNormal(random);
  }
  if (scale.clamp) {
    for (let i = 0; i < data.length; i++) data[i] = Math.min(scale.fullScale, Math.max(0, data[i]));
  }
  for (const { x, y, side } of p.cutouts) {
    for (let row = y; row < y + side; row++) {
      const start = (row * img.width + x) * channels;
      data.fill(0, start, start + side * channels);
    }
  }
  return data;
}

/**
 * Returns an augmented copy of `img` (same size and channels), deterministic for `seed`: the same seed
 * gives the same bytes. Values are rounded and kept in 0-255. An empty spec `{}` returns identical bytes.
 * Throws RangeError for a malformed image or spec.
 */
export function augmentImage(img: ImageTensorData, spec: ImageAugmentSpec, seed: number): ImageTensorData {
  checkImageTensor(img);
  validateImageAugmentSpec(spec);
  const params = sampleAugmentParams(spec, seed, img.width, img.height);
  const float = { width: img.width, height: img.height, channels: img.channels, data: Float32Array.from(img.data) };
  const out = applyAugmentParams(float, params, spec, { fullScale: 255, clamp: true });
  const data = new Uint8Array(out.length);
  for (let i = 0; i < out.length; i++) data[i] = Math.round(out[i]);
  return { width: img.width, height: img.height, channels: img.channels, data };
}

/**
 * Augments every image of a float NHWC `batch` with `shape` [n, height, width, channels] at training
 * time and returns a new array of the same shape; image i uses `deriveSeed(seed, i)` (derive `seed` per
 * step). Pixels are assumed in [0, fullScale] (default 1, i.e. x/255): augment before standardizing.
 * `clamp` (default true) keeps them there. Throws RangeError for a shape that does not match.
 */
export function augmentBatch(
  batch: Float32Array,
  shape: readonly [number, number, number, number],
  spec: ImageAugmentSpec,
  seed: number,
  options: Partial<PixelScale> = {},
): Float32Array {
  const [n, height, width, channels] = shape;
  if (!shape.every((d) => Number.isInteger(d) && d >= 0) || height < 1 || width < 1 || channels < 1) {
    throw new RangeError(`Batch shape must be [n, height, width, channels] of whole numbers, got [${shape.join(', ')}].`);
  }
  const size = height * width * channels;
  if (batch.length !== n * size) throw new RangeError(`A batch of shape [${shape.join(', ')}] has ${n * size} values, got ${batch.length}.`);
  validateImageAugmentSpec(spec);
  const scale: PixelScale = { fullScale: options.fullScale ?? 1, clamp: options.clamp ?? true };
  const out = new Float32Array(batch.length);
  for (let i = 0; i < n; i++) {
    const img = { width, height, channels, data: batch.subarray(i * size, (i + 1) * size) };
    const params = sampleAugmentParams(spec, deriveSeed(seed, i), width, height);
    out.set(applyAugmentParams(img, params, spec, scale), i * size);
  }
  return out;
}
