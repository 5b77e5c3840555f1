// How one global batch is split among data-parallel workers: contiguous row ranges whose sizes follow
// each worker's measured speed, so a fast GPU and a slow CPU finish their shards at about the same time.

/** Rows [start, start + count) of the global batch, for one worker. */
export interface Shard {
  start: number;
  count: number;
}

/**
 * Split `globalBatch` rows into `weights.length` contiguous shards, shard i in worker order, with sizes
 * proportional to `weights` (relative speeds, e.g. rows per second measured in calibration; any positive
 * scale). Rounding is largest remainder (Hamilton): floors first, then the leftover rows go to the largest
 * fractional parts, ties to the lower worker index, so the plan is deterministic and sums to `globalBatch`.
 * When globalBatch >= workers every worker gets at least one row: each gets one row first and the
 * remaining globalBatch - workers rows are shared by weight (a worker that owned no rows would idle
 * while still paying for the all-reduce). With fewer rows than workers some shards are empty (count 0);
 * such a worker still takes part in the all-reduce, contributing zeros.
 * Throws RangeError on a non-integer or negative batch, no workers, or a weight that is not finite and > 0.
 */
export function planShards(globalBatch: number, weights: readonly number[]): Shard[] {
  validatePlanInput(globalBatch, weights);
  const workers = weights.length;
  const base = globalBatch >= workers ? 1 : 0;
  const counts = apportion(globalBatch - base * workers, weights).map((c) => c + base);
  const shards: Shard[] = [];
  let start = 0;
  for (const count of counts) {
    shards.push({ start, count });
    start += count;
  }
  return shards;
}

/** Equal weights for `workers` workers: the plan before any speed has been measured. */
export function equalWeights(workers: number): number[] {
  if (!Number.isInteger(workers) || workers < 1) throw new RangeError(`The worker count must be a whole number ≥ 1, not ${workers}.`);
  return new Array<number>(workers).fill(1);
}

function validatePlanInput(globalBatch: number, weights: readonly number[]): void {
  if (!Number.isInteger(globalBatch) || globalBatch < 0) {
    throw new RangeError(`The global batch must be a whole number of rows ≥ 0, not ${globalBatch}.`);
  }
  if (!Array.isArray(weights) || weights.length === 0) {
    throw new RangeError('Shard planning needs one speed weight per worker, and got none; pass at least one worker.');
  }
  weights.forEach((w, i) => {
    if (typeof w !== 'number' || !Number.isFinite(w) || w <= 0) {
      throw new RangeError(`Worker ${i} has speed weight ${String(w)}; weights must be finite numbers > 0 (measure the worker again, or drop it from the pool).`);
    }
  });
}

/** Largest-remainder split of `rows` by `weights`; ties go to the lower index. */
function apportion(rows: number, weights: readonly number[]): number[] {
  // Scaling by the largest weight first keeps the sum finite for any finite weights (1e308 twice).
  const largest = Math.max(...weights);
  const scaled = weights.map((w) => w / largest);
  const total = scaled.reduce((a, b) => a + b, 0);
  const quotas = scaled.map((w) => (rows * w) / total);
  const counts = quotas.map((q) => Math.floor(q));
  let left = rows - counts.reduce((a, b) => a + b, 0);
  const byRemainder = quotas
    .map((q, i) => ({ i, rest: q - counts[i] }))
    .sort((a, b) => b.rest - a.rest || a.i - b.i);
  // Floating-point quotas can leave `left` off by one from the exact value; the loop wraps so it always lands.
  for (let k = 0; left > 0; k = (k + 1) % byRemainder.length, left -= 1) counts[byRemainder[k].i] += 1;
  return counts;
}
