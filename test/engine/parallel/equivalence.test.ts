// The proof that data parallelism is exact: N = 2 and 3 replicas, each with its own model and optimizer,
// sharding every global batch and summing gradients through the all-reduce, end with the parameters of
// one replica training on the whole batch (within 1e-5), and all replicas hold the same bits throughout.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel, regularizationLoss } from '../../../src/engine/model/build-model';
import type { ModelSpec } from '../../../src/engine/model/model-spec';
import { coordinatorParty, ReduceCoordinator, type GradientAllReduce } from '../../../src/engine/parallel/all-reduce';
import { hashParameters } from '../../../src/engine/parallel/params-hash';
import { gradientLayout } from '../../../src/engine/parallel/replica-gradients';
import { readParameters, replicaVariables } from '../../../src/engine/parallel/replica-update';
import { createReplica, runReplicaStep, type Replica } from '../../../src/engine/parallel/replica-step';
import { planShards } from '../../../src/engine/parallel/shard-plan';
import { batchIndices, batchesPerEpoch, epochOrder } from '../../../src/engine/train/epoch-order';
import { perSampleLoss } from '../../../src/engine/train/split-evaluation';
import { blobs } from '../train/synthetic-splits';

const SEED = 17;
const EPOCHS = 2;
const data = blobs(30, 3, 4, 8); // 30 rows: 3 batches per epoch at B = 10 or 12 (the last one wraps), K = 6 steps
const spec: ModelSpec = {
  version: 2, kind: 'mlp', inputSize: 4, task: 'classification', outputSize: 3, kernelInitializer: 'glorotUniform',
  layers: [
    { units: 16, activation: 'tanh', normalization: 'none', dropout: 0, l2: 1e-3 },
    { units: 8, activation: 'relu', normalization: 'none', dropout: 0, l1: 1e-3 },
  ],
};

type OptimizerKind = 'adam' | 'sgd';
interface RunOptions {
  workers: number;
  batch: number;
  optimizer: OptimizerKind;
  /** Speed weights for planShards; equal when absent. */
  weights?: number[];
  /** Deliberate bugs for the negative checks. */
  divideByShardSize?: boolean;
  penaltyOnEveryReplica?: boolean;
  applyOwnShardOnly?: boolean;
}
interface RunResult {
  /** Parameters of replica 0 at the end. */
  params: Float32Array[];
  /** hashes[e][r]: replica r's parameter hash after epoch e + 1. */
  epochHashes: string[][];
  initialHashes: string[];
  tensorsPerStep: number[];
  /** lossSums[step][r]: the global batch's summed data loss as replica r's step returned it. */
  lossSums: number[][];
}

const makeOptimizer = (kind: OptimizerKind) => (kind === 'adam' ? tf.train.adam(0.01) : tf.train.sgd(0.1));

/** Train `workers` replicas in this process with the data-parallel step; N = 1 is the same code. */
async function trainReplicas(o: RunOptions): Promise<RunResult> {
  const models = Array.from({ length: o.workers }, () => buildModel(spec, SEED));
  // One vector per party per step: the gradients in variable order plus the loss slot.
  const coordinator = new ReduceCoordinator(o.workers, gradientLayout(replicaVariables(models[0])).size + 1);
  const replicas = models.map((model, party) => {
    // The negative check's fake transport hands each replica back its own vector instead of the sum.
    const allReduce: GradientAllReduce = o.applyOwnShardOnly ? { allReduce: async (v) => v } : coordinatorParty(coordinator, party);
    const loss = (xb: tf.Tensor, yb: tf.Tensor) => perSampleLoss('classification', model.apply(xb, { training: true }) as tf.Tensor, yb as tf.Tensor1D, 3);
    const replica = createReplica(model, makeOptimizer(o.optimizer), loss, () => regularizationLoss(model), party, allReduce);
    return o.penaltyOnEveryReplica ? { ...replica, addsPenalty: true } : replica;
  });
  const x = tf.tensor2d(data.x, [data.n, data.featureCount]);
  const y = tf.tensor1d(data.y);
  const hashOf = async (r: Replica) => hashParameters(await readParameters(r.variables));
  const initialHashes = await Promise.all(replicas.map(hashOf));
  const epochHashes: string[][] = [];
  const tensorsPerStep: number[] = [];
  const lossSums: number[][] = [];
  for (let epoch = 1; epoch <= EPOCHS; epoch += 1) {
    const order = epochOrder(data.n, SEED, epoch);
    for (let b = 0; b < batchesPerEpoch(data.n, o.batch); b += 1) {
      const rows = batchIndices(order, o.batch, b);
      const shards = planShards(rows.length, o.weights ?? new Array<number>(o.workers).fill(1));
      lossSums.push(await Promise.all(replicas.map(async (r, party) => {
        const { start, count } = shards[party];
        const idx = tf.tensor1d(rows.subarray(start, start + count), 'int32');
        const xs = tf.gather(x, idx);
        const ys = tf.gather(y, idx);
        try {
          return await runReplicaStep(r, xs, ys, o.divideByShardSize ? count : rows.length);
        } finally {
          tf.dispose([idx, xs, ys]);
        }
      })));
      tensorsPerStep.push(tf.memory().numTensors);
    }
    epochHashes.push(await Promise.all(replicas.map(hashOf)));
  }
  const params = await readParameters(replicas[0].variables);
  tf.dispose([x, y]);
  replicas.forEach((r) => r.optimizer.dispose());
  models.forEach((m) => m.dispose());
  return { params, epochHashes, initialHashes, tensorsPerStep, lossSums };
}

/** The existing single-replica step (Trainer.step): minimize mean loss + penalty on the whole batch. */
async function trainPlainLoop(batch: number, kind: OptimizerKind): Promise<Float32Array[]> {
  const model = buildModel(spec, SEED);
  const variables = replicaVariables(model);
  const optimizer = makeOptimizer(kind);
  for (let epoch = 1; epoch <= EPOCHS; epoch += 1) {
    const order = epochOrder(data.n, SEED, epoch);
    for (let b = 0; b < batchesPerEpoch(data.n, batch); b += 1) {
      tf.tidy(() => {
        const idx = tf.tensor1d(batchIndices(order, batch, b), 'int32');
        const xb = tf.gather(tf.tensor2d(data.x, [data.n, data.featureCount]), idx);
        const yb = tf.gather(tf.tensor1d(data.y), idx) as tf.Tensor1D;
        optimizer.minimize(() => tf.add(tf.mean(perSampleLoss('classification', model.apply(xb, { training: true }) as tf.Tensor, yb, 3)), regularizationLoss(model)) as tf.Scalar, false, variables);
      });
    }
  }
  const params = await readParameters(variables);
  optimizer.dispose();
  model.dispose();
  return params;
}

function maxAbsDiff(a: Float32Array[], b: Float32Array[]): number {
  let worst = 0;
  a.forEach((arr, i) => arr.forEach((v, j) => { worst = Math.max(worst, Math.abs(v - b[i][j])); }));
  return worst;
}

const sameHashes = (r: RunResult) => [r.initialHashes, ...r.epochHashes].every((h) => h.every((v) => v === h[0]));

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('data-parallel training equals one replica on the whole batch', () => {
  for (const optimizer of ['adam', 'sgd'] as const) {
    for (const batch of [12, 10]) {
      it(`${optimizer}, global batch ${batch}: N = 2 and 3 match N = 1 within 1e-5; replicas identical at every epoch end`, async () => {
        const single = await trainReplicas({ workers: 1, batch, optimizer });
        // N = 1 through the parallel path is the existing loop's step (sum / B + penalty == mean + penalty).
        expect(maxAbsDiff(single.params, await trainPlainLoop(batch, optimizer))).toBeLessThan(1e-6);
        for (const workers of [2, 3]) {
          const run = await trainReplicas({ workers, batch, optimizer });
          expect(sameHashes(run)).toBe(true);
          expect(run.epochHashes).toHaveLength(EPOCHS);
          expect(maxAbsDiff(run.params, single.params)).toBeLessThan(1e-5);
          // Every replica reports the same global loss, and it is N = 1's loss (same rows, same weights).
          run.lossSums.forEach((perReplica, step) => {
            perReplica.forEach((l) => expect(l).toBe(perReplica[0]));
            expect(perReplica[0]).toBeCloseTo(single.lossSums[step][0], 4);
          });
        }
        // The weights moved: the comparison is not between two untouched initializations.
        expect(single.epochHashes[EPOCHS - 1][0]).not.toBe(single.initialHashes[0]);
      });
    }
  }

  it('holds for speed-weighted uneven shards (weights 3:1:2) and leaks no tensors per step', async () => {
    const single = await trainReplicas({ workers: 1, batch: 12, optimizer: 'adam' });
    const run = await trainReplicas({ workers: 3, batch: 12, optimizer: 'adam', weights: [3, 1, 2] });
    // 1 row each, then 9 by 3:1:2 -> quotas 4.5, 1.5, 3 -> floors 4, 1, 3; the tie at .5 goes to worker 0.
    expect(planShards(12, [3, 1, 2]).map((s) => s.count)).toEqual([6, 2, 4]);
    expect(sameHashes(run)).toBe(true);
    expect(maxAbsDiff(run.params, single.params)).toBeLessThan(1e-5);
    expect(new Set(run.tensorsPerStep).size).toBe(1);
  });
});

describe('the equivalence checks can fail', () => {
  it('dividing by the shard size instead of the global batch breaks it (uneven shards 4, 3, 3)', async () => {
    const single = await trainReplicas({ workers: 1, batch: 10, optimizer: 'sgd' });
    const wrong = await trainReplicas({ workers: 3, batch: 10, optimizer: 'sgd', divideByShardSize: true });
    expect(sameHashes(wrong)).toBe(true); // still in step with each other: the bug is in the maths, not the sync
    expect(maxAbsDiff(wrong.params, single.params)).toBeGreaterThan(1e-3);
  });

  it('replicas that skip the all-reduce drift apart, and the hash comparison sees it', async () => {
    const apart = await trainReplicas({ workers: 2, batch: 12, optimizer: 'adam', applyOwnShardOnly: true });
    expect(apart.initialHashes[0]).toBe(apart.initialHashes[1]);
    expect(apart.epochHashes[0][0]).not.toBe(apart.epochHashes[0][1]);
    expect(sameHashes(apart)).toBe(false);
  });

  it('adding the penalty on every replica instead of once breaks it', async () => {
    const single = await trainReplicas({ workers: 1, batch: 12, optimizer: 'sgd' });
    const wrong = await trainReplicas({ workers: 3, batch: 12, optimizer: 'sgd', penaltyOnEveryReplica: true });
    expect(maxAbsDiff(wrong.params, single.params)).toBeGreaterThan(1e-5);
  });
});
