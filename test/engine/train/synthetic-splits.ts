// Seeded synthetic EncodedSplits for the trainer tests: Gaussian-ish blobs and a noisy linear target.
import { createRandom } from '../../../src/engine/random';
import type { EncodedSplit } from '../../../src/engine/data/prepare-types';

/** `k` blobs in `d` dimensions, centres 3 apart, uniform noise of width 1. y = class index. */
export function blobs(n: number, k = 3, d = 4, seed = 1): EncodedSplit {
  const random = createRandom(seed);
  const x = new Float32Array(n * d);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i += 1) {
    const c = i % k;
    y[i] = c;
    for (let j = 0; j < d; j += 1) x[i * d + j] = (j % k === c ? 3 : 0) + random() - 0.5;
  }
  return { x, y, n, featureCount: d };
}

/** y = 2 x0 - x1 + 0.5 x2 + small noise. */
export function linear(n: number, seed = 2): EncodedSplit {
  const random = createRandom(seed);
  const d = 3;
  const x = new Float32Array(n * d);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i += 1) {
    for (let j = 0; j < d; j += 1) x[i * d + j] = random() * 2 - 1;
    y[i] = 2 * x[i * d] - x[i * d + 1] + 0.5 * x[i * d + 2] + (random() - 0.5) * 0.05;
  }
  return { x, y, n, featureCount: d };
}
