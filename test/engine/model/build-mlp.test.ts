// MLP spec validation (before any allocation), parameter counting and seeded construction.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildMlp, countMlpParameters, ModelSpecError, validateMlpSpec } from '../../../src/engine/model/build-mlp';
import type { MlpSpec } from '../../../src/engine/model/model-types';

const spec: MlpSpec = { version: 1, kind: 'mlp', inputSize: 4, hiddenLayers: [8, 6], activation: 'relu', outputSize: 3, task: 'classification' };

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('MLP spec', () => {
  it('counts parameters: (4+1)*8 + (8+1)*6 + (6+1)*3 = 40 + 54 + 21 = 115', () => {
    expect(countMlpParameters(spec)).toBe(115);
    const model = buildMlp(spec, 1);
    expect(model.countParams()).toBe(115);
    model.dispose();
  });

  it.each([
    ['hidden layer of 1e9 units', { hiddenLayers: [1e9] }, /Hidden layer 1 has 1000000000 units/],
    ['fractional units', { hiddenLayers: [3.5] }, /Hidden layer 1/],
    ['too many layers', { hiddenLayers: [2, 2, 2, 2, 2, 2, 2, 2, 2] }, /at most 8 hidden layers/],
    ['zero inputs', { inputSize: 0 }, /inputSize/],
    ['one class', { outputSize: 1 }, /outputSize/],
    ['too many parameters', { inputSize: 100_000, hiddenLayers: [4096] }, /parameters; the limit/],
  ])('refuses %s before allocating', (_name, change, message) => {
    const before = tf.memory().numTensors;
    expect(() => buildMlp({ ...spec, ...change } as MlpSpec, 1)).toThrow(ModelSpecError);
    expect(() => validateMlpSpec({ ...spec, ...change } as MlpSpec)).toThrow(message);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('builds identical weights for the same seed and different ones for another seed', async () => {
    const weightsOf = async (seed: number) => {
      const model = buildMlp(spec, seed);
      const values = await model.weights[0].read().data();
      model.dispose();
      return Array.from(values);
    };
    expect(await weightsOf(7)).toEqual(await weightsOf(7));
    expect(await weightsOf(7)).not.toEqual(await weightsOf(8));
  });
});
