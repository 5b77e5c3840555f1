// Next-token sampling: greedy, temperature, top-k, seeding and argument checks (model-level generation is in gpt-model.test.ts).
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateText, sampleNextToken } from '../../../src/engine/model/generate';
import { createRandom } from '../../../src/engine/random';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Empirical frequencies of `draws` samples. */
function frequencies(logits: number[], temperature: number, topK: number, draws: number, seed = 1): number[] {
  const random = createRandom(seed);
  const counts = new Array<number>(logits.length).fill(0);
  for (let i = 0; i < draws; i++) counts[sampleNextToken(logits, temperature, topK, random)] += 1;
  return counts.map((c) => c / draws);
}

describe('sampleNextToken', () => {
  const logits = [Math.log(1), Math.log(2), Math.log(3), Math.log(4)]; // softmax = [0.1, 0.2, 0.3, 0.4]

  it('is greedy at temperature 0 and with topK 1, without consuming draws', () => {
    let calls = 0;
    const counting = () => { calls += 1; return 0.5; };
    expect(sampleNextToken([0.1, 5, -2, 4.9], 0, 0, counting)).toBe(1);
    expect(sampleNextToken([0.1, 5, -2, 4.9], 2, 1, counting)).toBe(1);
    expect(sampleNextToken([3, 3, 1], 0, 0, counting)).toBe(0); // ties: the first maximum
    expect(calls).toBe(0);
  });

  it('draws from softmax(logits) at temperature 1: frequencies within 0.02 of 0.1/0.2/0.3/0.4 over 20 000 draws', () => {
    frequencies(logits, 1, 0, 20_000).forEach((f, i) => expect(Math.abs(f - (i + 1) / 10)).toBeLessThan(0.02));
  });

  it('sharpens with temperature: at T = 0.5 the probabilities are proportional to 1, 4, 9, 16', () => {
    const want = [1, 4, 9, 16].map((w) => w / 30);
    frequencies(logits, 0.5, 0, 20_000).forEach((f, i) => expect(Math.abs(f - want[i])).toBeLessThan(0.02));
  });

  it('top-k keeps only the k largest logits, renormalized (k = 2: 3/7 and 4/7)', () => {
    const f = frequencies(logits, 1, 2, 20_000);
    expect(f[0]).toBe(0);
    expect(f[1]).toBe(0);
    expect(Math.abs(f[2] - 3 / 7)).toBeLessThan(0.02);
    expect(Math.abs(f[3] - 4 / 7)).toBeLessThan(0.02);
  });

  it('does not overflow on large logits and is reproducible for a seed', () => {
    expect(frequencies([1000, 1000 + Math.log(3)], 1, 0, 10_000)[1]).toBeCloseTo(0.75, 1);
    expect(frequencies(logits, 1, 0, 50, 9)).toEqual(frequencies(logits, 1, 0, 50, 9));
    expect(frequencies(logits, 1, 0, 50, 9)).not.toEqual(frequencies(logits, 1, 0, 50, 10));
  });

  it.each([
    ['negative temperature', -1, 0],
    ['infinite temperature', Infinity, 0],
    ['fractional topK', 1, 1.5],
    ['negative topK', 1, -1],
  ])('refuses %s', (_name, temperature, topK) => {
    expect(() => sampleNextToken(logits, temperature, topK, Math.random)).toThrow(RangeError);
  });
});

describe('generateText', () => {
  // A fixed "model": logits that always favour id (last id + 1) mod 5, written as a tiny functional model.
  function successorModel(): tf.LayersModel {
    const ids = tf.input({ shape: [null], dtype: 'int32' });
    const embed = tf.layers.embedding({ inputDim: 5, outputDim: 5, embeddingsInitializer: 'zeros' });
    const model = tf.model({ inputs: ids, outputs: embed.apply(ids) as tf.SymbolicTensor });
    const table = tf.tidy(() => tf.oneHot(tf.tensor1d([1, 2, 3, 4, 0], 'int32'), 5).mul(10));
    model.setWeights([table]);
    table.dispose();
    return model;
  }

  it('continues greedily, reports each id, and leaves no tensors behind', async () => {
    const model = successorModel();
    const seen: number[] = [];
    const before = tf.memory().numTensors;
    const ids = await generateText(model, [2], { maxNewTokens: 6, temperature: 0, contextLength: 3, onToken: (id) => seen.push(id) });
    expect(Array.from(ids)).toEqual([3, 4, 0, 1, 2, 3]);
    expect(seen).toEqual(Array.from(ids));
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('refuses an empty prompt, out-of-vocabulary ids, a missing contextLength and bad counts', async () => {
    const model = successorModel();
    await expect(generateText(model, [], { maxNewTokens: 1, contextLength: 3 })).rejects.toThrow(/prompt is empty/);
    await expect(generateText(model, [7], { maxNewTokens: 1, contextLength: 3 })).rejects.toThrow(/outside the model's vocabulary 0..4/);
    await expect(generateText(model, [1], { maxNewTokens: 1 })).rejects.toThrow(/pass contextLength/);
    await expect(generateText(model, [1], { maxNewTokens: -1, contextLength: 3 })).rejects.toThrow(/maxNewTokens/);
    expect(await generateText(model, [1], { maxNewTokens: 0, contextLength: 3 })).toHaveLength(0);
    model.dispose();
  });
});
