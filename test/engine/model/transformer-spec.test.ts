// Transformer and GPT specs: defaults, the hand-counted parameter formula, and refusals before any allocation.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ModelSpecError } from '../../../src/engine/model/model-spec-error';
import { buildGpt } from '../../../src/engine/model/gpt-model';
import { buildTransformerClassifier } from '../../../src/engine/model/transformer-classifier';
import {
  ATTENTION_MODEL_KINDS, type AttentionModelSpec, type GptSpec, type TransformerSpec, defaultGptSpec, defaultTransformerSpec,
  parameterCount, validateAttentionSpec,
} from '../../../src/engine/model/transformer-spec';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const transformer: TransformerSpec = defaultTransformerSpec(100, 3, 'classification');
const gpt: GptSpec = defaultGptSpec(65);

describe('attention model specs', () => {
  it('documents defaults in the registry and builds valid specs from them', () => {
    expect(ATTENTION_MODEL_KINDS.transformer.label).toBe('Transformer encoder');
    expect(transformer).toEqual({
      version: 2, kind: 'transformer', vocabSize: 100, sequenceLength: 128, embedDim: 64, heads: 4, layers: 2, mlpDim: 128,
      dropout: 0.1, pooling: 'mean', outputSize: 3, task: 'classification',
    });
    expect(gpt).toMatchObject({ version: 2, kind: 'gpt', vocabSize: 65, contextLength: 64, tieWeights: true });
    expect(() => validateAttentionSpec(transformer)).not.toThrow();
    expect(() => validateAttentionSpec(gpt)).not.toThrow();
    expect(JSON.parse(JSON.stringify(gpt))).toEqual(gpt); // plain JSON
  });

  it('counts parameters by hand: GPT V=5, ctx=4, d=4, 1 layer, mlp 8, tied', () => {
    // tokens 5·4 = 20, positions 4·4 = 16, block: norms 2·8 = 16, attention 4·(16+4) = 80, MLP (4·8+8)+(8·4+4) = 76,
    // final norm 8, tied head 0 → 20 + 16 + 16 + 80 + 76 + 8 = 216; untied adds 4·5 + 5 = 25.
    const small: GptSpec = { version: 2, kind: 'gpt', vocabSize: 5, contextLength: 4, embedDim: 4, heads: 2, layers: 1, mlpDim: 8, dropout: 0, tieWeights: true };
    expect(parameterCount(small)).toBe(216);
    expect(parameterCount({ ...small, tieWeights: false })).toBe(241);
  });

  it('matches countParams() of the built models for the defaults', () => {
    const specs: AttentionModelSpec[] = [transformer, { ...transformer, pooling: 'cls', task: 'regression', outputSize: 1 }, gpt, { ...gpt, tieWeights: false }];
    for (const spec of specs) {
      const model = spec.kind === 'gpt' ? buildGpt(spec, 1) : buildTransformerClassifier(spec, 1);
      expect(model.countParams()).toBe(parameterCount(spec));
      model.dispose();
    }
  });

  it.each([
    ['embedDim not divisible by heads', { embedDim: 30, heads: 4 }, /embedDim \(30\) must be divisible by heads \(4\)/, 'embedDim'],
    ['embedDim of 1e9', { embedDim: 1e9 }, /embedDim must be a whole number from 1 to 1024/, 'embedDim'],
    ['zero layers', { layers: 0 }, /layers must be/, 'layers'],
    ['fractional heads', { heads: 1.5 }, /heads must be/, 'heads'],
    ['dropout 1', { dropout: 1 }, /dropout must be a rate/, 'dropout'],
    ['a vocabulary of one', { vocabSize: 1 }, /vocabSize/, 'vocabSize'],
    ['one class', { outputSize: 1 }, /outputSize for classification/, 'outputSize'],
    ['unknown pooling', { pooling: 'max' }, /pooling must be 'mean' or 'cls'/, 'pooling'],
    ['a wrong version', { version: 1 }, /expected a transformer or gpt spec version 2/, undefined],
    ['too many parameters', { vocabSize: 60_000, embedDim: 512, heads: 8 }, /parameters; the limit is 20,000,000/, 'embedDim'],
  ])('refuses a transformer with %s before allocating', (_name, change, message, field) => {
    const before = tf.memory().numTensors;
    const bad = { ...transformer, ...change } as TransformerSpec;
    expect(() => validateAttentionSpec(bad)).toThrow(message);
    expect(() => buildTransformerClassifier(bad, 1)).toThrow(ModelSpecError);
    try { validateAttentionSpec(bad); } catch (error) { expect((error as ModelSpecError).field).toBe(field); }
    expect(tf.memory().numTensors).toBe(before);
  });

  it.each([
    ['contextLength 0', { contextLength: 0 }, /contextLength/],
    ['contextLength 1e6', { contextLength: 1e6 }, /contextLength must be a whole number from 1 to 2048/],
    ['tieWeights not a boolean', { tieWeights: 'yes' }, /tieWeights/],
  ])('refuses a GPT with %s before allocating', (_name, change, message) => {
    const before = tf.memory().numTensors;
    const bad = { ...gpt, ...change } as GptSpec;
    expect(() => buildGpt(bad, 1)).toThrow(message);
    expect(tf.memory().numTensors).toBe(before);
  });
});
