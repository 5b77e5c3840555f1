// Rebalancing shards by measured speed: a worker twice as fast gets about twice the rows; similar speeds keep the plan.
import { describe, expect, it } from 'vitest';
import { rebalanceShards } from '../../../src/engine/parallel/shard-rebalance';
import { equalWeights, planShards } from '../../../src/engine/parallel/shard-plan';

describe('rebalanceShards', () => {
  it('gives a worker twice as fast about twice the rows, still tiling the batch', () => {
    const even = planShards(30, equalWeights(2));
    // Same rows each, worker 0 took half the time of worker 1: it is twice as fast.
    const next = rebalanceShards(even, [100, 200]);
    expect(next?.map((s) => s.count)).toEqual([20, 10]);
    expect(next?.[1].start).toBe(20);
  });

  it('keeps the plan when speeds differ by measurement noise only', () => {
    expect(rebalanceShards(planShards(30, equalWeights(3)), [100, 104, 97])).toBeUndefined();
  });

  it('converges: a second epoch at the new plan with proportional times changes nothing', () => {
    const next = rebalanceShards(planShards(30, equalWeights(2)), [100, 200])!;
    // At 20 and 10 rows, a worker twice as fast takes the same time for both shards.
    expect(rebalanceShards(next, [100, 100])).toBeUndefined();
  });

  it('ignores missing or broken timings and refuses mismatched lengths', () => {
    expect(rebalanceShards(planShards(10, equalWeights(2)), [0, 50])).toBeUndefined();
    expect(rebalanceShards(planShards(10, equalWeights(2)), [Number.NaN, 50])).toBeUndefined();
    expect(() => rebalanceShards(planShards(10, equalWeights(2)), [1])).toThrow(/1 timings for 2 shards/);
  });
});
