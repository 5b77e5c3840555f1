// Draws the concrete parameters of one augmentation (flip or not, angle, shift, ...) from a spec and
// a seed. Each step has its own derived stream, so turning one step on or off leaves the others' draws alone.
import { createRandom, deriveSeed } from '../random';
import type { RandomSource } from '../random';
import type { ImageAugmentSpec, Range } from './image-augment-spec';

/** One augmentation, fully decided: applying it is deterministic (`applyAugmentParams`). */
export interface ImageAugmentParams {
  flipHorizontal: boolean;
  flipVertical: boolean;
  /** Anticlockwise, in degrees. */
  angleDegrees: number;
  /** Shift in whole pixels (positive = right / down). */
  shiftX: number;
  shiftY: number;
  /** Scale factor about the centre (1 = none). */
  zoom: number;
  /** Offset as a fraction of full scale (0 = none). */
  brightness: number;
  /** Factor on distances from each channel's mean (1 = none). */
  contrast: number;
  /** Noise standard deviation as a fraction of full scale, and the seed of its per-sample stream. */
  noiseStd: number;
  noiseSeed: number;
  /** Squares set to 0: top-left corner and side, in pixels, inside the image. */
  cutouts: { x: number; y: number; side: number }[];
}

/** Stream numbers for `deriveSeed`; fixed forever so a seed keeps meaning the same augmentation. */
const STREAM = { hflip: 1, vflip: 2, rotation: 3, translate: 4, zoom: 5, brightness: 6, contrast: 7, noise: 8, cutout: 9 } as const;

function uniformIn(random: RandomSource, range: Range): number {
  return range.min + (range.max - range.min) * random();
}

/**
 * Decides one augmentation of a width x height image under `spec` (assumed validated) from `seed`.
 * Steps absent from the spec get their neutral value. Pure: the same arguments give the same result.
 */
export function sampleAugmentParams(spec: ImageAugmentSpec, seed: number, width: number, height: number): ImageAugmentParams {
  const stream = (k: number): RandomSource => createRandom(deriveSeed(seed, k));
  const maybe = (probability: number | undefined, k: number): boolean => probability !== undefined && stream(k)() < probability;
  let shiftX = 0;
  let shiftY = 0;
  if (spec.translate) {
    const random = stream(STREAM.translate);
    const f = spec.translate.maxFraction;
    // Whole pixels keep a shifted image sharp (no interpolation blur from the shift itself).
    shiftX = Math.round((2 * random() - 1) * f * width);
    shiftY = Math.round((2 * random() - 1) * f * height);
  }
  const cutouts: ImageAugmentParams['cutouts'] = [];
  if (spec.cutout) {
    const random = stream(STREAM.cutout);
    const side = Math.max(1, Math.min(Math.min(width, height), Math.round(spec.cutout.size * Math.min(width, height))));
    for (let i = 0; i < spec.cutout.count; i++) {
      const x = Math.min(width - side, Math.floor(random() * (width - side + 1)));
      const y = Math.min(height - side, Math.floor(random() * (height - side + 1)));
      cutouts.push({ x, y, side });
    }
  }
  return {
    flipHorizontal: maybe(spec.horizontalFlip?.probability, STREAM.hflip),
    flipVertical: maybe(spec.verticalFlip?.probability, STREAM.vflip),
    angleDegrees: spec.rotation ? (2 * stream(STREAM.rotation)() - 1) * spec.rotation.maxDegrees : 0,
    shiftX,
    shiftY,
    zoom: spec.zoom ? uniformIn(stream(STREAM.zoom), spec.zoom) : 1,
    brightness: spec.brightness ? uniformIn(stream(STREAM.brightness), spec.brightness) : 0,
    contrast: spec.contrast ? uniformIn(stream(STREAM.contrast), spec.contrast) : 1,
    noiseStd: spec.noise?.std ?? 0,
    noiseSeed: deriveSeed(seed, STREAM.noise),
    cutouts,
  };
}
