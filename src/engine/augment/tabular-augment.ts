// Training-time augmentation for tabular batches: Gaussian noise on standardized features and mixup
// (convex combinations of row pairs and their one-hot labels). Row-major float32 in, new arrays out.
import { createRandom, deriveSeed, shuffleInPlace } from '../random';
import { sampleBeta, sampleNormal } from './sampling';

function checkMatrix(values: Float32Array, rows: number, cols: number, what: string): void {
  if (!Number.isInteger(rows) || rows < 0 || !Number.isInteger(cols) || cols < 1) {
    throw new RangeError(`${what}: row and column counts must be whole numbers (columns >= 1), got ${rows} x ${cols}.`);
  }
  if (values.length !== rows * cols) throw new RangeError(`${what} of ${rows} x ${cols} needs ${rows * cols} values, got ${values.length}.`);
}

/**
 * Returns `x` (n rows x featureCount, row-major, standardized so std 1 is one typical spread) plus
 * independent N(0, std^2) noise, drawn from `seed`. With `columns`, only those feature indices get noise
 * (leave one-hot or binary columns out). Throws RangeError for bad sizes, std < 0 or a column out of range.
 */
export function addFeatureNoise(x: Float32Array, n: number, featureCount: number, std: number, seed: number, columns?: readonly number[]): Float32Array {
  checkMatrix(x, n, featureCount, 'Features');
  if (!(std >= 0) || !Number.isFinite(std)) throw new RangeError(`Noise std must be a finite number >= 0, got ${std}.`);
  const targets = columns ?? Array.from({ length: featureCount }, (_, j) => j);
  for (const j of targets) {
    if (!Number.isInteger(j) || j < 0 || j >= featureCount) throw new RangeError(`Noise column ${j} is outside 0..${featureCount - 1}.`);
  }
  const out = x.slice();
  if (std === 0) return out;
  const random = createRandom(seed);
  for (let i = 0; i < n; i++) {
    for (const j of targets) out[i * featureCount + j] += std * sampleNormal(random);
  }
  return out;
}

export interface MixupResult {
  /** Mixed features, n x featureCount. */
  x: Float32Array;
  /** Mixed labels, n x classCount; each row still sums to 1. */
  y: Float32Array;
  /** Per-row weight of the row itself: row i = lambda_i * row i + (1 - lambda_i) * row partners[i]. */
  lambdas: Float64Array;
  /** Per-row partner index (a seeded shuffle of 0..n-1, so a row may be its own partner). */
  partners: Int32Array;
}

/**
 * Mixup (Zhang et al., 2018): pairs each row with a row of a seeded shuffle and mixes features and
 * one-hot labels with lambda ~ Beta(alpha, alpha), drawn per row. Small alpha (0.2) keeps most rows
 * close to an original; alpha = 1 mixes uniformly. Returns new arrays; the inputs are unchanged.
 * Throws RangeError for bad sizes or alpha <= 0.
 */
export function mixupBatch(
  x: Float32Array,
  yOneHot: Float32Array,
  n: number,
  featureCount: number,
  classCount: number,
  alpha: number,
  seed: number,
): MixupResult {
  checkMatrix(x, n, featureCount, 'Features');
  checkMatrix(yOneHot, n, classCount, 'One-hot labels');
  if (!(alpha > 0) || !Number.isFinite(alpha)) throw new RangeError(`Mixup alpha must be a positive number, got ${alpha}; 0.2 is a common choice.`);
  const partners = shuffleInPlace(Int32Array.from({ length: n }, (_, i) => i), createRandom(deriveSeed(seed, 1)));
  const random = createRandom(deriveSeed(seed, 2));
  const lambdas = new Float64Array(n);
  const mixedX = new Float32Array(x.length);
  const mixedY = new Float32Array(yOneHot.length);
  const mixRow = (from: Float32Array, to: Float32Array, width: number, i: number, lambda: number) => {
    const a = i * width;
    const b = partners[i] * width;
    for (let j = 0; j < width; j++) to[a + j] = lambda * from[a + j] + (1 - lambda) * from[b + j];
  };
  for (let i = 0; i < n; i++) {
    const lambda = sampleBeta(random, alpha, alpha);
    lambdas[i] = lambda;
    mixRow(x, mixedX, featureCount, i, lambda);
    mixRow(yOneHot, mixedY, classCount, i, lambda);
  }
  return { x: mixedX, y: mixedY, lambdas, partners };
}
