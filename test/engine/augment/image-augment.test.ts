// Tests for image augmentation with known answers: flips, a 90-degree turn, brightness, cutout
// pixel counts, identity, seeding, shape keeping, batch handling and spec validation.
import { describe, expect, it } from 'vitest';
import { applyAugmentParams, augmentBatch, augmentImage } from '../../../src/engine/augment/image-augment';
import { sampleAugmentParams } from '../../../src/engine/augment/image-augment-params';
import type { ImageAugmentParams } from '../../../src/engine/augment/image-augment-params';
import { IMAGE_AUGMENTATIONS, validateImageAugmentSpec } from '../../../src/engine/augment/image-augment-spec';
import type { ImageAugmentSpec } from '../../../src/engine/augment/image-augment-spec';
import type { ImageTensorData } from '../../../src/engine/image/image-types';
import { createRandom, deriveSeed } from '../../../src/engine/random';

const NEUTRAL: ImageAugmentParams = {
  flipHorizontal: false, flipVertical: false, angleDegrees: 0, shiftX: 0, shiftY: 0, zoom: 1,
  brightness: 0, contrast: 1, noiseStd: 0, noiseSeed: 0, cutouts: [],
};
const BYTES = { fullScale: 255, clamp: true };

function gray(width: number, height: number, values: number[]) {
  return { width, height, channels: 1 as const, data: Float32Array.from(values) };
}

function randomImage(width: number, height: number, channels: 1 | 3, seed: number): ImageTensorData {
  const random = createRandom(seed);
  return { width, height, channels, data: Uint8Array.from({ length: width * height * channels }, () => Math.floor(random() * 256)) };
}

describe('applyAugmentParams (fixed parameters)', () => {
  it('mirrors a 2x2 image left-right and top-bottom', () => {
    const img = gray(2, 2, [1, 2, 3, 4]);
    expect(Array.from(applyAugmentParams(img, { ...NEUTRAL, flipHorizontal: true }, {}, BYTES))).toEqual([2, 1, 4, 3]);
    expect(Array.from(applyAugmentParams(img, { ...NEUTRAL, flipVertical: true }, {}, BYTES))).toEqual([3, 4, 1, 2]);
  });

  it('turns a 3x3 image 90 degrees anticlockwise exactly like a hand rotation', () => {
    const img = gray(3, 3, [1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(Array.from(applyAugmentParams(img, { ...NEUTRAL, angleDegrees: 90 }, {}, BYTES))).toEqual([3, 6, 9, 2, 5, 8, 1, 4, 7]);
    expect(Array.from(applyAugmentParams(img, { ...NEUTRAL, angleDegrees: -90 }, {}, BYTES))).toEqual([7, 4, 1, 8, 5, 2, 9, 6, 3]);
  });

  it('shifts by whole pixels and fills the border by the fill mode', () => {
    const img = gray(3, 1, [10, 20, 30]);
    const shifted = { ...NEUTRAL, shiftX: 1 };
    expect(Array.from(applyAugmentParams(img, shifted, {}, BYTES))).toEqual([0, 10, 20]);
    expect(Array.from(applyAugmentParams(img, shifted, { fill: { mode: 'constant', value: 0.2 } }, BYTES))).toEqual([51, 10, 20]);
    expect(Array.from(applyAugmentParams(img, shifted, { fill: { mode: 'edge', value: 0 } }, BYTES))).toEqual([10, 10, 20]);
    expect(Array.from(applyAugmentParams(img, { ...NEUTRAL, shiftX: -2 }, { fill: { mode: 'reflect', value: 0 } }, BYTES))).toEqual([30, 30, 20]);
  });

  it('zooms in by 2 about the centre with bilinear samples', () => {
    // Output x maps to source 1.5 + (x - 1.5) / 2: 0.75, 1.25, 1.75, 2.25 on the row 0 10 20 30.
    const img = gray(4, 1, [0, 10, 20, 30]);
    expect(Array.from(applyAugmentParams(img, { ...NEUTRAL, zoom: 2 }, {}, BYTES))).toEqual([7.5, 12.5, 17.5, 22.5]);
  });

  it('applies contrast about each channel mean and clamps', () => {
    const img = gray(2, 1, [100, 200]);
    expect(Array.from(applyAugmentParams(img, { ...NEUTRAL, contrast: 2 }, {}, BYTES))).toEqual([50, 250]);
    expect(Array.from(applyAugmentParams(img, { ...NEUTRAL, contrast: 4 }, {}, BYTES))).toEqual([0, 255]);
  });
});

describe('augmentImage', () => {
  it('adds brightness +0.1 of full scale to a constant image', () => {
    const img: ImageTensorData = { width: 4, height: 3, channels: 3, data: new Uint8Array(36).fill(100) };
    const out = augmentImage(img, { brightness: { min: 0.1, max: 0.1 } }, 7);
    // 100 + 0.1 * 255 = 125.5, rounded half up.
    expect(Array.from(out.data)).toEqual(new Array(36).fill(126));
    const batch = augmentBatch(new Float32Array(12).fill(0.4), [1, 2, 2, 3], { brightness: { min: 0.1, max: 0.1 } }, 7);
    for (const v of batch) expect(v).toBeCloseTo(0.5, 6);
  });

  it('cutout zeroes exactly size^2 pixels per square', () => {
    const img: ImageTensorData = { width: 10, height: 8, channels: 3, data: new Uint8Array(240).fill(200) };
    for (const seed of [1, 2, 3, 4, 5]) {
      const out = augmentImage(img, { cutout: { size: 0.5, count: 1 } }, seed);
      // Side = round(0.5 * 8) = 4: 16 pixels, 48 samples.
      expect(out.data.filter((v) => v === 0).length).toBe(48);
      expect(out.data.filter((v) => v === 200).length).toBe(240 - 48);
    }
    const params = sampleAugmentParams({ cutout: { size: 0.25, count: 3 } }, 9, 10, 8);
    expect(params.cutouts).toHaveLength(3);
    for (const c of params.cutouts) expect(c.side).toBe(2);
  });

  it('returns identical bytes for an empty spec and for steps that never fire', () => {
    const img = randomImage(7, 5, 3, 11);
    expect(augmentImage(img, {}, 3)).toEqual(img);
    const off: ImageAugmentSpec = { horizontalFlip: { probability: 0 }, rotation: { maxDegrees: 0 }, noise: { std: 0 }, cutout: { size: 0.3, count: 0 } };
    expect(augmentImage(img, off, 3)).toEqual(img);
  });

  it('is deterministic for a seed, differs across seeds, and keeps the shape', () => {
    const img = randomImage(12, 9, 3, 21);
    const spec: ImageAugmentSpec = { ...Object.fromEntries(Object.entries(IMAGE_AUGMENTATIONS).map(([k, e]) => [k, e.defaults])) };
    const a = augmentImage(img, spec, 42);
    expect(augmentImage(img, spec, 42)).toEqual(a);
    expect(augmentImage(img, spec, 43).data).not.toEqual(a.data);
    expect(a).toMatchObject({ width: 12, height: 9, channels: 3 });
    expect(a.data.length).toBe(img.data.length);
  });

  it('keeps each step\'s draws when another step is switched on', () => {
    const withFlip = sampleAugmentParams({ horizontalFlip: { probability: 0.5 }, rotation: { maxDegrees: 30 } }, 5, 8, 8);
    const withNoise = sampleAugmentParams({ horizontalFlip: { probability: 0.5 }, rotation: { maxDegrees: 30 }, noise: { std: 0.1 } }, 5, 8, 8);
    expect(withNoise.flipHorizontal).toBe(withFlip.flipHorizontal);
    expect(withNoise.angleDegrees).toBe(withFlip.angleDegrees);
  });

  it('flips about half the time with probability 0.5', () => {
    let flips = 0;
    for (let seed = 0; seed < 400; seed++) if (sampleAugmentParams({ horizontalFlip: { probability: 0.5 } }, seed, 4, 4).flipHorizontal) flips++;
    expect(flips).toBeGreaterThan(160);
    expect(flips).toBeLessThan(240);
  });

  it('adds noise with the requested standard deviation', () => {
    const img: ImageTensorData = { width: 50, height: 40, channels: 1, data: new Uint8Array(2000).fill(128) };
    const out = augmentImage(img, { noise: { std: 0.04 } }, 1);
    const values = Array.from(out.data, (v) => v - 128);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const std = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
    expect(Math.abs(mean)).toBeLessThan(0.6);
    expect(std).toBeGreaterThan(0.04 * 255 * 0.9);
    expect(std).toBeLessThan(0.04 * 255 * 1.1);
  });
});

describe('augmentBatch', () => {
  it('augments each image with its own derived seed and matches augmentImage on bytes', () => {
    const a = randomImage(5, 4, 3, 1);
    const b = randomImage(5, 4, 3, 2);
    const batch = Float32Array.from([...a.data, ...b.data]);
    const spec: ImageAugmentSpec = { rotation: { maxDegrees: 30 }, noise: { std: 0.02 } };
    const out = augmentBatch(batch, [2, 4, 5, 3], spec, 9, { fullScale: 255 });
    // Same float path as augmentImage, which only rounds at the end.
    expect(Array.from(out.subarray(0, 60), Math.round)).toEqual(Array.from(augmentImage(a, spec, deriveSeed(9, 0)).data));
    expect(Array.from(out.subarray(60), Math.round)).toEqual(Array.from(augmentImage(b, spec, deriveSeed(9, 1)).data));
    expect(Array.from(out.subarray(60), Math.round)).not.toEqual(Array.from(augmentImage(b, spec, deriveSeed(9, 0)).data));
    expect(Array.from(batch.subarray(0, 60))).toEqual(Array.from(a.data));
  });

  it('does not clamp when asked not to, and rejects a wrong shape', () => {
    const out = augmentBatch(Float32Array.from([-1.5, 2.5]), [1, 1, 2, 1], { brightness: { min: 0.5, max: 0.5 } }, 1, { clamp: false });
    expect(Array.from(out)).toEqual([-1, 3]);
    expect(() => augmentBatch(new Float32Array(5), [1, 2, 2, 1], {}, 1)).toThrow(/has 4 values, got 5/);
    expect(() => augmentBatch(new Float32Array(0), [0, 0, 2, 1], {}, 1)).toThrow(/Batch shape/);
  });
});

describe('validateImageAugmentSpec', () => {
  it('accepts every registry default and names bad fields', () => {
    for (const [name, entry] of Object.entries(IMAGE_AUGMENTATIONS)) {
      expect(() => validateImageAugmentSpec({ [name]: entry.defaults })).not.toThrow();
      expect(entry.label.length).toBeGreaterThan(0);
    }
    expect(() => validateImageAugmentSpec({ horizontalFlip: { probability: 1.5 } })).toThrow(/"horizontalFlip": probability/);
    expect(() => validateImageAugmentSpec({ zoom: { min: 0, max: 1 } })).toThrow(/"zoom": min must be above 0/);
    expect(() => validateImageAugmentSpec({ brightness: { min: 0.2, max: 0.1 } })).toThrow(/min <= max/);
    expect(() => validateImageAugmentSpec({ cutout: { size: 0.5, count: 1.5 } })).toThrow(/count/);
    expect(() => validateImageAugmentSpec({ fill: { mode: 'wrap' as 'edge', value: 0 } })).toThrow(/mode/);
    expect(() => augmentImage({ width: 1, height: 1, channels: 1, data: new Uint8Array(1) }, { noise: { std: -1 } }, 1)).toThrow(/"noise"/);
  });
});
