// The start-up gradient check: on one backend against itself (CPU vs CPU in Node) the worst relative
// gradient error over the checked CNN and Transformer is float32 noise, far under the tolerance.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { GRADIENT_TOLERANCE, worstGradientDifference } from '../../workers/backend-check';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('worstGradientDifference', () => {
  it('finds agreeing backends in agreement and leaves no tensors behind', async () => {
    const before = tf.memory().numTensors;
    const worst = await worstGradientDifference();
    expect(worst.relativeError).toBeLessThan(1e-6);
    expect(worst.relativeError).toBeLessThan(GRADIENT_TOLERANCE);
    expect(tf.getBackend()).toBe('cpu');
    expect(tf.memory().numTensors).toBe(before);
  });
});
