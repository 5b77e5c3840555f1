// Tests for RGBA import (compositing on white, BT.601 gray) and the eight EXIF orientations,
// each checked against a 2x3 image turned by hand.
import { describe, expect, it } from 'vitest';
import { applyExifOrientation, fromRgba, orientedSize } from '../../../src/engine/image/image-pixels';
import type { ImageTensorData } from '../../../src/engine/image/image-types';

function gray(width: number, height: number, values: number[]): ImageTensorData {
  return { width, height, channels: 1, data: new Uint8Array(values) };
}

describe('fromRgba', () => {
  it('composites alpha on white and keeps opaque colours', () => {
    const rgba = new Uint8Array([255, 0, 0, 128, 10, 20, 30, 255, 0, 0, 0, 0]);
    const img = fromRgba(rgba, 3, 1, 3);
    // Half-transparent red on white: g = b = 255 * 127 / 255 = 127; fully transparent -> white.
    expect(Array.from(img.data)).toEqual([255, 127, 127, 10, 20, 30, 255, 255, 255]);
    expect(img).toMatchObject({ width: 3, height: 1, channels: 3 });
  });

  it('converts to gray with BT.601 luma', () => {
    const img = fromRgba(new Uint8Array([200, 100, 50, 255, 0, 0, 255, 255]), 1, 2, 1);
    // 0.299*200 + 0.587*100 + 0.114*50 = 124.2; pure blue: 0.114*255 = 29.07.
    expect(Array.from(img.data)).toEqual([124, 29]);
  });

  it('rejects a wrong length or channel count', () => {
    expect(() => fromRgba(new Uint8Array(7), 1, 2, 3)).toThrow(/needs 8 bytes/);
    expect(() => fromRgba(new Uint8Array(8), 1, 2, 4 as 3)).toThrow(/1 or 3/);
    expect(() => fromRgba(new Uint8Array(0), 0, 2, 3)).toThrow(RangeError);
  });
});

describe('applyExifOrientation', () => {
  // Stored 2 wide, 3 high:  1 2 / 3 4 / 5 6
  const stored = gray(2, 3, [1, 2, 3, 4, 5, 6]);
  const expected: Record<number, [number, number, number[]]> = {
    1: [2, 3, [1, 2, 3, 4, 5, 6]],
    2: [2, 3, [2, 1, 4, 3, 6, 5]], // mirrored left-right
    3: [2, 3, [6, 5, 4, 3, 2, 1]], // turned 180
    4: [2, 3, [5, 6, 3, 4, 1, 2]], // mirrored top-bottom
    5: [3, 2, [1, 3, 5, 2, 4, 6]], // transposed
    6: [3, 2, [5, 3, 1, 6, 4, 2]], // turned 90 clockwise
    7: [3, 2, [6, 4, 2, 5, 3, 1]], // transverse
    8: [3, 2, [2, 4, 6, 1, 3, 5]], // turned 90 anticlockwise
  };
  for (const [orientation, [w, h, values]] of Object.entries(expected)) {
    it(`orientation ${orientation} matches the hand-turned image`, () => {
      const out = applyExifOrientation(stored, Number(orientation));
      expect(out).toEqual({ width: w, height: h, channels: 1, data: new Uint8Array(values) });
    });
  }

  it('keeps RGB triples together, undoes 6 with 8, and leaves the input unchanged', () => {
    const rgb: ImageTensorData = { width: 2, height: 1, channels: 3, data: new Uint8Array([1, 2, 3, 4, 5, 6]) };
    expect(Array.from(applyExifOrientation(rgb, 6).data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(applyExifOrientation(rgb, 6)).toMatchObject({ width: 1, height: 2 });
    expect(Array.from(applyExifOrientation(rgb, 3).data)).toEqual([4, 5, 6, 1, 2, 3]);
    expect(applyExifOrientation(applyExifOrientation(stored, 6), 8)).toEqual(stored);
    expect(Array.from(stored.data)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('orientedSize swaps the sides for 5-8 only, like the turned images', () => {
    for (const [orientation, [w, h]] of Object.entries(expected)) expect(orientedSize(2, 3, Number(orientation))).toEqual({ width: w, height: h });
    expect(orientedSize(2, 3, 0)).toEqual({ width: 2, height: 3 });
  });

  it('rejects orientations outside 1-8 and malformed images', () => {
    expect(() => applyExifOrientation(stored, 0)).toThrow(/1-8/);
    expect(() => applyExifOrientation(stored, 2.5)).toThrow(/1-8/);
    expect(() => applyExifOrientation(gray(2, 2, [1, 2, 3]), 1)).toThrow(/4 bytes/);
  });
});
