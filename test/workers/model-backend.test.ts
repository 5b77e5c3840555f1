// Per-run backend placement: a model kind whose WebGPU gradients failed the start-up check trains
// elsewhere (WebGL, or the CPU where WebGL is missing, as in Node); other kinds stay on the chosen backend.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { backendForModel } from '../../workers/model-backend';
import type { RnnSpec } from '../../src/engine/model/model-spec';

const rnn: RnnSpec = {
  version: 2, kind: 'rnn', cell: 'gru', recurrentLayers: [4], bidirectional: false, dropout: 0, head: [],
  task: 'classification', outputSize: 2, kernelInitializer: 'glorotUniform',
  input: { type: 'tokens', vocabSize: 8, sequenceLength: 4, embeddingDim: 4, maskPadding: true },
};

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('backendForModel', () => {
  it('moves a routed kind off the chosen backend with a notice, and leaves other kinds alone', async () => {
    const choice = { name: 'cpu' as const, reason: 'tests', routedKinds: ['rnn' as const] };
    const placed = await backendForModel(choice, rnn);
    expect(placed).toMatchObject({ name: 'cpu', notice: expect.stringMatching(/RNN model trains on the CPU: .*WebGL is not available/) });
    const mlp = await backendForModel(choice, { version: 1, kind: 'mlp', inputSize: 2, hiddenLayers: [2], activation: 'relu', outputSize: 2, task: 'classification' });
    expect(mlp).toEqual({ name: 'cpu' });
    expect(await backendForModel({ name: 'cpu', reason: 'tests' }, rnn)).toEqual({ name: 'cpu' });
  });
});
