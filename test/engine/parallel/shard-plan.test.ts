// planShards: proportional contiguous shards, largest-remainder rounding, at least one row each, validation.
import { describe, expect, it } from 'vitest';
import { equalWeights, planShards } from '../../../src/engine/parallel/shard-plan';

const counts = (b: number, w: number[]) => planShards(b, w).map((s) => s.count);

describe('planShards', () => {
  it('splits evenly with equal weights and gives the extra rows to the lowest indices', () => {
    expect(planShards(12, [1, 1, 1])).toEqual([{ start: 0, count: 4 }, { start: 4, count: 4 }, { start: 8, count: 4 }]);
    // 10 rows, 3 workers: 1 each, then 7 by quota 7/3 = 2.33 each -> floors 2,2,2, one leftover to worker 0.
    expect(planShards(10, [1, 1, 1])).toEqual([{ start: 0, count: 4 }, { start: 4, count: 3 }, { start: 7, count: 3 }]);
    expect(planShards(7, [1])).toEqual([{ start: 0, count: 7 }]);
  });

  it('follows measured speeds with largest-remainder rounding (hand-computed)', () => {
    // 1 row each, then 9 rows by 3:1 -> quotas 6.75 and 2.25 -> floors 6, 2; leftover to .75 -> 7, 2; plus 1 each.
    expect(counts(11, [3, 1])).toEqual([8, 3]);
    // Weights need not be normalized: 300:100 is the same plan as 3:1.
    expect(counts(11, [300, 100])).toEqual([8, 3]);
    // 1 each, then 7 rows by 5:3:2 -> quotas 3.5, 2.1, 1.4 -> floors 3, 2, 1; leftover to .5 -> 4, 2, 1.
    expect(counts(10, [5, 3, 2])).toEqual([5, 3, 2]);
    // Remainder ties go to the lower index: 1 each, then 2 rows by 1:1:1:1 -> 0.5 each -> workers 0 and 1.
    expect(counts(6, [1, 1, 1, 1])).toEqual([2, 2, 1, 1]);
  });

  it('gives every worker at least one row when the batch has enough rows, however slow it is', () => {
    expect(counts(10, [1000, 1])).toEqual([9, 1]);
    expect(counts(3, [1, 1e-9, 1e-9])).toEqual([1, 1, 1]);
  });

  it('leaves some shards empty when there are fewer rows than workers', () => {
    expect(counts(2, [1, 5, 3])).toEqual([0, 1, 1]);
    expect(counts(0, [1, 1])).toEqual([0, 0]);
  });

  it('always tiles the batch exactly with contiguous shards, for many random weight sets', () => {
    let state = 7;
    const next = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let trial = 0; trial < 300; trial += 1) {
      const workers = 1 + Math.floor(next() * 6);
      const weights = Array.from({ length: workers }, () => 0.01 + next() * 100);
      const batch = Math.floor(next() * 200);
      const shards = planShards(batch, weights);
      expect(shards).toHaveLength(workers);
      let start = 0;
      for (const s of shards) {
        expect(s.start).toBe(start);
        if (batch >= workers) expect(s.count).toBeGreaterThanOrEqual(1);
        start += s.count;
      }
      expect(start).toBe(batch);
      expect(planShards(batch, weights)).toEqual(shards); // deterministic
    }
  });

  it('handles huge finite weights without overflowing', () => {
    expect(counts(4, [1e308, 1e308])).toEqual([2, 2]);
  });

  it('rejects bad arguments with messages that say what to pass', () => {
    expect(() => planShards(-1, [1])).toThrow(/whole number of rows ≥ 0, not -1/);
    expect(() => planShards(2.5, [1])).toThrow(/whole number/);
    expect(() => planShards(4, [])).toThrow(/at least one worker/);
    expect(() => planShards(4, [1, 0])).toThrow(/Worker 1 has speed weight 0/);
    expect(() => planShards(4, [1, Number.NaN])).toThrow(/Worker 1 has speed weight NaN/);
    expect(() => planShards(4, [Infinity])).toThrow(/finite numbers > 0/);
  });
});

describe('equalWeights', () => {
  it('gives ones and rejects a bad count', () => {
    expect(equalWeights(3)).toEqual([1, 1, 1]);
    expect(() => equalWeights(0)).toThrow(/≥ 1, not 0/);
  });
});
