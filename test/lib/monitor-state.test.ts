// Tests for the live monitor's number work: typed-array series, min/max decimation of 100k points (fast,
// keeps every bucket's extremes), bias-corrected smoothing, learning-rate change detection, throughput,
// and the recorder that turns training events into series and markers.
import { describe, expect, it } from 'vitest';
import { decimateMinMax, GrowableSeries, isLearningRateChange, pickValues, samplesPerSecond, smoothEma } from '../../src/lib/monitor-series';
import { MonitorRecorder } from '../../src/lib/monitor-recorder';
import type { TrainEvent } from '../../workers/train-api';
import type { RunRecord } from '../../src/engine/storage/records';
import { createRandom } from '../../src/engine/random';

describe('GrowableSeries', () => {
  it('keeps every point in order across growth', () => {
    const s = new GrowableSeries(2);
    for (let i = 0; i < 1000; i += 1) s.push(i, i * i);
    expect(s.length).toBe(1000);
    expect(s.x[999]).toBe(999);
    expect(s.y[500]).toBe(250000);
    expect(s.last()).toBe(999 * 999);
    s.clear();
    expect(s.length).toBe(0);
    expect(s.last()).toBeUndefined();
  });
});

describe('decimateMinMax', () => {
  it('returns every index when the series is short', () => {
    expect(Array.from(decimateMinMax([3, 1, 2], 10))).toEqual([0, 1, 2]);
    expect(() => decimateMinMax([1], 0)).toThrow(RangeError);
  });

  it('draws 100k noisy points with at most 4 per bucket, keeping each bucket min and max, fast', () => {
    const n = 100_000, buckets = 1000;
    const next = createRandom(3);
    const values = new Float64Array(n);
    for (let i = 0; i < n; i += 1) values[i] = Math.exp(-i / 30_000) + 0.1 * (next() - 0.5);
    values[12_345] = 9; // a spike
    values[77_777] = -4; // a dip
    const t0 = performance.now();
    const idx = decimateMinMax(values, buckets);
    const ms = performance.now() - t0;
    expect(ms).toBeLessThan(50);
    expect(idx.length).toBeLessThanOrEqual(4 * buckets);
    expect(idx.length).toBeGreaterThanOrEqual(2 * buckets);
    for (let k = 1; k < idx.length; k += 1) expect(idx[k]).toBeGreaterThan(idx[k - 1]);
    expect(idx[0]).toBe(0);
    expect(idx[idx.length - 1]).toBe(n - 1);
    const kept = new Set(idx);
    expect(kept.has(12_345) && kept.has(77_777)).toBe(true);
    // Independent check: brute-force extremes of every bucket appear among the kept values of that bucket.
    for (let b = 0; b < buckets; b += 1) {
      const start = Math.floor((b * n) / buckets), end = Math.floor(((b + 1) * n) / buckets);
      let lo = Infinity, hi = -Infinity;
      for (let i = start; i < end; i += 1) { lo = Math.min(lo, values[i]); hi = Math.max(hi, values[i]); }
      const inBucket = Array.from(idx).filter((i) => i >= start && i < end).map((i) => values[i]);
      expect(Math.min(...inBucket)).toBe(lo);
      expect(Math.max(...inBucket)).toBe(hi);
    }
  });

  it('skips NaN for extremes but keeps an all-NaN run as a gap', () => {
    const values = Array.from({ length: 40 }, (_, i) => (i >= 10 && i < 20 ? NaN : i % 7));
    const idx = decimateMinMax(values, 4);
    const picked = pickValues(values, idx);
    expect(picked.filter((v) => v === null).length).toBeGreaterThan(0);
    expect(Math.max(...picked.filter((v): v is number => v !== null))).toBe(6);
  });
});

describe('smoothEma', () => {
  it('matches hand-computed bias-corrected values', () => {
    // w = 0.5: s1 = 0.5 → 0.5 / 0.5 = 1; s2 = 0.25 + 1.5 = 1.75 → 1.75 / 0.75 = 2.3333
    const out = smoothEma([1, 3], 0.5);
    expect(out[0]).toBeCloseTo(1, 12);
    expect(out[1]).toBeCloseTo(7 / 3, 12);
  });

  it('is the identity at weight 0, flat on a constant, and passes over NaN', () => {
    expect(Array.from(smoothEma([4, 2, 8], 0))).toEqual([4, 2, 8]);
    for (const v of smoothEma(new Array(50).fill(2.5), 0.9)) expect(v).toBeCloseTo(2.5, 12);
    const gap = smoothEma([1, NaN, 1], 0.8);
    expect(Number.isNaN(gap[1])).toBe(true);
    expect(gap[2]).toBeCloseTo(1, 12);
    expect(() => smoothEma([1], 1)).toThrow(RangeError);
    expect(() => smoothEma([1], -0.1)).toThrow(RangeError);
  });
});

describe('learning-rate changes and throughput', () => {
  it('flags jumps beyond the factor in either direction only', () => {
    expect(isLearningRateChange(0.01, 0.005)).toBe(true);
    expect(isLearningRateChange(0.005, 0.01)).toBe(true);
    expect(isLearningRateChange(0.01, 0.0099)).toBe(false);
    expect(isLearningRateChange(0.01, NaN)).toBe(false);
    expect(isLearningRateChange(0, 0.01)).toBe(false);
  });

  it('computes Δstep × batch / Δt and refuses readings that do not move forward', () => {
    expect(samplesPerSecond({ step: 10, elapsedMs: 1000 }, { step: 20, elapsedMs: 3000 }, 32)).toBeCloseTo(160, 12);
    expect(samplesPerSecond({ step: 10, elapsedMs: 1000 }, { step: 20, elapsedMs: 1000 }, 32)).toBeUndefined();
    expect(samplesPerSecond({ step: 10, elapsedMs: 1000 }, { step: 10, elapsedMs: 2000 }, 32)).toBeUndefined();
    expect(samplesPerSecond({ step: 10, elapsedMs: 5000 }, { step: 20, elapsedMs: 100 }, 32)).toBeUndefined();
  });
});

const run = (id: string, batchSize = 16) => ({ id, trainConfig: { batchSize } }) as unknown as RunRecord;
const started = (id: string): TrainEvent => ({ type: 'started', run: run(id), backend: { name: 'cpu', reason: '' }, resumedFromEpoch: 0, optimizerStep: 0 });
const batch = (step: number, elapsedMs: number, lr: number, epoch = 1): TrainEvent => ({
  type: 'batch', elapsedMs, etaMs: null, memory: { tensors: 40 + step, bytes: 1000 * step },
  progress: { epoch, batch: step, batchesPerEpoch: 100, optimizerStep: step, loss: 1 / step, learningRate: lr, gradNorm: 2 },
});

describe('MonitorRecorder', () => {
  it('turns batch events into series, throughput, memory and learning-rate markers', () => {
    const r = new MonitorRecorder();
    expect(r.record(started('a'))).toBe(true);
    r.record(batch(5, 1000, 0.01));
    r.record(batch(10, 2000, 0.01));
    r.record(batch(15, 3000, 0.005, 2));
    expect(Array.from(r.loss.x)).toEqual([5, 10, 15]);
    expect(r.loss.y[1]).toBeCloseTo(0.1, 12);
    // 5 steps × 16 samples per second between readings.
    expect(Array.from(r.throughput.y)).toEqual([80, 80]);
    expect(r.averageThroughput()).toBeCloseTo(80, 12);
    expect(r.lrChanges).toEqual([{ step: 15, epoch: 2, from: 0.01, to: 0.005 }]);
    expect(r.memory).toEqual({ tensors: 55, bytes: 15000 });
    expect(Number.isNaN(r.gpuBytes.y[0])).toBe(true);
    // A stale reading from before would break the x order: ignored.
    expect(r.record(batch(3, 3500, 0.005))).toBe(false);
  });

  it('reads early stopping from a notice, keeps a resumed run, clears for a new run', () => {
    const r = new MonitorRecorder();
    r.record(started('a'));
    r.record(batch(5, 1000, 0.01));
    expect(r.record({ type: 'notice', message: 'Disk nearly full.' })).toBe(false);
    r.record({ type: 'notice', message: 'Early stopping ended training after epoch 7; the weights of epoch 4, the best, were restored.' });
    expect(r.earlyStopEpoch).toBe(7);
    r.record(started('a'));
    expect(r.loss.length).toBe(1);
    // The resumed worker's clock starts again: no throughput across the gap.
    r.record(batch(8, 200, 0.01));
    expect(r.throughput.length).toBe(0);
    r.record({ type: 'sample', epoch: 1, prompt: 'To', text: 'To be' });
    r.record(started('b'));
    expect(r.loss.length).toBe(0);
    expect(r.samples).toEqual([]);
    expect(r.earlyStopEpoch).toBeNull();
  });

  it('adopts a run already under way so throughput uses its batch size', () => {
    const r = new MonitorRecorder();
    r.adopt(run('late', 64));
    r.record(batch(1, 100, 0.01));
    r.record(batch(3, 1100, 0.01));
    expect(r.averageThroughput()).toBeCloseTo(128, 12);
    r.adopt(run('other', 8));
    expect(r.runId).toBe('late');
  });
});
