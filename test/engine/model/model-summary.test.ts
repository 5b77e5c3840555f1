// Model summary: analytic parameter counts and output shapes equal the built tfjs model's (presets and random
// specs, layer by layer), FLOPs by hand for a dense and a conv layer, and the training-memory formula.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../../src/engine/model/build-model';
import type { CnnSpec, LayeredModelSpec, MlpSpecV2 } from '../../../src/engine/model/model-spec';
import { ModelSpecError } from '../../../src/engine/model/model-spec-error';
import { planForSummary, summarizeModel } from '../../../src/engine/model/model-summary';
import { PRESET_IDS, presetSpec, randomSpec } from './model-fixtures';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Compares the summary with the built model: total, per layer parameters and per layer output shapes. */
function expectSummaryMatchesModel(spec: LayeredModelSpec): number {
  const summary = summarizeModel(spec);
  const model = buildModel(spec, 5);
  try {
    expect(summary.totalParameters).toBe(model.countParams());
    for (const layer of summary.layers) {
      const built = model.getLayer(layer.name);
      expect(built.countParams(), layer.name).toBe(layer.parameters);
      expect(built.outputShape, layer.name).toEqual([null, ...layer.outputShape]);
    }
    const trainable = model.trainableWeights.reduce((sum, w) => sum + w.shape.reduce((a, b) => (a as number) * (b as number), 1)!, 0);
    expect(summary.trainableParameters).toBe(trainable);
    expect(model.layers.length).toBe(summary.layers.length);
  } finally {
    model.dispose();
  }
  return summary.totalParameters;
}

describe('parameter counts match tfjs countParams()', () => {
  it.each(PRESET_IDS)('preset %s', (id) => {
    expectSummaryMatchesModel(presetSpec(id));
  });

  it('presets on the standard inputs have the counts measured in the report', () => {
    const counts = Object.fromEntries(PRESET_IDS.map((id) => [id, summarizeModel(presetSpec(id)).totalParameters]));
    // LeNet on 28×28×1 with 10 classes by hand: 156 + 2,416 + 400·120+120 + 120·84+84 + 84·10+10 = 61,706.
    expect(counts['lenet-cnn']).toBe(61_706);
    // Tabular 7 → 64 → 32 → 10: 8·64 + 65·32 + 33·10 = 512 + 2,080 + 330 = 2,922.
    expect(counts['tabular-mlp']).toBe(2_922);
    // LSTM text: 1000·64 embeddings + 4·(64·(64+64) + 64) + 65·10 = 64,000 + 33,024 + 650 = 97,674.
    expect(counts['lstm-text']).toBe(97_674);
    // Bidirectional GRU 48: 64,000 + 2·3·(48·(64+48) + 48) + 97·10 = 64,000 + 32,544 + 970 = 97,514.
    expect(counts['gru-text']).toBe(97_514);
    // ResNet: stem 144+64; block 16→16: 2·(2,304+64); 16→32 s2: 4,608+128 + 9,216+128 + 1×1 projection 512+128;
    // 32→64 s2: 18,432+256 + 36,864+256 + 2,048+256; output 65·10. Sum 208 + 4,736 + 14,720 + 58,112 + 650 = 78,426.
    expect(counts['resnet-cnn']).toBe(78_426);
  });

  it.each(['mlp', 'cnn', 'rnn'] as const)('random %s specs (12 seeds each)', (kind) => {
    for (let seed = 1; seed <= 12; seed += 1) expectSummaryMatchesModel(randomSpec(kind, seed * 7919));
  });
});

describe('FLOPs and memory', () => {
  const mlp: MlpSpecV2 = {
    version: 2, kind: 'mlp', inputSize: 10, task: 'classification', outputSize: 3, kernelInitializer: 'glorotUniform',
    layers: [{ units: 20, activation: 'relu', normalization: 'none', dropout: 0 }],
  };

  it('counts 2 FLOPs per multiply-add of a dense layer: 2·(10·20) + 2·(20·3) = 520', () => {
    const s = summarizeModel(mlp);
    expect(s.layers.map((l) => l.flops)).toEqual([0, 400, 120]);
    expect(s.forwardFlopsPerSample).toBe(520);
    expect(s.trainingFlopsPerSample).toBe(1560);
  });

  it('counts a conv layer: 8×8 same 3×3 conv 2 → 4 channels is 8·8·4·(3·3·2) = 4,608 MACs', () => {
    const cnn: CnnSpec = {
      version: 2, kind: 'cnn', inputShape: [8, 8, 2], task: 'regression', outputSize: 1, kernelInitializer: 'heNormal', globalPooling: 'avg', head: [],
      blocks: [{ type: 'conv', filters: 4, kernelSize: 3, stride: 1, padding: 'same', activation: 'relu', batchNorm: false, pool: 'none', poolSize: 2, dropout: 0 }],
    };
    const s = summarizeModel(cnn);
    expect(s.layers.find((l) => l.name === 'conv1')!.flops).toBe(2 * 4608);
    // Global pool [4] then output 4 → 1: 4 MACs.
    expect(s.forwardFlopsPerSample).toBe(2 * 4608 + 2 * 4);
    // Strided 'valid' conv: 5×5 kernel stride 2 on 8×8 → 2×2 map.
    const strided = summarizeModel({ ...cnn, blocks: [{ ...cnn.blocks[0], kernelSize: 5, stride: 2, padding: 'valid' }] });
    expect(strided.layers.find((l) => l.name === 'conv1')).toMatchObject({ outputShape: [2, 2, 4], flops: 2 * 2 * 2 * 4 * 5 * 5 * 2 });
  });

  it('estimates training memory as 4·(P + T + 2T + 4·B·A) bytes (4: room for the gradients of the kept values)', () => {
    // P = T = 11·20 + 21·3 = 283; A per sample = 10 input + 20 hidden + 3 logits = 33.
    const { memory } = summarizeModel(mlp, 8);
    expect(memory).toEqual({ batchSize: 8, weightBytes: 4 * 283, gradientBytes: 4 * 283, optimizerBytes: 8 * 283, activationBytes: 4 * 4 * 8 * 33, totalBytes: 16 * 283 + 128 * 33 });
  });

  it('counts a recurrent layer\'s per-step gates and states 3.5 times (tfjs runs each step as many small ops)', () => {
    const rnn = summarizeModel({
      version: 2, kind: 'rnn', kernelInitializer: 'glorotUniform', task: 'classification', outputSize: 2,
      input: { type: 'numeric', steps: 5, features: 3 }, cell: 'lstm', recurrentLayers: [4], bidirectional: false, dropout: 0, head: [],
    });
    // LSTM 4 units over 5 steps keeps 5·4·(4 gates + 2) = 120 values, ×3.5 = 420, plus its output 4.
    expect(rnn.layers.find((l) => l.name === 'lstm1')!.activations).toBe(424);
  });

  it('counts batch norm moving statistics as parameters but not as trainable', () => {
    const s = summarizeModel({ ...mlp, layers: [{ ...mlp.layers[0], normalization: 'batch' }] });
    // Dense without bias 10·20, batch norm 4·20 (γ, β trainable; mean, variance not), output 21·3.
    expect(s.totalParameters).toBe(200 + 80 + 63);
    expect(s.nonTrainableParameters).toBe(40);
    expect(s.memory.gradientBytes).toBe(4 * (343 - 40));
  });

  it('refuses a bad batch size; the attention kinds have no layer plan (attention-summary.test.ts covers their summary)', () => {
    expect(() => summarizeModel(mlp, 0)).toThrow(RangeError);
    expect(() => planForSummary({ version: 2, kind: 'gpt', vocabSize: 10, contextLength: 8, embedDim: 8, heads: 2, layers: 1, mlpDim: 16, dropout: 0, tieWeights: true }))
      .toThrow(ModelSpecError);
  });
});
