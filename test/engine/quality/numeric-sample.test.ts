// Tests for the reservoir sample, type-7 quantiles and the histogram bin rule, against hand-computed values.
import { describe, expect, it } from 'vitest';
import {
  computeQuantile,
  computeQuantiles,
  countHistogram,
  histogramBin,
  Reservoir,
} from '../../../src/engine/quality/numeric-sample';

describe('computeQuantiles (linear interpolation, type 7)', () => {
  it('matches hand-computed quantiles of 1..10', () => {
    // h = 9p: p5 -> h = 0.45 -> 1 + 0.45; p25 -> h = 2.25 -> 3.25; p50 -> 4.5 -> 5.5; p95 -> 8.55 -> 9.55.
    const q = computeQuantiles(Float64Array.from({ length: 10 }, (_, i) => i + 1));
    expect(q.p0).toBe(1);
    expect(q.p5).toBeCloseTo(1.45, 12);
    expect(q.p25).toBeCloseTo(3.25, 12);
    expect(q.p50).toBeCloseTo(5.5, 12);
    expect(q.p75).toBeCloseTo(7.75, 12);
    expect(q.p95).toBeCloseTo(9.55, 12);
    expect(q.p100).toBe(10);
  });

  it('handles one and two values and rejects bad levels', () => {
    expect(computeQuantiles([7])).toEqual({ p0: 7, p5: 7, p25: 7, p50: 7, p75: 7, p95: 7, p100: 7 });
    expect(computeQuantile([0, 10], 0.25)).toBeCloseTo(2.5, 12);
    expect(computeQuantile([], 0.5)).toBeNaN();
    expect(() => computeQuantile([1], 1.5)).toThrow(RangeError);
    expect(() => computeQuantile([1], NaN)).toThrow(RangeError);
  });
});

describe('histogram bins', () => {
  it('puts values in equal-width bins with max in the last bin', () => {
    // 0..9 over [0, 9] in 3 bins of width 3: {0,1,2} {3,4,5} {6,7,8,9}.
    const h = countHistogram([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 0, 9, 3, true);
    expect(h).toEqual({ min: 0, max: 9, counts: [3, 3, 4], exact: true });
    expect(histogramBin(-1, 0, 9, 3)).toBe(0);
    expect(histogramBin(99, 0, 9, 3)).toBe(2);
  });

  it('uses a single bin for a constant column', () => {
    expect(countHistogram([4, 4, 4], 4, 4, 20, true).counts).toEqual([3]);
  });
});

describe('Reservoir', () => {
  it('keeps everything, in order, while the stream fits', () => {
    const r = new Reservoir(5, 1);
    for (const x of [5, 3, 9]) r.add(x);
    expect(r.size).toBe(3);
    expect(Array.from(r.sorted())).toEqual([3, 5, 9]);
  });

  it('never exceeds its capacity on 300k values and samples uniformly', () => {
    const r = new Reservoir(100_000, 7);
    for (let i = 0; i < 300_000; i++) r.add(i);
    expect(r.seen).toBe(300_000);
    expect(r.size).toBe(100_000);
    const s = r.sorted();
    expect(s.length).toBe(100_000);
    // Distinct inputs, so a valid sample has no repeats; its mean is near 149 999.5
    // (sample-mean sd ≈ 86 600 / sqrt(1e5) · sqrt(2/3) ≈ 224, so 2000 is ~9 sd).
    let sum = 0;
    let repeats = 0;
    for (let i = 0; i < s.length; i++) {
      if (i > 0 && s[i] <= s[i - 1]) repeats++;
      sum += s[i];
    }
    expect(repeats).toBe(0);
    expect(Math.abs(sum / s.length - 149_999.5)).toBeLessThan(2000);
    // A third of the sample should come from each third of the stream.
    const firstThird = s.filter((x) => x < 100_000).length;
    expect(Math.abs(firstThird - 33_333)).toBeLessThan(1000);
  });

  it('is reproducible for a seed and differs across seeds', () => {
    const run = (seed: number) => {
      const r = new Reservoir(10, seed);
      for (let i = 0; i < 1000; i++) r.add(i);
      return Array.from(r.sorted());
    };
    expect(run(3)).toEqual(run(3));
    expect(run(3)).not.toEqual(run(4));
  });

  it('rejects a bad capacity', () => {
    expect(() => new Reservoir(0, 1)).toThrow(RangeError);
    expect(() => new Reservoir(2.5, 1)).toThrow(RangeError);
  });
});
