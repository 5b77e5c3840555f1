// The image augmentation spec (typed data, all fields optional = off), its registry of labels,
// descriptions and defaults for the UI, and validation with messages that say what to change.
import type { FillMode } from '../image/bilinear-sample';

/** A closed range [min, max]; a draw is uniform in it. */
export interface Range {
  min: number;
  max: number;
}

/**
 * Which augmentations to apply and how strongly. Intensities are fractions of the full pixel scale
 * (255 for bytes, 1 for unit floats), so one spec serves `augmentImage` and `augmentBatch`.
 * Geometric steps (flips, rotation, shift, zoom) are combined into one bilinear resampling.
 */
export interface ImageAugmentSpec {
  /** Mirror left-right with this probability. */
  horizontalFlip?: { probability: number };
  /** Mirror top-bottom with this probability. */
  verticalFlip?: { probability: number };
  /** Turn about the centre by a uniform angle in [-maxDegrees, maxDegrees]; positive is anticlockwise. */
  rotation?: { maxDegrees: number };
  /** Shift (random crop with padding) by whole pixels, up to maxFraction of the width/height each way. */
  translate?: { maxFraction: number };
  /** Scale about the centre by a uniform factor in [min, max]; above 1 zooms in (crops), below 1 zooms out. */
  zoom?: Range;
  /** Add a uniform offset in [min, max] (fraction of full scale, e.g. 0.1 = +25.5 on bytes). */
  brightness?: Range;
  /** Scale distances from each channel's mean by a uniform factor in [min, max]. */
  contrast?: Range;
  /** Add independent Gaussian noise with this standard deviation (fraction of full scale) to every sample. */
  noise?: { std: number };
  /** Set `count` squares of side `size` x the shorter side to 0, placed uniformly inside the image. */
  cutout?: { size: number; count: number };
  /** What geometric steps show outside the source: a constant (`value`, fraction of full scale), the edge, or a mirror. */
  fill?: { mode: FillMode; value: number };
}

export type ImageAugmentName = keyof ImageAugmentSpec;

export interface AugmentRegistryEntry<K extends ImageAugmentName> {
  label: string;
  description: string;
  defaults: NonNullable<ImageAugmentSpec[K]>;
}

/** One entry per spec field, in the order the steps run; the UI renders its forms from this. */
export const IMAGE_AUGMENTATIONS: { [K in ImageAugmentName]: AugmentRegistryEntry<K> } = {
  horizontalFlip: { label: 'Horizontal flip', description: 'Mirror the image left-right at random. Fine for most photos; not for text or digits.', defaults: { probability: 0.5 } },
  verticalFlip: { label: 'Vertical flip', description: 'Mirror the image top-bottom at random. For aerial, microscope or texture images without an up.', defaults: { probability: 0.5 } },
  rotation: { label: 'Rotation', description: 'Turn the image by a random angle up to the maximum, either way.', defaults: { maxDegrees: 15 } },
  translate: { label: 'Random shift / crop', description: 'Move the image by up to this fraction of its size, filling the uncovered border.', defaults: { maxFraction: 0.1 } },
  zoom: { label: 'Zoom', description: 'Scale the image about its centre; above 1 crops in, below 1 shrinks it with a border.', defaults: { min: 0.9, max: 1.1 } },
  brightness: { label: 'Brightness', description: 'Add a random offset to every pixel, as a fraction of full white.', defaults: { min: -0.1, max: 0.1 } },
  contrast: { label: 'Contrast', description: 'Stretch or flatten differences from the average colour by a random factor.', defaults: { min: 0.8, max: 1.2 } },
  noise: { label: 'Gaussian noise', description: 'Add random noise to every pixel, with this standard deviation as a fraction of full white.', defaults: { std: 0.03 } },
  cutout: { label: 'Cutout', description: 'Black out random squares so the model cannot rely on one small region.', defaults: { size: 0.25, count: 1 } },
  fill: { label: 'Border fill', description: 'What rotation, shift and zoom show outside the picture: a constant gray, the nearest edge, or a mirror.', defaults: { mode: 'constant', value: 0 } },
};

function fail(field: string, message: string): never {
  throw new RangeError(`Image augmentation "${field}": ${message}`);
}

function checkRange(field: string, range: Range, lowest: number, exclusiveLow = false): void {
  const { min, max } = range;
  if (!Number.isFinite(min) || !Number.isFinite(max) || min > max) fail(field, `min and max must be finite with min <= max, got [${min}, ${max}].`);
  if (exclusiveLow ? min <= lowest : min < lowest) fail(field, `min must be ${exclusiveLow ? 'above' : 'at least'} ${lowest}, got ${min}.`);
}

/** Throws RangeError naming the field and the allowed values when `spec` has an impossible setting. */
export function validateImageAugmentSpec(spec: ImageAugmentSpec): void {
  for (const field of ['horizontalFlip', 'verticalFlip'] as const) {
    const p = spec[field]?.probability;
    if (p !== undefined && !(p >= 0 && p <= 1)) fail(field, `probability must be in [0, 1], got ${p}.`);
  }
  const deg = spec.rotation?.maxDegrees;
  if (deg !== undefined && !(deg >= 0 && deg <= 180)) fail('rotation', `maxDegrees must be in [0, 180], got ${deg}.`);
  const shift = spec.translate?.maxFraction;
  if (shift !== undefined && !(shift >= 0 && shift <= 1)) fail('translate', `maxFraction must be in [0, 1], got ${shift}.`);
  if (spec.zoom) checkRange('zoom', spec.zoom, 0, true);
  if (spec.brightness) checkRange('brightness', spec.brightness, -1);
  if (spec.contrast) checkRange('contrast', spec.contrast, 0);
  const std = spec.noise?.std;
  if (std !== undefined && !(std >= 0 && Number.isFinite(std))) fail('noise', `std must be a finite number >= 0, got ${std}.`);
  if (spec.cutout) {
    const { size, count } = spec.cutout;
    if (!(size > 0 && size <= 1)) fail('cutout', `size must be in (0, 1] (a fraction of the shorter side), got ${size}.`);
    if (!Number.isInteger(count) || count < 0) fail('cutout', `count must be a whole number >= 0, got ${count}.`);
  }
  if (spec.fill) {
    if (!['constant', 'edge', 'reflect'].includes(spec.fill.mode)) fail('fill', `mode must be 'constant', 'edge' or 'reflect', got "${spec.fill.mode}".`);
    if (!Number.isFinite(spec.fill.value)) fail('fill', `value must be a finite number, got ${spec.fill.value}.`);
  }
}
