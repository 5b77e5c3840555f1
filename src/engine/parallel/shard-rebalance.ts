// Shards that follow measured speed: after an epoch, each worker's rows per millisecond of gradient work
// give the next epoch's shard sizes, so a slower device (an integrated GPU next to a discrete one, a busier
// core) gets fewer rows and nobody waits long at the all-reduce.
import { planShards, type Shard } from './shard-plan';

/** Relative change of any shard below which the plan is kept (measurement noise should not reshuffle rows). */
export const REBALANCE_THRESHOLD = 0.1;

/**
 * The next plan for `shards` (one per worker, tiling one batch) given each worker's gradient time over the
 * last epoch (`computeMs[i]`, > 0), or undefined when the speeds are close enough to keep the current plan
 * or a measurement is missing. Speeds are rows per ms; planShards still gives every worker at least one row.
 */
export function rebalanceShards(shards: readonly Shard[], computeMs: readonly number[]): Shard[] | undefined {
  if (shards.length !== computeMs.length) throw new RangeError(`Got ${computeMs.length} timings for ${shards.length} shards.`);
  if (shards.length < 2 || computeMs.some((ms) => !Number.isFinite(ms) || ms <= 0)) return undefined;
  const batchRows = shards.reduce((n, s) => n + s.count, 0);
  const speeds = shards.map((s, i) => Math.max(s.count, 1) / computeMs[i]);
  const next = planShards(batchRows, speeds);
  const moved = next.some((s, i) => Math.abs(s.count - shards[i].count) > REBALANCE_THRESHOLD * Math.max(1, shards[i].count));
  return moved ? next : undefined;
}
