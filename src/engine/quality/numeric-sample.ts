// Bounded-memory numeric sample of one column (seeded reservoir sampling), quantiles with linear
// interpolation, and the equal-width histogram bin rule shared by both passes of the quality report.
import { createRandom, type RandomSource } from '../random';
import type { Histogram, Quantiles } from './quality-types';

/**
 * Keeps a uniform random sample of at most `capacity` numbers from a stream (Vitter's algorithm R):
 * the n-th value replaces a random slot with probability capacity/n. While the stream is no longer
 * than `capacity` the sample is the whole stream, in arrival order. Memory: 8 bytes per kept value,
 * grown by doubling, never more than `capacity` values.
 */
export class Reservoir {
  private values: Float64Array;
  private kept = 0;
  /** Values offered so far. */
  seen = 0;
  private readonly random: RandomSource;

  constructor(
    readonly capacity: number,
    seed: number,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`The reservoir size must be a positive integer, got ${capacity}.`);
    }
    this.values = new Float64Array(Math.min(capacity, 1024));
    this.random = createRandom(seed);
  }

  /** Offers one value; O(1) amortized. Draws from the seeded source only once the reservoir is full. */
  add(x: number): void {
    this.seen++;
    if (this.kept < this.capacity) {
      if (this.kept === this.values.length) {
        const grown = new Float64Array(Math.min(this.capacity, this.values.length * 2));
        grown.set(this.values);
        this.values = grown;
      }
      this.values[this.kept++] = x;
      return;
    }
    const j = Math.floor(this.random() * this.seen);
    if (j < this.capacity) this.values[j] = x;
  }

  /** Values kept (≤ capacity). */
  get size(): number {
    return this.kept;
  }

  /** A sorted copy of the kept values (ascending). */
  sorted(): Float64Array {
    return this.values.slice(0, this.kept).sort();
  }
}

/**
 * The p-quantile (0 ≤ p ≤ 1) of ascending `sorted` values by linear interpolation between closest
 * ranks (Hyndman & Fan type 7, the default of R and NumPy): h = (n-1)·p, q = x[⌊h⌋] + (h-⌊h⌋)·(x[⌊h⌋+1]-x[⌊h⌋]).
 * E.g. for 1..10: p25 = 3.25, p50 = 5.5, p95 = 9.55. NaN for an empty array.
 */
export function computeQuantile(sorted: ArrayLike<number>, p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`A quantile level must be in [0, 1], got ${p}.`);
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** The report's quantile set (p0, p5, p25, p50, p75, p95, p100) of ascending values. */
export function computeQuantiles(sorted: ArrayLike<number>): Quantiles {
  return {
    p0: computeQuantile(sorted, 0),
    p5: computeQuantile(sorted, 0.05),
    p25: computeQuantile(sorted, 0.25),
    p50: computeQuantile(sorted, 0.5),
    p75: computeQuantile(sorted, 0.75),
    p95: computeQuantile(sorted, 0.95),
    p100: computeQuantile(sorted, 1),
  };
}

/**
 * The bin of `x` among `bins` equal-width bins spanning [min, max]: ⌊(x-min)/(max-min)·bins⌋, with max
 * (and anything rounding past it) in the last bin. When min = max every value is in bin 0.
 */
export function histogramBin(x: number, min: number, max: number, bins: number): number {
  if (!(max > min)) return 0;
  const i = Math.floor(((x - min) / (max - min)) * bins);
  return i < 0 ? 0 : i >= bins ? bins - 1 : i;
}

/** An empty histogram over [min, max]: `bins` zero counts (one bin when min = max). */
export function createHistogram(min: number, max: number, bins: number, exact: boolean): Histogram {
  return { min, max, counts: new Array<number>(max > min ? bins : 1).fill(0), exact };
}

/** Counts `values` into a new histogram over [min, max]; `exact` says whether they are all the values. */
export function countHistogram(values: ArrayLike<number>, min: number, max: number, bins: number, exact: boolean): Histogram {
  const h = createHistogram(min, max, bins, exact);
  const n = h.counts.length;
  for (let i = 0; i < values.length; i++) h.counts[histogramBin(values[i], min, max, n)]++;
  return h;
}
