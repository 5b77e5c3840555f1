// Tests for fit geometry (pad, crop, stretch rectangles) and the pure bilinear resize.
import { describe, expect, it } from 'vitest';
import { fitGeometry, resizeImage } from '../../../src/engine/image/image-resize';
import type { ImageTensorData } from '../../../src/engine/image/image-types';

describe('fitGeometry', () => {
  it('stretch maps the whole source onto the whole target', () => {
    expect(fitGeometry(200, 100, 50, 50, 'stretch')).toEqual({
      source: { x: 0, y: 0, width: 200, height: 100 },
      destination: { x: 0, y: 0, width: 50, height: 50 },
    });
  });

  it('crop reads a centred source square from a wide image', () => {
    expect(fitGeometry(200, 100, 50, 50, 'crop')).toEqual({
      source: { x: 50, y: 0, width: 100, height: 100 },
      destination: { x: 0, y: 0, width: 50, height: 50 },
    });
    // Tall source into a wide target: full width, a band of 300 * 2/4 = 150 rows centred.
    expect(fitGeometry(300, 600, 40, 20, 'crop').source).toEqual({ x: 0, y: 225, width: 300, height: 150 });
  });

  it('pad centres the whole image with whole-pixel bars', () => {
    expect(fitGeometry(200, 100, 50, 50, 'pad')).toEqual({
      source: { x: 0, y: 0, width: 200, height: 100 },
      destination: { x: 0, y: 12, width: 50, height: 25 },
    });
    expect(fitGeometry(10, 10, 7, 4, 'pad').destination).toEqual({ x: 1, y: 0, width: 4, height: 4 });
  });

  it('rejects bad sizes and modes', () => {
    expect(() => fitGeometry(0, 10, 5, 5, 'pad')).toThrow(/Source width/);
    expect(() => fitGeometry(10, 10, 5, 1.5, 'pad')).toThrow(/Target height/);
    expect(() => fitGeometry(10, 10, 5, 5, 'zoom' as 'pad')).toThrow(/Unknown fit mode/);
  });
});

describe('resizeImage', () => {
  const twoByTwo: ImageTensorData = { width: 2, height: 2, channels: 1, data: new Uint8Array([0, 100, 0, 100]) };

  it('upsamples 2x2 to 4x4 with half-pixel centres (hand-computed row 0 25 75 100)', () => {
    const out = resizeImage(twoByTwo, 4, 4);
    expect(Array.from(out.data)).toEqual([0, 25, 75, 100, 0, 25, 75, 100, 0, 25, 75, 100, 0, 25, 75, 100]);
  });

  it('downsamples 4x1 to 2x1 by averaging pairs, and keeps same-size images identical', () => {
    const row: ImageTensorData = { width: 4, height: 1, channels: 1, data: new Uint8Array([10, 20, 100, 200]) };
    expect(Array.from(resizeImage(row, 2, 1).data)).toEqual([15, 150]);
    const rgb: ImageTensorData = { width: 3, height: 2, channels: 3, data: Uint8Array.from({ length: 18 }, (_, i) => i * 13) };
    expect(resizeImage(rgb, 3, 2, 'crop')).toEqual(rgb);
  });

  it('pads with the fill value outside the destination rectangle', () => {
    const wide: ImageTensorData = { width: 4, height: 2, channels: 1, data: new Uint8Array(8).fill(90) };
    // Default white, like a transparent canvas border composited on white by fromRgba.
    expect(Array.from(resizeImage(wide, 4, 4, 'pad').data)).toEqual([255, 255, 255, 255, 90, 90, 90, 90, 90, 90, 90, 90, 255, 255, 255, 255]);
    expect(Array.from(resizeImage(wide, 4, 4, 'pad', 0).data)).toEqual([0, 0, 0, 0, 90, 90, 90, 90, 90, 90, 90, 90, 0, 0, 0, 0]);
  });
});
