// One synchronous data-parallel optimizer step as each replica runs it: gradients of its shard, the
// all-reduce (either transport), then the same ordered update on every replica. N = 1 takes the same path.
import type * as tf from '@tensorflow/tfjs';
import type { GradientAllReduce } from './all-reduce';
import { gradientLayout, shardGradients, type GradientLayout, type PerSampleLossFn } from './replica-gradients';
import { applySummedGradients, replicaVariables } from './replica-update';

/** What a replica keeps between steps. Build it once per worker with `createReplica`. */
export interface Replica {
  variables: tf.Variable[];
  layout: GradientLayout;
  optimizer: tf.Optimizer;
  /** Per-sample data loss of a shard (the model in training mode). */
  loss: PerSampleLossFn;
  /** The model's L1/L2 penalty; counted by the replica with `addsPenalty` only. */
  penalty?: () => tf.Scalar;
  /** True on exactly one replica (party 0): the penalty enters the sum once. */
  addsPenalty: boolean;
  allReduce: GradientAllReduce;
}

/**
 * A replica of `model` (built from the same spec and seed on every worker) for party `party`. The
 * optimizer must be fresh or restored identically on every replica. Allocates nothing on the device.
 */
export function createReplica(model: tf.LayersModel, optimizer: tf.Optimizer, loss: PerSampleLossFn, penalty: (() => tf.Scalar) | undefined,
  party: number, allReduce: GradientAllReduce): Replica {
  const variables = replicaVariables(model);
  return { variables, layout: gradientLayout(variables), optimizer, loss, penalty, addsPenalty: party === 0, allReduce };
}

/**
 * One step: this replica's shard rows (xShard, yShard; possibly 0 rows) of a global batch of
 * `globalBatch` rows. Resolves after the update with the global batch's summed data loss (divide by
 * globalBatch for the mean), the same number on every replica. Every replica must call this once per step,
 * even with an empty shard, or the all-reduce waits for it. Side effects: updates variables and optimizer.
 */
export async function runReplicaStep(replica: Replica, xShard: tf.Tensor, yShard: tf.Tensor, globalBatch: number): Promise<number> {
  const { packed } = await shardGradients(replica.loss, replica.variables, xShard, yShard, {
    globalBatch, penalty: replica.penalty, addPenalty: replica.addsPenalty,
  });
  const summed = await replica.allReduce.allReduce(packed);
  return applySummedGradients(replica.optimizer, replica.variables, summed, replica.layout);
}
