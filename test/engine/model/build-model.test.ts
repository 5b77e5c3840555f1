// Building models from specs on the cpu backend: every preset learns a tiny synthetic task with Adam, seeded builds
// are reproducible, recurrent kernels are orthogonal and the two directions differ, and nothing leaks tensors.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { disposeModel } from '../../../src/engine/model/dispose-model';
import { buildModel, regularizationLoss } from '../../../src/engine/model/build-model';
import type { PresetId, PresetInput } from '../../../src/engine/model/model-presets';
import type { LayeredModelSpec, MlpSpecV2 } from '../../../src/engine/model/model-spec';
import { ModelSpecError } from '../../../src/engine/model/model-spec-error';
import { orthogonalMatrix } from '../../../src/engine/model/recurrent-init';
import { createRandom } from '../../../src/engine/random';
import { presetSpec } from './model-fixtures';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

interface Task { x: tf.Tensor; labels: number[] }

/** `n` samples of a two-class task per data kind, with labels a rule of the inputs. */
function makeTask(kind: 'table' | 'images' | 'text', seed: number, n = 32): Task {
  const r = createRandom(seed);
  if (kind === 'table') {
    const x = Array.from({ length: n * 7 }, () => r() * 2 - 1);
    return { x: tf.tensor2d(x, [n, 7]), labels: Array.from({ length: n }, (_, i) => (x[i * 7] + x[i * 7 + 1] > 0 ? 1 : 0)) };
  }
  if (kind === 'images') {
    // A bright top half (class 1) or bright bottom half (class 0) of an 8×8 image, plus noise.
    const labels = Array.from({ length: n }, (_, i) => i % 2);
    const x = labels.flatMap((label) => Array.from({ length: 64 }, (_, p) => ((p < 32) === (label === 1) ? 1 : 0) + 0.3 * r()));
    return { x: tf.tensor4d(x, [n, 8, 8, 1]), labels };
  }
  // Token rows of length 6 over ids 1..9 (0 = padding at the end); class 1 when token 7 occurs.
  const rows = Array.from({ length: n }, (_, i) => Array.from({ length: 6 }, (_, t) => (t < 3 + (i % 4) ? 1 + Math.floor(r() * 9) : 0)));
  return { x: tf.tensor2d(rows.flat(), [n, 6], 'int32'), labels: rows.map((row) => (row.includes(7) ? 1 : 0)) };
}

/** Runs `steps` full-batch Adam steps (as the training loop does: apply with training, mean softmax cross-entropy). */
function train(model: tf.LayersModel, task: Task, steps: number): number[] {
  const optimizer = tf.train.adam(0.01);
  const y = tf.tidy(() => tf.oneHot(tf.tensor1d(task.labels, 'int32'), 2));
  const losses: number[] = [];
  for (let step = 0; step < steps; step += 1) {
    const loss = optimizer.minimize(() => {
      const logits = model.apply(task.x, { training: true }) as tf.Tensor;
      return tf.add(tf.losses.softmaxCrossEntropy(y, logits), regularizationLoss(model)) as tf.Scalar;
    }, true) as tf.Scalar;
    losses.push(loss.dataSync()[0]);
    loss.dispose();
  }
  y.dispose();
  optimizer.dispose();
  return losses;
}

const PRESETS: [PresetId, 'table' | 'images' | 'text', number][] = [
  ['tabular-mlp', 'table', 30], ['lenet-cnn', 'images', 10], ['resnet-cnn', 'images', 6], ['lstm-text', 'text', 12], ['gru-text', 'text', 10],
];

/** The preset, with ResNet's filters divided by 4: tfjs's cpu Conv2DBackpropFilter takes ~0.5 s per full-width layer. */
function trainablePreset(id: PresetId, kind: keyof typeof INPUTS): LayeredModelSpec {
  const spec = presetSpec(id, { task: 'classification', outputSize: 2 }, INPUTS[kind]);
  if (spec.kind !== 'cnn' || id !== 'resnet-cnn') return spec;
  return { ...spec, blocks: spec.blocks.map((b) => ({ ...b, filters: b.filters / 4 })) };
}
const INPUTS = {
  table: { kind: 'table', inputSize: 7 }, images: { kind: 'images', inputShape: [8, 8, 1] }, text: { kind: 'text', vocabSize: 10, sequenceLength: 6 },
} satisfies Record<string, PresetInput>;

describe('presets train', () => {
  it.each(PRESETS)('%s: Adam steps lower the loss and free every tensor', (id, kind, steps) => {
    const before = tf.memory().numTensors;
    const task = makeTask(kind, 11, kind === 'table' ? 32 : 16);
    const model = buildModel(trainablePreset(id, kind), 3);
    const losses = train(model, task, steps);
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(losses[losses.length - 1]).toBeLessThan(0.7 * losses[0]);
    model.dispose();
    task.x.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('buildModel', () => {
  const mlp: MlpSpecV2 = {
    version: 2, kind: 'mlp', inputSize: 7, task: 'classification', outputSize: 2, kernelInitializer: 'heNormal',
    layers: [
      { units: 12, activation: 'leakyRelu', normalization: 'batch', dropout: 0.1, l1: 1e-4 },
      { units: 12, activation: 'gelu', normalization: 'layer', dropout: 0, l2: 1e-3 },
      { units: 8, activation: 'selu', normalization: 'none', dropout: 0 },
      { units: 8, activation: 'silu', normalization: 'none', dropout: 0 },
    ],
  };

  const weightsOf = async (spec: LayeredModelSpec, seed: number) => {
    const model = buildModel(spec, seed);
    const values = await Promise.all(model.getWeights().map(async (w) => Array.from(await w.data())));
    model.dispose();
    return values;
  };

  it.each<[string, LayeredModelSpec]>([
    ['mlp with every normalization', mlp],
    ['resnet', presetSpec('resnet-cnn', { task: 'classification', outputSize: 2 }, INPUTS.images)],
    ['bidirectional gru', presetSpec('gru-text', { task: 'classification', outputSize: 2 }, INPUTS.text)],
  ])('%s: the same seed gives the same weights, another seed others', async (_name, spec) => {
    const a = await weightsOf(spec, 42);
    expect(await weightsOf(spec, 42)).toEqual(a);
    const b = await weightsOf(spec, 43);
    // Every randomly initialized kernel changes (biases, norms and moving statistics start constant).
    const changed = a.filter((w, i) => w.some((v, j) => v !== b[i][j])).length;
    expect(changed).toBeGreaterThanOrEqual(a.filter((w) => new Set(w).size > 1).length);
  });

  it('a mixed MLP (leaky ReLU, GELU, SELU, SiLU, batch and layer norm, L1/L2, dropout) trains', () => {
    const model = buildModel(mlp, 1);
    const task = makeTask('table', 2);
    const penalty = regularizationLoss(model);
    expect(penalty.dataSync()[0]).toBeGreaterThan(0);
    penalty.dispose();
    const losses = train(model, task, 30);
    expect(losses[29]).toBeLessThan(0.7 * losses[0]);
    model.dispose();
    task.x.dispose();
  });

  it('outputs [batch, outputSize] logits for classification and one value for regression', () => {
    const model = buildModel({ ...mlp, task: 'regression', outputSize: 1 }, 1);
    const out = tf.tidy(() => model.predict(tf.zeros([3, 7])) as tf.Tensor);
    expect(out.shape).toEqual([3, 1]);
    out.dispose();
    model.dispose();
  });

  it('makes recurrent kernels orthogonal and the backward direction differ from the forward one', async () => {
    const model = buildModel(presetSpec('gru-text', { task: 'classification', outputSize: 2 }, INPUTS.text), 9);
    const weights = model.getLayer('gru1').getWeights();
    // [forward kernel, recurrent kernel, bias, backward kernel, recurrent kernel, bias]; recurrent [48, 144]: R·Rᵀ = I.
    const gram = tf.tidy(() => tf.matMul(weights[1], weights[1], false, true).sub(tf.eye(48)).abs().max());
    expect(gram.dataSync()[0]).toBeLessThan(1e-5);
    expect(Array.from(await weights[0].data())).not.toEqual(Array.from(await weights[3].data()));
    expect(Array.from(await weights[1].data())).not.toEqual(Array.from(await weights[4].data()));
    gram.dispose();
    model.dispose();
  });

  it('starts an LSTM with forget-gate bias 1 and other biases 0 (gates i, f, c, o)', async () => {
    const model = buildModel(presetSpec('lstm-text', { task: 'classification', outputSize: 2 }, INPUTS.text), 9);
    const bias = Array.from(await model.getLayer('lstm1').getWeights()[2].data());
    expect(bias).toEqual([...Array(64).fill(0), ...Array(64).fill(1), ...Array(128).fill(0)]);
    model.dispose();
  });

  it('orthogonalMatrix gives orthonormal columns for a tall matrix (checked in plain arithmetic)', () => {
    const q = orthogonalMatrix(6, 3, 1);
    for (let a = 0; a < 3; a += 1) {
      for (let b = 0; b < 3; b += 1) {
        let dot = 0;
        for (let r = 0; r < 6; r += 1) dot += q[r * 3 + a] * q[r * 3 + b];
        expect(dot).toBeCloseTo(a === b ? 1 : 0, 5);
      }
    }
  });

  it('refuses bad specs before allocating, and builds the attention kinds through their own builders', () => {
    const before = tf.memory().numTensors;
    expect(() => buildModel({ ...mlp, layers: [{ ...mlp.layers[0], units: 1e9 }] }, 1)).toThrow(/layers\[0\]\.units must be a whole number from 1 to 8,192, not 1000000000/);
    expect(() => buildModel({ version: 2, kind: 'gpt', vocabSize: 10, contextLength: 8, embedDim: 7, heads: 2, layers: 1, mlpDim: 16, dropout: 0, tieWeights: true }, 1))
      .toThrow(ModelSpecError);
    expect(tf.memory().numTensors).toBe(before);
    const gpt = buildModel({ version: 2, kind: 'gpt', vocabSize: 10, contextLength: 8, embedDim: 8, heads: 2, layers: 1, mlpDim: 16, dropout: 0, tieWeights: true }, 1);
    expect(gpt.outputs[0].shape).toEqual([null, null, 10]); // any length up to the context
    disposeModel(gpt); // its tied embedding is used twice: model.dispose() alone would leave it
    expect(tf.memory().numTensors).toBe(before);
  });
});
