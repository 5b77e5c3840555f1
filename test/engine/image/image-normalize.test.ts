// Tests for per-channel statistics fitted on training images and for unit/standardize scaling.
import { describe, expect, it } from 'vitest';
import { MIN_CHANNEL_STD, fitChannelStats, normalizePixels } from '../../../src/engine/image/image-normalize';
import type { ImageTensorData } from '../../../src/engine/image/image-types';

const a: ImageTensorData = { width: 2, height: 1, channels: 1, data: new Uint8Array([0, 255]) };
const b: ImageTensorData = { width: 1, height: 2, channels: 1, data: new Uint8Array([255, 255]) };

describe('fitChannelStats', () => {
  it('computes mean and population std of x/255 over all images', () => {
    // Values 0, 1, 1, 1: mean 0.75, variance 0.75 - 0.5625 = 0.1875.
    const stats = fitChannelStats([a, b]);
    expect(stats.pixelCount).toBe(4);
    expect(stats.mean[0]).toBeCloseTo(0.75, 12);
    expect(stats.std[0]).toBeCloseTo(Math.sqrt(0.1875), 12);
  });

  it('keeps channels apart, floors a constant channel, and accepts any iterable', () => {
    const rgb: ImageTensorData = { width: 2, height: 1, channels: 3, data: new Uint8Array([51, 0, 7, 102, 255, 7]) };
    function* once() {
      yield rgb;
    }
    const stats = fitChannelStats(once());
    expect(stats.mean.map((m) => m * 255)).toEqual([expect.closeTo(76.5, 9), expect.closeTo(127.5, 9), expect.closeTo(7, 9)]);
    expect(stats.std[0] * 255).toBeCloseTo(25.5, 9);
    expect(stats.std[2]).toBe(MIN_CHANNEL_STD);
  });

  it('rejects no images and mixed channel counts', () => {
    expect(() => fitChannelStats([])).toThrow(/at least one/);
    expect(() => fitChannelStats([a, { width: 1, height: 1, channels: 3, data: new Uint8Array(3) }])).toThrow(/same channel count/);
  });
});

describe('normalizePixels', () => {
  it('unit mode divides by 255', () => {
    expect(Array.from(normalizePixels(a, { mode: 'unit' }))).toEqual([0, 1]);
  });

  it('standardize mode uses the fitted stats', () => {
    const stats = fitChannelStats([a, b]);
    const out = normalizePixels(a, { mode: 'standardize', stats });
    expect(out[0]).toBeCloseTo(-0.75 / Math.sqrt(0.1875), 5);
    expect(out[1]).toBeCloseTo(0.25 / Math.sqrt(0.1875), 5);
  });

  it('refuses stats with another channel count', () => {
    const stats = { mean: [0.5, 0.5, 0.5], std: [1, 1, 1], pixelCount: 1 };
    expect(() => normalizePixels(a, { mode: 'standardize', stats })).toThrow(/3 channels but the image has 1/);
  });
});
