// Data parallelism through the Trainer itself: N = 2 and 3 replicas (one process, the coordinator transport)
// train the same parameters as N = 1 within 1e-5, stay hash-identical at every epoch end, share one stop.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../../src/engine/model/model-spec';
import { Trainer } from '../../../src/engine/train/training-loop';
import type { TrainConfig } from '../../../src/engine/train/train-types';
import { ReduceCoordinator, coordinatorParty } from '../../../src/engine/parallel/all-reduce';
import { equalWeights, planShards } from '../../../src/engine/parallel/shard-plan';
import { blobs } from './synthetic-splits';

const spec: ModelSpec = {
  version: 2, kind: 'mlp', inputSize: 4, task: 'classification', outputSize: 3, kernelInitializer: 'heNormal',
  layers: [{ units: 10, activation: 'tanh', normalization: 'none', dropout: 0, l2: 0.01 }, { units: 6, activation: 'relu', normalization: 'none', dropout: 0 }],
};
const data = { train: blobs(70, 3, 4, 1), validation: blobs(20, 3, 4, 2) };

/** N replicas of one run sharing a coordinator; returns them after creation (party 0 first). */
async function replicas(config: TrainConfig, weights: number[]): Promise<Trainer[]> {
  const shards = planShards(Math.min(config.batchSize, data.train.n), weights);
  let coordinator: ReduceCoordinator | undefined;
  const connect = (party: number) => (length: number) => {
    coordinator ??= new ReduceCoordinator(weights.length, length, 10_000);
    return coordinatorParty(coordinator, party);
  };
  return Promise.all(weights.map((_, party) => Trainer.create(spec, config, data, undefined, { party, shards, connect: connect(party) })));
}

/** Runs every replica's epochs in lockstep; returns the parameter hashes of each replica at each epoch end. */
async function trainTogether(group: Trainer[], epochs: number): Promise<string[][]> {
  const hashes: string[][] = [];
  for (let epoch = 1; epoch <= epochs; epoch += 1) {
    await Promise.all(group.map((t) => t.runEpoch(epoch)));
    hashes.push(await Promise.all(group.map((t) => t.parameterHash())));
  }
  return hashes;
}

async function weightsOf(trainer: Trainer): Promise<Float32Array> {
  return Float32Array.from((await trainer.snapshot()).weights.flatMap((w) => Array.from(w.data)));
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe.each([
  ['adam', 12], ['sgd', 10], ['adamw', 10],
] as const)('Trainer data parallelism (%s, batch %i)', (optimizer, batchSize) => {
  const config: TrainConfig = { epochs: 3, batchSize, learningRate: 0.03, optimizer, seed: 5, schedule: { kind: 'cosine', warmupSteps: 2 }, clipNorm: 5 };

  it('N = 2 and N = 3 match N = 1 within 1e-5 and replicas stay hash-identical', async () => {
    const [single] = await replicas(config, [1]);
    await trainTogether([single], 3);
    const reference = await weightsOf(single);
    for (const weights of [[1, 1], [1, 1, 1], [3, 1, 2]]) {
      const group = await replicas(config, weights);
      const hashes = await trainTogether(group, 3);
      for (const atEpoch of hashes) expect(new Set(atEpoch).size).toBe(1);
      const trained = await weightsOf(group[0]);
      const worst = trained.reduce((m, v, i) => Math.max(m, Math.abs(v - reference[i])), 0);
      expect(worst).toBeLessThan(1e-5);
      group.forEach((t) => t.dispose());
    }
    single.dispose();
  });
});

describe('Trainer data parallelism control', () => {
  it('a stop asked on party 0 stops every replica before the same step, as a single trainer stops', async () => {
    const group = await replicas({ epochs: 2, batchSize: 10, learningRate: 0.05, optimizer: 'adam', seed: 1 }, [1, 1]);
    let batches = 0;
    const results = await Promise.all(group.map((t, party) => t.runEpoch(1, { shouldStop: () => party === 0 && ++batches >= 3 })));
    expect(results).toEqual(['stopped', 'stopped']);
    expect(group.map((t) => t.optimizerStep)).toEqual([2, 2]);
    const hashes = await Promise.all(group.map((t) => t.parameterHash()));
    expect(hashes[0]).toBe(hashes[1]);
    group.forEach((t) => t.dispose());
  });

  it('rebalanced shards between epochs still match 1 worker within 1e-5, and each replica times its own work', async () => {
    const config: TrainConfig = { epochs: 3, batchSize: 12, learningRate: 0.03, optimizer: 'adam', seed: 5 };
    const [single] = await replicas(config, [1]);
    await trainTogether([single], 3);
    const group = await replicas(config, [1, 1]);
    await Promise.all(group.map((t) => t.runEpoch(1)));
    expect(group.every((t) => t.epochComputeMs > 0)).toBe(true);
    // As if worker 1 were three times slower: 9 rows and 3 rows from epoch 2 on.
    const uneven = planShards(12, [3, 1]);
    group.forEach((t) => t.setShards(uneven));
    for (const epoch of [2, 3]) await Promise.all(group.map((t) => t.runEpoch(epoch)));
    const [a, b] = await Promise.all(group.map((t) => t.parameterHash()));
    expect(a).toBe(b);
    const reference = await weightsOf(single);
    const trained = await weightsOf(group[0]);
    expect(trained.reduce((m, v, i) => Math.max(m, Math.abs(v - reference[i])), 0)).toBeLessThan(1e-5);
    expect(() => group[0].setShards(planShards(11, [1, 1]))).toThrow(/cover 11 rows/);
    group.forEach((t) => t.dispose());
    single.dispose();
  });

  it('refuses shards that do not tile the batch', async () => {
    await expect(Trainer.create(spec, { epochs: 1, batchSize: 10, learningRate: 0.1, optimizer: 'sgd', seed: 1 }, data, undefined,
      { party: 0, shards: planShards(9, equalWeights(2)), connect: () => { throw new Error('not reached'); } })).rejects.toThrow(/cover 9 rows but a batch has 10/);
  });
});
