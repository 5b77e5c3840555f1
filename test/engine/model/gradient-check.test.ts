// Backend-vs-backend gradient check: ~0 between two CPU backends, and a backend with a broken gradient kernel is
// caught on exactly the weights that kernel feeds. Also the error measure itself, by hand.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGpt, nextTokenLoss } from '../../../src/engine/model/gpt-model';
import { compareGradients, gradientDifferences } from '../../../src/engine/model/gradient-check';
import type { GptSpec } from '../../../src/engine/model/transformer-spec';

const spec: GptSpec = { version: 2, kind: 'gpt', vocabSize: 7, contextLength: 6, embedDim: 8, heads: 2, layers: 1, mlpDim: 16, dropout: 0.1, tieWeights: false };
const ids = [[1, 2, 3, 4, 5, 6], [6, 5, 4, 3, 2, 1]];
const next = [[2, 3, 4, 5, 6, 1], [5, 4, 3, 2, 1, 6]];

/** Registers `name` as a second CPU backend with cpu's kernels; `breakKernel` may replace one of them. */
function registerCpuCopy(name: string, breakKernel?: string): void {
  tf.registerBackend(name, tf.findBackendFactory('cpu'));
  for (const kernel of tf.getKernelsForBackend('cpu')) {
    const broken: tf.KernelFunc = (args) => {
      // Simulates a GPU kernel that returns zeros (as reported for RNN gradients on some mobile GPUs).
      const out = kernel.kernelFunc(args) as tf.TensorInfo;
      ((args.backend as unknown as { data: { get(id: object): { values: Float32Array } } }).data.get(out.dataId).values).fill(0);
      return out;
    };
    tf.registerKernel({ ...kernel, backendName: name, kernelFunc: kernel.kernelName === breakKernel ? broken : kernel.kernelFunc });
  }
}

let x: tf.Tensor2D;
let y: tf.Tensor2D;

beforeAll(async () => {
  await tf.setBackend('cpu');
  registerCpuCopy('cpu-copy');
  // UnsortedSegmentSum only runs in the backward pass of the token lookup (gather): predictions stay right.
  registerCpuCopy('cpu-broken', 'UnsortedSegmentSum');
  x = tf.tensor2d(ids, [2, 6], 'int32');
  y = tf.tensor2d(next, [2, 6], 'int32');
});

afterAll(() => {
  tf.dispose([x, y]);
  tf.removeBackend('cpu-copy');
  tf.removeBackend('cpu-broken');
});

describe('compareGradients', () => {
  it('finds ~0 difference between two CPU backends for every weight, restores the backend and leaks nothing', async () => {
    const before = tf.memory().numTensors;
    for (const other of ['cpu', 'cpu-copy']) {
      const differences = await compareGradients(() => buildGpt(spec, 4), x, y, nextTokenLoss, other);
      expect(tf.getBackend()).toBe('cpu');
      expect(differences.map((d) => d.name)).toContain('token_embedding/embeddings');
      // tokens, positions, norm1 γβ, attention 4 kernels + 4 biases, norm2 γβ, MLP 2 + 2, final norm γβ, head kernel + bias
      expect(differences).toHaveLength(1 + 1 + 2 + 8 + 2 + 4 + 2 + 2);
      for (const d of differences) expect(d.relativeError).toBeLessThan(1e-6);
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('compares identical weights even though each build would draw its own (the builder ignores the seed here)', async () => {
    let calls = 0;
    const differences = await compareGradients(() => buildGpt(spec, 100 + calls++), x, y, nextTokenLoss, 'cpu-copy');
    expect(calls).toBe(2);
    for (const d of differences) expect(d.relativeError).toBeLessThan(1e-6);
  });

  it('flags exactly the token embedding when the other backend computes its gradient as zeros', async () => {
    const differences = await compareGradients(() => buildGpt(spec, 4), x, y, nextTokenLoss, 'cpu-broken');
    const flagged = differences.filter((d) => d.relativeError > 1e-3).map((d) => d.name);
    expect(flagged).toEqual(['token_embedding/embeddings']);
    expect(differences.find((d) => d.name === 'token_embedding/embeddings')!.relativeError).toBeGreaterThan(0.5);
    expect(tf.getBackend()).toBe('cpu');
  });

  it('refuses a backend that is not registered', async () => {
    await expect(compareGradients(() => buildGpt(spec, 4), x, y, nextTokenLoss, 'no-such-backend')).rejects.toThrow(/'no-such-backend' is not registered/);
  });
});

describe('gradientDifferences', () => {
  it('divides the max absolute error by the largest reference entry (hand-computed)', () => {
    const [d] = gradientDifferences(['w'], [Float32Array.from([1.1, -2, 0])], [Float32Array.from([1, -4, 0])]);
    expect(d.maxAbsoluteError).toBeCloseTo(2, 6);
    expect(d.relativeError).toBeCloseTo(0.5, 6);
  });

  it('floors the scale at 1e-3 of the largest gradient overall, and reports NaN', () => {
    const out = gradientDifferences(
      ['big', 'zero', 'nan'],
      [Float32Array.from([10]), Float32Array.from([1e-9]), Float32Array.from([Number.NaN])],
      [Float32Array.from([10]), Float32Array.from([0]), Float32Array.from([1])],
    );
    expect(out[0].relativeError).toBe(0);
    expect(out[1].relativeError).toBeCloseTo(1e-9 / 1e-2, 12);
    expect(out[2].relativeError).toBeNaN();
  });
});
