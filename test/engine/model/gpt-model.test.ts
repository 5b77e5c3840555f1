// GPT: shapes, tied weights, learning a repeating corpus below the unigram baseline, greedy continuation,
// save/reload through memory with the custom layers registered, and no tensor leaks.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGpt, nextTokenLoss } from '../../../src/engine/model/gpt-model';
import { generateText } from '../../../src/engine/model/generate';
import { type GptSpec, parameterCount } from '../../../src/engine/model/transformer-spec';

// ids: 0 pad, 1 'a', 2 'b', 3 'c'.
const spec: GptSpec = { version: 2, kind: 'gpt', vocabSize: 4, contextLength: 8, embedDim: 16, heads: 2, layers: 1, mlpDim: 32, dropout: 0, tieWeights: true };
const corpus = Array.from({ length: 200 }, (_, i) => 1 + (i % 3)); // a b c a b c ...

/** All windows of 8 ids (inputs) and the windows shifted by one (next-token targets). */
function windows(): { x: tf.Tensor2D; y: tf.Tensor2D } {
  const starts = Array.from({ length: 12 }, (_, i) => i * 7);
  const rows = (offset: number) => starts.map((s) => corpus.slice(s + offset, s + offset + 8));
  return { x: tf.tensor2d(rows(0), [starts.length, 8], 'int32'), y: tf.tensor2d(rows(1), [starts.length, 8], 'int32') };
}

let model: tf.LayersModel;
let trainedLoss = Infinity;

beforeAll(async () => {
  await tf.setBackend('cpu');
  model = buildGpt(spec, 7);
  const { x, y } = windows();
  const optimizer = tf.train.adam(0.02);
  for (let step = 0; step < 30; step++) {
    const loss = optimizer.minimize(() => nextTokenLoss(model.apply(x, { training: true }) as tf.Tensor, y), true) as tf.Scalar;
    trainedLoss = loss.dataSync()[0];
    loss.dispose();
  }
  optimizer.dispose();
  tf.dispose([x, y]);
});

afterAll(() => model.dispose());

describe('buildGpt', () => {
  it('maps ids [batch, t] to logits [batch, t, vocab] for any t up to contextLength, and refuses longer inputs', () => {
    for (const t of [1, 5, 8]) {
      const out = tf.tidy(() => model.predict(tf.ones([2, t], 'int32')) as tf.Tensor);
      expect(out.shape).toEqual([2, t, 4]);
      out.dispose();
    }
    expect(() => tf.tidy(() => model.predict(tf.ones([1, 9], 'int32')))).toThrow(/knows 8/);
  });

  it('ties the output projection to the token embedding: no extra weights; untied adds D·V + V', () => {
    expect(model.countParams()).toBe(parameterCount(spec));
    const untied = buildGpt({ ...spec, tieWeights: false }, 7);
    expect(untied.countParams() - model.countParams()).toBe(16 * 4 + 4);
    expect(untied.countParams()).toBe(parameterCount({ ...spec, tieWeights: false }));
    untied.dispose();
  });

  it('learns "abcabc…" far below the unigram baseline ln 3 = 1.0986 nats in 30 Adam steps', () => {
    console.info(`GPT on abc…: loss ${trainedLoss.toFixed(4)} nats vs unigram ${Math.log(3).toFixed(4)}`);
    expect(trainedLoss).toBeLessThan(0.1);
  });

  it('continues "abcab" with "c" then "abc" at temperature 0, and leaks no tensors', async () => {
    const before = tf.memory().numTensors;
    const ids = await generateText(model, [1, 2, 3, 1, 2], { maxNewTokens: 4, temperature: 0, contextLength: 8 });
    expect(Array.from(ids)).toEqual([3, 1, 2, 3]);
    // A long generation slides the window past contextLength.
    const long = await generateText(model, [1], { maxNewTokens: 12, temperature: 0.5, topK: 2, seed: 3, contextLength: 8 });
    expect(Array.from(long)).toEqual([2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('saves and reloads through memory (custom layers registered) with identical outputs and still-tied weights', async () => {
    let artifacts: tf.io.ModelArtifacts | undefined;
    await model.save(tf.io.withSaveHandler(async (a) => {
      artifacts = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }));
    const reloaded = await tf.loadLayersModel(tf.io.fromMemory(artifacts!));
    expect(reloaded.countParams()).toBe(model.countParams());
    const x = tf.tensor2d([[1, 2, 3, 1, 2, 3, 1, 2], [3, 3, 2, 1, 0, 1, 2, 3]], [2, 8], 'int32');
    const [a, b] = [model, reloaded].map((m) => tf.tidy(() => (m.predict(x) as tf.Tensor).dataSync()));
    expect(Array.from(b)).toEqual(Array.from(a));
    x.dispose();
    reloaded.dispose();
  });

  it('does not leak tensors in predict or in a training step', () => {
    const { x, y } = windows();
    const optimizer = tf.train.sgd(0.001);
    tf.dispose(optimizer.minimize(() => nextTokenLoss(model.apply(x, { training: true }) as tf.Tensor, y), true) ?? []);
    const before = tf.memory().numTensors;
    tf.dispose(optimizer.minimize(() => nextTokenLoss(model.apply(x, { training: true }) as tf.Tensor, y), true) ?? []);
    tf.dispose(model.predict(x));
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, y]);
    optimizer.dispose();
  });
});

describe('nextTokenLoss', () => {
  it('equals −mean log softmax at the targets (hand-computed) and ln V for uniform logits', () => {
    const loss = tf.tidy(() => nextTokenLoss(tf.tensor3d([[[0, Math.log(3)], [0, 0]]]), tf.tensor2d([[1, 0]], [1, 2], 'int32')).dataSync()[0]);
    // Row 1: p(1) = 3/4 → −ln 0.75; row 2: p(0) = 1/2 → ln 2.
    expect(loss).toBeCloseTo((-Math.log(0.75) + Math.log(2)) / 2, 6);
    const uniform = tf.tidy(() => nextTokenLoss(tf.zeros([2, 3, 5]), tf.zeros([2, 3], 'int32')).dataSync()[0]);
    expect(uniform).toBeCloseTo(Math.log(5), 6);
  });
});
