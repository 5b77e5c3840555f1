// Plain number work behind the live monitoring charts: growable typed-array series, min/max decimation
// for drawing 100k points in a few thousand, exponential smoothing, learning-rate change detection and
// throughput from successive progress readings. No DOM, no Svelte: tested in Node.

/** An append-only series of (x, y) pairs in Float64Arrays that double when full (amortised O(1) append). */
export class GrowableSeries {
  private xs: Float64Array;
  private ys: Float64Array;
  length = 0;

  constructor(initialCapacity = 1024) {
    this.xs = new Float64Array(Math.max(1, initialCapacity));
    this.ys = new Float64Array(Math.max(1, initialCapacity));
  }

  /** Append one point; `x` should not decrease (charts draw x in order). NaN y is kept (a gap). */
  push(x: number, y: number): void {
    if (this.length === this.xs.length) {
      const grow = (a: Float64Array) => { const b = new Float64Array(a.length * 2); b.set(a); return b; };
      this.xs = grow(this.xs);
      this.ys = grow(this.ys);
    }
    this.xs[this.length] = x;
    this.ys[this.length] = y;
    this.length += 1;
  }

  /** Views of the filled part (no copy; valid until the next push that grows the buffers). */
  get x(): Float64Array { return this.xs.subarray(0, this.length); }
  get y(): Float64Array { return this.ys.subarray(0, this.length); }

  /** The last y, or undefined when empty. */
  last(): number | undefined { return this.length ? this.ys[this.length - 1] : undefined; }

  clear(): void { this.length = 0; }
}

/**
 * Indices of `values` to draw so that a line through them keeps the shape of the whole series when
 * `values.length` is far above the pixels available: the range is cut into `buckets` equal runs and each
 * run contributes its first, minimum, maximum and last point (in index order, duplicates once). So every
 * spike survives and the result has at most 4 × buckets indices, in increasing order. NaN values are
 * skipped for min/max but a run of only NaN keeps its first index (a gap stays a gap).
 * Returns all indices when the series is already short enough.
 */
export function decimateMinMax(values: ArrayLike<number>, buckets: number): Uint32Array {
  const n = values.length;
  if (!(buckets >= 1)) throw new RangeError(`decimateMinMax needs at least one bucket, got ${buckets}.`);
  if (n <= buckets * 4) return Uint32Array.from({ length: n }, (_, i) => i);
  const out = new Uint32Array(buckets * 4);
  let count = 0;
  const add = (i: number) => { if (count === 0 || out[count - 1] < i) out[count++] = i; };
  for (let b = 0; b < buckets; b += 1) {
    const start = Math.floor((b * n) / buckets);
    const end = Math.floor(((b + 1) * n) / buckets);
    let lo = -1, hi = -1;
    for (let i = start; i < end; i += 1) {
      const v = values[i];
      if (v !== v) continue; // NaN
      if (lo < 0 || v < values[lo]) lo = i;
      if (hi < 0 || v > values[hi]) hi = i;
    }
    add(start);
    if (lo >= 0 && hi >= 0) { add(Math.min(lo, hi)); add(Math.max(lo, hi)); }
    add(end - 1);
  }
  return out.slice(0, count);
}

/** `values` at `indices` as a plain array (uPlot's input); non-finite values become null (a gap). */
export function pickValues(values: ArrayLike<number>, indices: ArrayLike<number>): (number | null)[] {
  const out = new Array<number | null>(indices.length);
  for (let k = 0; k < indices.length; k += 1) {
    const v = values[indices[k]];
    out[k] = Number.isFinite(v) ? v : null;
  }
  return out;
}

/**
 * Exponential moving average with bias correction (as in Adam): s_t = w·s_{t-1} + (1-w)·v_t, shown as
 * s_t / (1 - w^t) so the start is not pulled towards 0. `weight` in [0, 1): 0 = no smoothing.
 * Non-finite values are passed over (the output there is NaN, the average carries on). Returns a new array.
 */
export function smoothEma(values: ArrayLike<number>, weight: number): Float64Array {
  if (!(weight >= 0 && weight < 1)) throw new RangeError(`Smoothing weight must be in [0, 1), got ${weight}.`);
  const out = new Float64Array(values.length);
  let s = 0, correction = 1;
  for (let i = 0; i < values.length; i += 1) {
    const v = values[i];
    if (!Number.isFinite(v)) { out[i] = NaN; continue; }
    s = weight * s + (1 - weight) * v;
    correction *= weight;
    out[i] = s / (1 - correction);
  }
  return out;
}

/**
 * Whether the learning rate moved from `previous` to `next` by more than `factor` (either way), i.e. a
 * step drop or reduce-on-plateau cut rather than a smooth warm-up or cosine glide between two readings.
 */
export function isLearningRateChange(previous: number, next: number, factor = 1.5): boolean {
  if (!(previous > 0) || !(next > 0)) return false;
  return next / previous > factor || previous / next > factor;
}

/** One progress reading: the optimizer step and the worker's elapsed training time in ms. */
export interface StepReading { step: number; elapsedMs: number }

/**
 * Samples per second between two readings: Δstep × batchSize / Δt. Undefined when time or the step did
 * not move forward (a resumed run restarts its clock; two readings in the same ms say nothing).
 */
export function samplesPerSecond(before: StepReading, after: StepReading, batchSize: number): number | undefined {
  const dt = after.elapsedMs - before.elapsedMs;
  const dStep = after.step - before.step;
  if (!(dt > 0) || !(dStep > 0) || !(batchSize > 0)) return undefined;
  return (dStep * batchSize * 1000) / dt;
}
