// Tests for the dHash: known hashes of gradients, robustness to brightness and resizing,
// distance between unrelated images, and hash validation.
import { describe, expect, it } from 'vitest';
import { hammingDistance, perceptualHash } from '../../../src/engine/image/perceptual-hash';
import { resizeImage } from '../../../src/engine/image/image-resize';
import type { ImageTensorData } from '../../../src/engine/image/image-types';
import { createRandom } from '../../../src/engine/random';

function paint(width: number, height: number, f: (x: number, y: number) => number): ImageTensorData {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = Math.max(0, Math.min(255, Math.round(f(x / width, y / height))));
      data.set([v, v, 255 - v], (y * width + x) * 3);
    }
  }
  return { width, height, channels: 3, data };
}

const scene = (x: number, y: number) => 128 + 70 * Math.sin(9 * x + 2 * y) + 40 * Math.cos(13 * y - 5 * x * x);

describe('perceptualHash', () => {
  it('gives all ones for a left-to-right darkening ramp and all zeros for a brightening one', () => {
    const darker: ImageTensorData = { width: 90, height: 8, channels: 1, data: Uint8Array.from({ length: 720 }, (_, i) => 250 - (i % 90) * 2) };
    const brighter: ImageTensorData = { ...darker, data: darker.data.map((v) => 255 - v) };
    expect(perceptualHash(darker)).toBe('ffffffffffffffff');
    expect(perceptualHash(brighter)).toBe('0000000000000000');
  });

  it('stays within a few bits after a brightness change or a resize', () => {
    const original = paint(64, 64, scene);
    const hash = perceptualHash(original);
    expect(hash).toMatch(/^[0-9a-f]{16}$/);
    const brighter = { ...original, data: original.data.map((v) => Math.min(255, v + 12)) };
    expect(hammingDistance(hash, perceptualHash(brighter))).toBeLessThanOrEqual(4);
    expect(hammingDistance(hash, perceptualHash(resizeImage(original, 45, 37)))).toBeLessThanOrEqual(4);
    expect(hammingDistance(hash, perceptualHash(paint(128, 96, scene)))).toBeLessThanOrEqual(4);
  });

  it('puts unrelated images far apart', () => {
    const random = createRandom(5);
    const noise: ImageTensorData = { width: 32, height: 32, channels: 1, data: Uint8Array.from({ length: 1024 }, () => Math.floor(random() * 256)) };
    const other = paint(64, 64, (x, y) => 128 + 100 * Math.cos(7 * y + 11 * x));
    const hash = perceptualHash(paint(64, 64, scene));
    expect(hammingDistance(hash, perceptualHash(noise))).toBeGreaterThanOrEqual(16);
    expect(hammingDistance(hash, perceptualHash(other))).toBeGreaterThanOrEqual(16);
  });
});

describe('hammingDistance', () => {
  it('counts differing bits and validates its inputs', () => {
    expect(hammingDistance('0000000000000000', 'ffffffffffffffff')).toBe(64);
    expect(hammingDistance('0123456789abcdef', '0123456789ABCDEF')).toBe(0);
    expect(hammingDistance('8000000000000001', '0000000000000000')).toBe(2);
    expect(() => hammingDistance('abc', '0000000000000000')).toThrow(/16 hex digits/);
  });
});
