// Bilinear sampling of an HWC pixel array at fractional coordinates, with a choice of what lies
// outside the image. Shared by resizing and by geometric augmentation (one resampling routine).

/** What a sample outside the image reads: a constant, the nearest edge pixel, or the mirrored image. */
export type FillMode = 'constant' | 'edge' | 'reflect';

/** Any HWC array of samples: Uint8Array pixels or Float32Array augmentation buffers. */
export interface SampleGrid {
  width: number;
  height: number;
  channels: number;
  data: ArrayLike<number>;
}

// Coordinates this close to an integer are snapped to it, so 90-degree turns and flips computed with
// sin/cos copy pixels exactly instead of blending in 1e-16 of a neighbour.
const SNAP = 1e-9;

function snap(v: number): number {
  const r = Math.round(v);
  return Math.abs(v - r) < SNAP ? r : v;
}

/** Index of column/row `i` in a side of length `n` under `mode`; -1 means "use the constant". */
function mapIndex(i: number, n: number, mode: FillMode): number {
  if (i >= 0 && i < n) return i;
  if (mode === 'constant') return -1;
  if (mode === 'edge') return i < 0 ? 0 : n - 1;
  // Mirror including the edge pixel (d c b a | a b c d | d c b a), period 2n.
  const period = 2 * n;
  const m = ((i % period) + period) % period;
  return m < n ? m : period - 1 - m;
}

/**
 * Writes the `channels` bilinear samples of `src` at (x, y) into `out[offset ..]`. Pixel centres sit at
 * integer coordinates: (0, 0) is the first pixel's centre. Taps outside the image follow `fill`
 * (`fillValue` for 'constant'). Mutates `out` only.
 */
export function sampleBilinear(
  src: SampleGrid,
  x: number,
  y: number,
  out: { [index: number]: number },
  offset: number,
  fill: FillMode,
  fillValue: number,
): void {
  const { width, height, channels, data } = src;
  x = snap(x);
  y = snap(y);
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const fx = x - x0;
  const fy = y - y0;
  const cols = [mapIndex(x0, width, fill), mapIndex(x0 + 1, width, fill)];
  const rows = [mapIndex(y0, height, fill), mapIndex(y0 + 1, height, fill)];
  const weights = [(1 - fx) * (1 - fy), fx * (1 - fy), (1 - fx) * fy, fx * fy];
  for (let c = 0; c < channels; c++) {
    let sum = 0;
    for (let t = 0; t < 4; t++) {
      const w = weights[t];
      if (w === 0) continue;
      const col = cols[t & 1];
      const row = rows[t >> 1];
      sum += w * (col < 0 || row < 0 ? fillValue : data[(row * width + col) * channels + c]);
    }
    out[offset + c] = sum;
  }
}
