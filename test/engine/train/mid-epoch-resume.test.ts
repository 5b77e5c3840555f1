// A checkpoint taken inside an epoch (the page was hidden, G7) resumes at the same batch: the run ends
// with the same weights, step count and history as one that never stopped.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, it } from 'vitest';
import type { MlpSpec } from '../../../src/engine/model/model-types';
import { Trainer } from '../../../src/engine/train/training-loop';
import type { TrainConfig, TrainerSnapshot } from '../../../src/engine/train/train-types';
import { blobs } from './synthetic-splits';

const spec: MlpSpec = { version: 1, kind: 'mlp', inputSize: 4, hiddenLayers: [8], activation: 'relu', outputSize: 3, task: 'classification' };
const config: TrainConfig = { epochs: 3, batchSize: 16, learningRate: 0.05, optimizer: 'adam', seed: 9, schedule: { kind: 'cosine', warmupSteps: 3 } };
const data = { train: blobs(100, 3, 4, 1), validation: blobs(30, 3, 4, 2) };

beforeAll(async () => {
  await tf.setBackend('cpu');
});

it('resumes from a mid-epoch checkpoint at the same batch and finishes identically', async () => {
  const straight = await Trainer.create(spec, config, data);
  await straight.run();
  const expected = await straight.snapshot();
  straight.dispose();

  const first = await Trainer.create(spec, config, data);
  let saved: TrainerSnapshot | undefined;
  let steps = 0;
  const outcome = await first.run({
    // Asked after every step but an epoch's last: 6 times in epoch 1 (7 batches), so the 10th is after epoch 2's 4th batch.
    checkpointRequested: () => ++steps === 10,
    onMidEpochCheckpoint: async (cursor) => { saved = await first.snapshot(cursor); },
    shouldStop: () => saved !== undefined,
  });
  first.dispose();
  expect(outcome).toBe('stopped');
  expect(saved?.cursor).toMatchObject({ epoch: 2, batch: 4 });
  expect(saved?.completedEpochs).toBe(1);
  expect(saved?.optimizerStep).toBe(11);

  // Through structured clone, as the checkpoint store would give it back.
  const resumed = await Trainer.create(spec, config, data, structuredClone(saved));
  expect(await resumed.run()).toBe('completed');
  const result = await resumed.snapshot();
  resumed.dispose();
  expect(result.optimizerStep).toBe(expected.optimizerStep);
  result.weights.forEach((w, i) => expect(Array.from(w.data)).toEqual(Array.from(expected.weights[i].data)));
  // The resumed epoch's training loss counts the batches before the checkpoint too.
  result.history.forEach((m, i) => expect(m.trainLoss).toBeCloseTo(expected.history[i].trainLoss, 6));
});
