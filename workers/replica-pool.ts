// Party 0's side of data parallelism: starts N − 1 replica workers, gives each the same model, snapshot and
// training rows, plans the shards by worker speed, hosts the all-reduce, and checks every epoch that all
// replicas hold bit-identical parameters.
import * as Comlink from 'comlink';
import type { AnyModelSpec } from '../src/engine/model/model-types';
import type { ParallelRole, TrainerData } from '../src/engine/train/training-loop';
import type { TrainConfig, TrainerSnapshot } from '../src/engine/train/train-types';
import { equalWeights, planShards, type Shard } from '../src/engine/parallel/shard-plan';
import { rebalanceShards } from '../src/engine/parallel/shard-rebalance';
import type { EpochResult, ReplicaApi } from './replica-api';
import { hostReduce, type ReplicaLink } from './replica-transport';

export interface ReplicaPoolOptions {
  /** Workers in all, party 0 (the caller's own trainer) included; ≥ 2. */
  workers: number;
  backend: string;
  spec: AnyModelSpec;
  config: TrainConfig;
  data: TrainerData;
  snapshot?: TrainerSnapshot;
  /** Relative speed of each worker (shards follow it); equal when absent. */
  speeds?: number[];
  /** Starts one replica worker (tests may pass their own). */
  spawn?: () => Worker;
}

/** Replicas answered with different parameters than party 0: the update was not identical everywhere. */
export class ReplicaDivergedError extends Error {
  constructor(epoch: number, parties: number[]) {
    super(`After epoch ${epoch} the parameters of worker${parties.length > 1 ? 's' : ''} ${parties.join(', ')} differ from worker 0's; training stopped. Train with one worker.`);
    this.name = 'ReplicaDivergedError';
  }
}

const spawnReplica = () => new Worker(new URL('./replica.worker.ts', import.meta.url), { type: 'module', name: 'webtrain-replica' });

export class ReplicaPool {
  /** Give this to party 0's Trainer.create. */
  readonly role: ParallelRole;
  /** The current plan (rebalanced by measured speed after each epoch). */
  shards: Shard[];
  private links?: ReplicaLink[];
  private closeReduce?: () => void;
  private workers: Worker[] = [];
  private replicas: Comlink.Remote<ReplicaApi>[] = [];
  private running?: Promise<EpochResult[]>;

  constructor(private readonly options: ReplicaPoolOptions) {
    if (!Number.isInteger(options.workers) || options.workers < 2) throw new RangeError(`A replica pool needs at least 2 workers, not ${options.workers}.`);
    const batchRows = Math.min(options.config.batchSize, options.data.train.n);
    if (batchRows < options.workers) {
      throw new RangeError(`A batch of ${batchRows} rows cannot be shared by ${options.workers} workers; use a larger batch or fewer workers.`);
    }
    this.shards = planShards(batchRows, options.speeds ?? equalWeights(options.workers));
    this.role = {
      party: 0,
      shards: this.shards,
      connect: (length) => {
        // Shared memory needs cross-origin isolation (the app's server sends COOP/COEP headers).
        const host = hostReduce(options.workers, length, self.crossOriginIsolated === true);
        this.links = host.links;
        this.closeReduce = host.close;
        return host.own;
      },
    };
  }

  /** Starts and initialises the replicas. Call after party 0's Trainer was created with `role`. */
  async start(): Promise<void> {
    const links = this.links;
    if (!links) throw new Error('Create party 0\'s trainer with pool.role before starting the pool.');
    const { spec, config, data, snapshot, backend } = this.options;
    const rows: TrainerData = { ...data, validation: { x: new Float32Array(0), y: new Float32Array(0), n: 0, featureCount: data.train.featureCount } };
    this.workers = links.map(() => (this.options.spawn ?? spawnReplica)());
    this.replicas = this.workers.map((w) => Comlink.wrap<ReplicaApi>(w));
    await Promise.all(this.replicas.map((replica, i) => {
      const link = links[i];
      const init = { spec, config, data: rows, snapshot, party: i + 1, shards: this.shards, backend, link };
      return replica.init(link.kind === 'port' ? Comlink.transfer(init, [link.port]) : init);
    }));
  }

  /** Starts epoch `epoch` (from batch `fromBatch` when resuming inside it) on every replica; party 0 runs its own at the same time. */
  startEpoch(epoch: number, fromBatch = 0): void {
    const shards = this.shards;
    this.running = Promise.all(this.replicas.map((r) => r.runEpoch(epoch, fromBatch, shards)));
  }

  /**
   * Waits for the replicas' epoch, checks their parameters against party 0's hash, and rebalances the shards
   * by each worker's measured gradient time (`leaderComputeMs` is party 0's). Returns the new plan, which party 0's
   * trainer must adopt too (Trainer.setShards), or undefined when it is kept.
   */
  async finishEpoch(epoch: number, leaderHash: string, leaderComputeMs = 0): Promise<Shard[] | undefined> {
    const results = (await this.running) ?? [];
    this.running = undefined;
    const hashes = await Promise.all(this.replicas.map((r) => r.parameterHash()));
    const diverged = hashes.flatMap((h, i) => (h === leaderHash ? [] : [i + 1]));
    if (diverged.length) throw new ReplicaDivergedError(epoch, diverged);
    const next = rebalanceShards(this.shards, [leaderComputeMs, ...results.map((r) => r.computeMs)]);
    if (next) this.shards = next;
    return next;
  }

  /** Stops every replica worker and the reduce. Safe to call twice. */
  dispose(): void {
    this.closeReduce?.();
    this.workers.forEach((w) => w.terminate());
    this.workers = [];
    this.replicas = [];
  }
}
