// The start-up gradient check: on one backend against itself (CPU vs CPU in Node) every checked kind's
// worst relative gradient error is float32 noise, and a large error is reported as disagreement.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkGradientsByKind, disagreeingKinds, gradientsAgree } from '../../workers/backend-check';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('checkGradientsByKind', () => {
  it('checks every model kind, finds agreeing backends in agreement and leaves no tensors behind', async () => {
    const before = tf.memory().numTensors;
    const checks = await checkGradientsByKind();
    expect(checks.map((c) => c.model)).toEqual(['MLP', 'CNN', 'GRU', 'Transformer', 'GPT']);
    for (const c of checks) expect([c.model, c.worst.relativeError < 1e-6]).toEqual([c.model, true]);
    expect(gradientsAgree(checks)).toBe(true);
    expect(gradientsAgree([...checks, { model: 'X', kind: 'rnn', worst: { name: 'w', maxAbsoluteError: 1, relativeError: 0.5 } }])).toBe(false);
    expect(gradientsAgree([{ model: 'X', kind: 'rnn', worst: { name: 'w', maxAbsoluteError: NaN, relativeError: NaN } }])).toBe(false);
    expect(disagreeingKinds([...checks, { model: 'X', kind: 'rnn', worst: { name: 'w', maxAbsoluteError: NaN, relativeError: NaN } }])).toEqual(['rnn']);
    expect(checks.map((c) => c.kind)).toEqual(['mlp', 'cnn', 'rnn', 'transformer', 'gpt']);
    expect(tf.getBackend()).toBe('cpu');
    expect(tf.memory().numTensors).toBe(before);
  });
});
