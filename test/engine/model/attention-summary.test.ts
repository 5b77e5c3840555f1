// Summary of the attention kinds: parameter counts equal the built tfjs model's (total and per layer, tied and untied
// GPT, mean and CLS pooling), FLOPs and kept activations of a tiny GPT by hand, and the T×T attention memory.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { attentionParts } from '../../../src/engine/model/attention-summary';
import { buildModel } from '../../../src/engine/model/build-model';
import { ModelSpecError } from '../../../src/engine/model/model-spec-error';
import { summarizeModel } from '../../../src/engine/model/model-summary';
import { defaultGptSpec, defaultTransformerSpec, parameterCount, type AttentionModelSpec, type GptSpec, type TransformerSpec } from '../../../src/engine/model/transformer-spec';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** vocab 10, context 4, width 8, 2 heads, 1 block, MLP 16, no dropout, tied output. */
const TINY_GPT: GptSpec = { version: 2, kind: 'gpt', vocabSize: 10, contextLength: 4, embedDim: 8, heads: 2, layers: 1, mlpDim: 16, dropout: 0, tieWeights: true };
const TINY_ENCODER: TransformerSpec = {
  version: 2, kind: 'transformer', vocabSize: 12, sequenceLength: 5, embedDim: 8, heads: 2, layers: 2, mlpDim: 12, dropout: 0.1, pooling: 'mean', outputSize: 3, task: 'classification',
};

/** Summary against the built model: total = countParams() = parameterCount(spec), and every row named like a tfjs layer. */
function expectMatchesModel(spec: AttentionModelSpec): void {
  const summary = summarizeModel(spec);
  const model = buildModel(spec, 3);
  try {
    expect(summary.totalParameters).toBe(model.countParams());
    expect(summary.totalParameters).toBe(parameterCount(spec));
    expect(summary.trainableParameters).toBe(summary.totalParameters);
    const built = new Set(model.layers.map((l) => l.name));
    const rows = new Set(summary.layers.map((l) => l.name));
    // Every tfjs layer has a row; the only extra row is a tied GPT's second use of the token embedding.
    expect([...built].filter((name) => !rows.has(name))).toEqual([]);
    expect([...rows].filter((name) => !built.has(name))).toEqual(spec.kind === 'gpt' && spec.tieWeights ? ['lm_head'] : []);
    for (const row of summary.layers.filter((l) => built.has(l.name))) {
      const layer = model.getLayer(row.name);
      expect(layer.countParams(), row.name).toBe(row.parameters);
      // The GPT's time axis is free (null) in tfjs; the summary uses the full context.
      const shape = (layer.inboundNodes[0].outputShapes as (number | null)[][])[0];
      expect(shape.slice(1).map((s, i) => s ?? row.outputShape[i]), row.name).toEqual(row.outputShape);
    }
  } finally {
    model.dispose();
  }
}

describe('parameter counts match tfjs countParams()', () => {
  it.each([
    ['tiny tied GPT', TINY_GPT],
    ['untied GPT with 2 blocks', { ...TINY_GPT, tieWeights: false, layers: 2, contextLength: 6 }],
    ['encoder, mean pooling', TINY_ENCODER],
    ['encoder, CLS pooling, regression', { ...TINY_ENCODER, pooling: 'cls', task: 'regression', outputSize: 1 }],
    ['default GPT on a 65-character vocabulary', defaultGptSpec(65)],
    ['default encoder', defaultTransformerSpec(200, 4, 'classification')],
  ] as [string, AttentionModelSpec][])('%s', (_, spec) => {
    expectMatchesModel(spec);
  });

  it('counts the tiny GPT by hand: 728 parameters, the tied matrix once', () => {
    // Tokens 10·8 = 80, positions 4·8 = 32; block: 2 LayerNorms 2·16, Wq/Wk/Wv/Wo 4·(64 + 8) = 288,
    // MLP 8·16 + 16 = 144 and 16·8 + 8 = 136 → 600; final LayerNorm 16; tied head 0. 80 + 32 + 600 + 16 = 728.
    const s = summarizeModel(TINY_GPT);
    expect(s.totalParameters).toBe(728);
    expect(s.layers.find((l) => l.name === 'lm_head')).toMatchObject({ kind: 'tiedOutput', parameters: 0, outputShape: [4, 10] });
    // Untied: plus D·V + V = 80 + 10.
    expect(summarizeModel({ ...TINY_GPT, tieWeights: false }).totalParameters).toBe(728 + 90);
  });
});

describe('FLOPs and activations', () => {
  it('counts the tiny GPT forward FLOPs per sequence by hand: 5,248', () => {
    // t = 4, d = 8, m = 16, V = 10 (2 FLOPs per multiply-add).
    // Attention: Q, K, V 2·3·4·8·8 = 1,536; Q Kᵀ 2·4·4·8 = 256; × V 256; output 2·4·8·8 = 512 → 2,560.
    // MLP: 2·4·8·16 = 1,024 twice → 2,048. Head (tied or not): 2·4·8·10 = 640. Total 5,248.
    const s = summarizeModel(TINY_GPT);
    const attention = s.layers.find((l) => l.name === 'block1_attention')!;
    expect(attention.flops).toBe(2560);
    expect(attention.parts!.map((p) => p.flops)).toEqual([1536, 256, 0, 256, 512]);
    expect(s.forwardFlopsPerSample).toBe(5248);
    expect(s.trainingFlopsPerSample).toBe(3 * 5248);
  });

  it('keeps the T×T score and probability matrices of every head', () => {
    // t = 4, d = 8, 2 heads: Q, K, V 96; scores 2·16 = 32; probabilities 32; concatenated heads 32.
    expect(attentionParts(4, 8, 2).map((p) => p.activations)).toEqual([96, 32, 32, 32, 0]);
    // Doubling the context quadruples the matrices: 2 heads · 8² = 128 each.
    expect(attentionParts(8, 8, 2).map((p) => p.activations)).toEqual([192, 128, 128, 64, 0]);
  });

  it('counts the tiny GPT activations per sequence by hand: 1,236', () => {
    // ids 4; token, position, embedding dropout 3·32; LayerNorm 32 + 2·32 + 2·4 = 104 (three of them);
    // attention 32 + 192 = 224; dropouts and residual adds 4·32; MLP hidden 5·4·16 = 320; MLP output 32;
    // head logits + log-probabilities + one-hot targets 3·4·10 = 120.
    const s = summarizeModel(TINY_GPT);
    expect(s.layers.find((l) => l.name === 'block1_attention')!.activations).toBe(224);
    expect(s.layers.reduce((sum, l) => sum + l.activations, 0)).toBe(4 + 96 + 3 * 104 + 224 + 128 + 320 + 32 + 120);
  });

  it('estimates the tiny GPT\'s training memory at batch 2 with the same formula as the other kinds', () => {
    // 4 bytes × (728 weights + 728 gradients + 2·728 Adam slots) + 4 bytes × 4 (backward factor) × 2 × 1,236.
    expect(summarizeModel(TINY_GPT, 2).memory).toEqual({
      batchSize: 2, weightBytes: 4 * 728, gradientBytes: 4 * 728, optimizerBytes: 8 * 728, activationBytes: 16 * 2 * 1236, totalBytes: 16 * 728 + 32 * 1236,
    });
  });

  it('gives an active dropout its keep-mask and wires the encoder rows', () => {
    const s = summarizeModel(TINY_ENCODER);
    // t = 5, d = 8: output 40 plus mask 40.
    expect(s.layers.find((l) => l.name === 'embedding_dropout')!.activations).toBe(80);
    expect(s.layers.find((l) => l.name === 'block1_attention')!.inputs).toEqual(['block1_norm1', 'padding_mask']);
    expect(s.layers.find((l) => l.name === 'block2_residual1')!.inputs).toEqual(['block1_residual2', 'block2_dropout1']);
    expect(s.layers.find((l) => l.name === 'mean_pool')!.inputs).toEqual(['final_norm', 'padding_mask']);
    // A CLS vector adds one position everywhere after it: t = 6.
    const cls = summarizeModel({ ...TINY_ENCODER, pooling: 'cls' });
    expect(cls.layers.find((l) => l.name === 'block1_attention')!.outputShape).toEqual([6, 8]);
  });

  it('validates the spec first', () => {
    expect(() => summarizeModel({ ...TINY_GPT, embedDim: 9 })).toThrow(ModelSpecError);
    expect(() => summarizeModel({ ...TINY_ENCODER, heads: 0 })).toThrow(ModelSpecError);
    expect(() => summarizeModel(TINY_GPT, 0)).toThrow(RangeError);
  });
});
