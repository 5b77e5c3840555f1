// A data-parallel replica's API (one per extra training worker): build the same model as party 0 from the
// same spec, seed and snapshot, then run epochs in lockstep with it, computing the gradients of its shard.
import * as tf from '@tensorflow/tfjs';
import type { AnyModelSpec } from '../src/engine/model/model-types';
import { Trainer, type TrainerData } from '../src/engine/train/training-loop';
import type { TrainConfig, TrainerSnapshot } from '../src/engine/train/train-types';
import type { Shard } from '../src/engine/parallel/shard-plan';
import { joinReduce, type ReplicaLink } from './replica-transport';

export interface ReplicaInit {
  spec: AnyModelSpec;
  config: TrainConfig;
  /** The training split and feature facts (replicas never evaluate; validation may be empty). */
  data: TrainerData;
  snapshot?: TrainerSnapshot;
  party: number;
  shards: Shard[];
  backend: string;
  link: ReplicaLink;
}

export interface EpochResult {
  result: { lossSum: number; correct: number } | 'stopped';
  /** ms this replica spent on its own gradients (the pool rebalances shards by it). */
  computeMs: number;
}

/** `setBackend` initialises a tfjs backend by name in this worker (false when it cannot start). */
export function createReplicaApi(setBackend: (name: string) => Promise<boolean>) {
  let trainer: Trainer | undefined;
  return {
    /** Build this replica. Throws when its backend cannot start or the model/data do not fit. */
    async init(init: ReplicaInit): Promise<void> {
      trainer?.dispose();
      if (!(await setBackend(init.backend))) throw new Error(`Replica ${init.party} could not start the ${init.backend} backend.`);
      trainer = await Trainer.create(init.spec, init.config, init.data, init.snapshot, {
        party: init.party, shards: init.shards, connect: () => joinReduce(init.link, init.party),
      });
    },

    /**
     * Runs epoch `epoch`'s steps from batch `fromBatch` with the others, with `shards` when the pool rebalanced
     * them; party 0's stop flag ends it early for everyone.
     */
    async runEpoch(epoch: number, fromBatch = 0, shards?: Shard[]): Promise<EpochResult> {
      if (!trainer) throw new Error('This replica was not initialised.');
      if (shards) trainer.setShards(shards);
      const result = await trainer.runEpoch(epoch, {}, { batch: fromBatch });
      return { result, computeMs: trainer.epochComputeMs };
    },

    /** Fingerprint of this replica's trainable parameters (party 0 compares them at every epoch end). */
    parameterHash(): Promise<string> {
      if (!trainer) return Promise.reject(new Error('This replica was not initialised.'));
      return trainer.parameterHash();
    },

    /** Free the model and its tensors. */
    dispose(): void {
      trainer?.dispose();
      trainer = undefined;
    },

    /** Tensors alive in this worker (memory checks). */
    tensorCount(): number {
      return tf.memory().numTensors;
    },
  };
}

export type ReplicaApi = ReturnType<typeof createReplicaApi>;
