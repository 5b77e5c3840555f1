// A 64-bit difference hash (dHash) of an image for spotting near-duplicates (e.g. the same photo in
// train and test): gray, area-averaged down to 9x8, one bit per horizontally adjacent pair.
import { checkImageTensor } from './image-types';
import type { ImageTensorData } from './image-types';

const HASH_W = 9;
const HASH_H = 8;

/** Averages the (gray) image over a 9x8 grid of equal cells, weighting pixels cut by a cell edge by their overlap. */
function areaAverage(gray: Float64Array, width: number, height: number): Float64Array {
  const out = new Float64Array(HASH_W * HASH_H);
  const cellW = width / HASH_W;
  const cellH = height / HASH_H;
  for (let oy = 0; oy < HASH_H; oy++) {
    const top = oy * cellH;
    const bottom = top + cellH;
    for (let ox = 0; ox < HASH_W; ox++) {
      const left = ox * cellW;
      const right = left + cellW;
      let sum = 0;
      for (let y = Math.floor(top); y < Math.min(height, Math.ceil(bottom)); y++) {
        const wy = Math.min(bottom, y + 1) - Math.max(top, y);
        for (let x = Math.floor(left); x < Math.min(width, Math.ceil(right)); x++) {
          sum += wy * (Math.min(right, x + 1) - Math.max(left, x)) * gray[y * width + x];
        }
      }
      out[oy * HASH_W + ox] = sum / (cellW * cellH);
    }
  }
  return out;
}

/**
 * Computes the dHash of `img` as 16 lowercase hex digits: bit k (row-major over 8 rows x 8 pairs, first
 * bit most significant) is 1 when a cell is brighter than its right neighbour. Invariant to uniform
 * brightness shifts and to resizing; compare hashes with `hammingDistance` (0-64). Pure.
 */
export function perceptualHash(img: ImageTensorData): string {
  checkImageTensor(img);
  const { width, height, channels, data } = img;
  const gray = new Float64Array(width * height);
  for (let p = 0; p < gray.length; p++) {
    gray[p] = channels === 1 ? data[p] : 0.299 * data[p * 3] + 0.587 * data[p * 3 + 1] + 0.114 * data[p * 3 + 2];
  }
  const cells = areaAverage(gray, width, height);
  let hex = '';
  for (let nibble = 0; nibble < 16; nibble++) {
    let value = 0;
    for (let b = 0; b < 4; b++) {
      const bit = nibble * 4 + b;
      const row = Math.floor(bit / 8);
      const col = bit % 8;
      const i = row * HASH_W + col;
      value = (value << 1) | (cells[i] > cells[i + 1] ? 1 : 0);
    }
    hex += value.toString(16);
  }
  return hex;
}

/** Number of differing bits (0-64) between two 16-digit hex hashes. Throws RangeError for other strings. */
export function hammingDistance(a: string, b: string): number {
  for (const h of [a, b]) {
    if (!/^[0-9a-f]{16}$/i.test(h)) throw new RangeError(`A perceptual hash is 16 hex digits, got "${h}".`);
  }
  let distance = 0;
  for (let i = 0; i < 16; i++) {
    let x = parseInt(a[i], 16) ^ parseInt(b[i], 16);
    while (x) {
      distance += x & 1;
      x >>= 1;
    }
  }
  return distance;
}
