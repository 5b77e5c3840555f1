// How a Trainer takes part in data parallelism: its party, the shard plan of one batch, and how it joins the
// all-reduce; plus the check that a plan tiles the batch.
import type { Shard } from '../parallel/shard-plan';
import type { GradientAllReduce } from '../parallel/all-reduce';

/**
 * This trainer is one replica of a data-parallel group: every party runs the same epochs and batches, computes
 * the gradients of its `shards[party]` rows of each batch, and the all-reduce sums them (with the loss sums,
 * party 0's learning rate and party 0's stop flag) so every replica applies the same update.
 */
export interface ParallelRole {
  party: number;
  /** Row ranges of one global batch, one per party (planShards). */
  shards: Shard[];
  /**
   * Joins the all-reduce, given the length of the vector every step sums (gradients plus PARALLEL_TRAILING
   * values; the trainer knows it once its model is built, so party 0 can size a shared buffer from it).
   */
  connect: (vectorLength: number) => GradientAllReduce;
}

/** Values after the gradients in a data-parallel step vector: loss sum, correct rows, learning rate, stop flag. */
export const PARALLEL_TRAILING = 4;

/** Throws when the shards do not tile a batch of `batchRows` rows or the party is not one of them. */
export function validateParallelRole(role: ParallelRole, batchRows: number): void {
  const { party, shards } = role;
  if (!Number.isInteger(party) || party < 0 || party >= shards.length) throw new RangeError(`Party ${party} is not one of the ${shards.length} replicas.`);
  const covered = shards.reduce((next, s) => (s.start === next ? next + s.count : Number.NaN), 0);
  if (covered !== batchRows) throw new RangeError(`The shards cover ${covered} rows but a batch has ${batchRows}; plan them with planShards(${batchRows}, weights).`);
}
