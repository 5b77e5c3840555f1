// Transformer classifier: learns "does the row contain token 3", both poolings save/reload exactly, padding-only
// rows stay finite, seeded dropout varies per step but reproducibly, and nothing leaks.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTransformerClassifier } from '../../../src/engine/model/transformer-classifier';
import { type TransformerSpec, parameterCount } from '../../../src/engine/model/transformer-spec';
import { createRandom } from '../../../src/engine/random';

const spec: TransformerSpec = {
  version: 2, kind: 'transformer', vocabSize: 6, sequenceLength: 8, embedDim: 16, heads: 2, layers: 1, mlpDim: 32,
  dropout: 0, pooling: 'mean', outputSize: 2, task: 'classification',
};

/** Rows of 3..8 ids from {1, 2, 4, 5} padded with 0; half of them get one 3 at a random position (label 1). */
function containsThree(rows: number, seed: number): { ids: Int32Array; labels: Int32Array } {
  const random = createRandom(seed);
  const ids = new Int32Array(rows * 8);
  const labels = new Int32Array(rows);
  const others = [1, 2, 4, 5];
  for (let r = 0; r < rows; r++) {
    const length = 3 + Math.floor(random() * 6);
    for (let i = 0; i < length; i++) ids[r * 8 + i] = others[Math.floor(random() * 4)];
    labels[r] = random() < 0.5 ? 1 : 0;
    if (labels[r] === 1) ids[r * 8 + Math.floor(random() * length)] = 3;
  }
  return { ids, labels };
}

function accuracy(model: tf.LayersModel, ids: Int32Array, labels: Int32Array): number {
  const predicted = tf.tidy(() => (model.predict(tf.tensor2d(ids, [labels.length, 8], 'int32')) as tf.Tensor).argMax(1).dataSync());
  return labels.reduce((hits, label, i) => hits + (predicted[i] === label ? 1 : 0), 0) / labels.length;
}

/** Adam (learning rate 0.01) on mini-batches of 32 with softmax cross-entropy; returns the last loss. */
function train(model: tf.LayersModel, data: { ids: Int32Array; labels: Int32Array }, steps: number): number {
  const optimizer = tf.train.adam(0.01);
  const rows = data.labels.length;
  let last = Infinity;
  for (let step = 0; step < steps; step++) {
    const start = (step * 32) % rows;
    const loss = tf.tidy(() => {
      const x = tf.tensor2d(data.ids.subarray(start * 8, (start + 32) * 8), [32, 8], 'int32');
      const y = tf.oneHot(tf.tensor1d(data.labels.subarray(start, start + 32), 'int32'), 2);
      return optimizer.minimize(() => tf.losses.softmaxCrossEntropy(y, model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar, true)!;
    });
    last = loss.dataSync()[0];
    loss.dispose();
  }
  optimizer.dispose();
  return last;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('buildTransformerClassifier', () => {
  it('learns whether a row contains token 3 (held-out accuracy ≥ 0.95) with either pooling in 45 Adam steps', () => {
    const trainSet = containsThree(256, 1);
    const testSet = containsThree(200, 2);
    for (const pooling of ['mean', 'cls'] as const) {
      const model = buildTransformerClassifier({ ...spec, pooling }, 3);
      const before = accuracy(model, testSet.ids, testSet.labels);
      const loss = train(model, trainSet, 45);
      const after = accuracy(model, testSet.ids, testSet.labels);
      console.info(`contains-3 (${pooling} pooling): accuracy ${before.toFixed(2)} → ${after.toFixed(2)}, last batch loss ${loss.toFixed(3)}`);
      expect(after).toBeGreaterThanOrEqual(0.95);
      model.dispose();
    }
  });

  it('has exactly parameterCount(spec) weights and maps [batch, seq] ids to [batch, outputSize]', () => {
    for (const pooling of ['mean', 'cls'] as const) {
      const model = buildTransformerClassifier({ ...spec, pooling, layers: 2, outputSize: 5 }, 1);
      expect(model.countParams()).toBe(parameterCount({ ...spec, pooling, layers: 2, outputSize: 5 }));
      const out = tf.tidy(() => model.predict(tf.zeros([3, 8], 'int32')) as tf.Tensor);
      expect(out.shape).toEqual([3, 5]);
      expect(Array.from(out.dataSync()).every(Number.isFinite)).toBe(true); // all-padding rows: no NaN
      out.dispose();
      model.dispose();
    }
  });

  it('saves and reloads through memory with identical outputs (mean and cls pooling)', async () => {
    for (const pooling of ['mean', 'cls'] as const) {
      const model = buildTransformerClassifier({ ...spec, pooling, dropout: 0.2 }, 5);
      let artifacts: tf.io.ModelArtifacts | undefined;
      await model.save(tf.io.withSaveHandler(async (a) => {
        artifacts = a;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }));
      const reloaded = await tf.loadLayersModel(tf.io.fromMemory(artifacts!));
      const x = tf.tensor2d(containsThree(4, 9).ids, [4, 8], 'int32');
      const [a, b] = [model, reloaded].map((m) => tf.tidy(() => (m.predict(x) as tf.Tensor).dataSync()));
      expect(Array.from(b)).toEqual(Array.from(a));
      x.dispose();
      reloaded.dispose();
      model.dispose();
    }
  });

  it('seeded dropout: masks change from step to step, a rebuilt model repeats them, inference ignores them', () => {
    const outputs = (model: tf.LayersModel, training: boolean) => [0, 1].map(() =>
      tf.tidy(() => Array.from((model.apply(tf.tensor2d(containsThree(2, 4).ids, [2, 8], 'int32'), { training }) as tf.Tensor).dataSync())));
    const dropSpec = { ...spec, dropout: 0.5 };
    const [first, second] = [buildTransformerClassifier(dropSpec, 8), buildTransformerClassifier(dropSpec, 8)];
    const runA = outputs(first, true);
    expect(runA[0]).not.toEqual(runA[1]);
    expect(outputs(second, true)).toEqual(runA);
    const inference = outputs(first, false);
    expect(inference[0]).toEqual(inference[1]);
    first.dispose();
    second.dispose();
  });

  it('leaks no tensors in predict or a training step (dropout on)', () => {
    const model = buildTransformerClassifier({ ...spec, dropout: 0.3, pooling: 'cls' }, 2);
    const data = containsThree(32, 3);
    train(model, data, 1);
    const before = tf.memory().numTensors;
    train(model, data, 1);
    tf.tidy(() => void model.predict(tf.tensor2d(data.ids, [32, 8], 'int32')));
    // train() creates and disposes its own Adam state, so the count returns to the same value.
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});
