// ModelSpec validation (messages and fields, budgets before allocation), version upgrade, registries and presets.
import { describe, expect, it } from 'vitest';
import { MODEL_PRESETS, createPresetSpec, suggestModelSpec } from '../../../src/engine/model/model-presets';
import { ACTIVATIONS, KERNEL_INITIALIZERS, MODEL_KINDS } from '../../../src/engine/model/model-registry';
import { upgradeModelSpec, type CnnSpec, type LayeredModelSpec, type MlpSpecV2, type ModelSpec, type RnnSpec } from '../../../src/engine/model/model-spec';
import { ModelSpecError } from '../../../src/engine/model/model-spec-error';
import { summarizeModel } from '../../../src/engine/model/model-summary';
import { validateModelSpec } from '../../../src/engine/model/validate-model-spec';
import { PRESET_IDS, presetSpec } from './model-fixtures';

const mlp = presetSpec('tabular-mlp') as MlpSpecV2;
const cnn = presetSpec('lenet-cnn') as CnnSpec;
const rnn = presetSpec('lstm-text') as RnnSpec;

/** The error `validateModelSpec` throws for `spec` (fails the test when it throws none). */
function refusal(spec: unknown): ModelSpecError {
  try {
    validateModelSpec(spec as ModelSpec);
  } catch (error) {
    if (error instanceof ModelSpecError) return error;
    throw error;
  }
  throw new Error('expected a ModelSpecError');
}

describe('validateModelSpec', () => {
  it('accepts every preset and the suggestions', () => {
    for (const id of PRESET_IDS) expect(() => validateModelSpec(presetSpec(id))).not.toThrow();
    expect(suggestModelSpec({ kind: 'images', inputShape: [28, 28, 1] }, { task: 'classification', outputSize: 10 })).toMatchObject({ kind: 'cnn', globalPooling: 'flatten' });
    expect(suggestModelSpec({ kind: 'images', inputShape: [64, 64, 3] }, { task: 'classification', outputSize: 10 })).toMatchObject({ kind: 'cnn', globalPooling: 'avg' });
    expect(suggestModelSpec({ kind: 'text', vocabSize: 500, sequenceLength: 64 }, { task: 'classification', outputSize: 2 })).toMatchObject({ kind: 'rnn', cell: 'lstm' });
    expect(suggestModelSpec({ kind: 'corpus', vocabSize: 80 }, { task: 'classification', outputSize: 2 })).toMatchObject({ kind: 'gpt', vocabSize: 80 });
  });

  it.each<[string, unknown, RegExp, string | undefined]>([
    ['units 1e9', { ...mlp, layers: [{ ...mlp.layers[0], units: 1e9 }] }, /layers\[0\]\.units must be a whole number from 1 to 8,192, not 1000000000/, 'layers[0].units'],
    ['fractional units', { ...mlp, layers: [{ ...mlp.layers[0], units: 2.5 }] }, /layers\[0\]\.units/, 'layers[0].units'],
    ['unknown activation', { ...mlp, layers: [{ ...mlp.layers[0], activation: 'softmax' }] }, /activation must be one of 'relu', 'leakyRelu'/, 'layers[0].activation'],
    ['dropout 1', { ...mlp, layers: [{ ...mlp.layers[0], dropout: 1 }] }, /dropout must be a number from 0 to 0.9/, 'layers[0].dropout'],
    ['negative l2', { ...mlp, layers: [{ ...mlp.layers[0], l2: -1 }] }, /layers\[0\]\.l2/, 'layers[0].l2'],
    ['one class', { ...mlp, outputSize: 1 }, /outputSize for classification must be a whole number from 2/, 'outputSize for classification'],
    ['unknown initializer', { ...mlp, kernelInitializer: 'zeros' }, /kernelInitializer must be one of/, 'kernelInitializer'],
    ['version 1', { ...mlp, version: 1 }, /version 1; upgrade it with upgradeModelSpec/, 'version'],
    ['unknown kind', { ...mlp, kind: 'svm' }, /Unknown model kind "svm"/, 'kind'],
    ['filters 1e6', { ...cnn, blocks: [{ ...cnn.blocks[0], filters: 1e6 }] }, /blocks\[0\]\.filters must be a whole number from 1 to 2,048/, 'blocks[0].filters'],
    ['residual with valid padding', { ...cnn, blocks: [{ ...cnn.blocks[0], type: 'residual', padding: 'valid' }] }, /blocks\[0\]\.padding must be one of 'same'/, 'blocks[0].padding'],
    ['pool size 1', { ...cnn, blocks: [{ ...cnn.blocks[0], poolSize: 1 }] }, /poolSize must be a whole number from 2/, 'blocks[0].poolSize'],
    ['image of 2 dimensions', { ...cnn, inputShape: [28, 28] }, /inputShape must be a list of 3 to 3 entries/, 'inputShape'],
    ['no recurrent layer', { ...rnn, recurrentLayers: [] }, /recurrentLayers must be a list of 1 to 8 entries/, 'recurrentLayers'],
    ['unknown cell', { ...rnn, cell: 'transformer' }, /cell must be one of 'simpleRnn', 'lstm', 'gru'/, 'cell'],
    ['vocabulary of 1', { ...rnn, input: { ...rnn.input, vocabSize: 1 } }, /input\.vocabSize/, 'input.vocabSize'],
    ['numeric input without features', { ...rnn, input: { type: 'numeric', steps: 5 } }, /input\.features/, 'input.features'],
  ])('refuses %s', (_name, spec, message, field) => {
    const error = refusal(spec);
    expect(error.message).toMatch(message);
    expect(error.field).toBe(field);
  });

  it('refuses shapes that do not fit, naming the layer', () => {
    // 12×12 → 5×5 'valid' conv 8×8 → pool 4×4 → 5×5 'valid' conv cannot fit.
    const small = { ...cnn, inputShape: [12, 12, 1] as [number, number, number], blocks: cnn.blocks.map((b) => ({ ...b, padding: 'valid' as const })) };
    expect(refusal(small).message).toMatch(/Layer conv2: a 5×5 'valid' convolution does not fit a 4×4 feature map/);
    const pooled = { ...cnn, inputShape: [3, 3, 1] as [number, number, number], blocks: [{ ...cnn.blocks[0], padding: 'same' as const, poolSize: 4 }] };
    expect(refusal(pooled).message).toMatch(/Layer conv1_pool: a 4×4 pool does not fit a 3×3 feature map/);
  });

  it('refuses budgets computed analytically: parameters, activations and multiply-adds', () => {
    // 4 layers of 8,192 units: 3·8,192² ≈ 201 million parameters.
    const wide = { ...mlp, layers: Array(4).fill({ ...mlp.layers[0], units: 8192 }) };
    expect(refusal(wide).message).toMatch(/201,\d{3},\d{3} parameters; the limit is 20,000,000 \(largest: layer dense2\)/);
    // 1024×1024 image, 2,048 filters: 2.1 billion activation values per sample.
    const big = { ...cnn, inputShape: [1024, 1024, 3], blocks: [{ ...cnn.blocks[0], filters: 2048, kernelSize: 1, padding: 'same', pool: 'none' }], globalPooling: 'avg', head: [] };
    expect(refusal(big).message).toMatch(/activation values per sample; the limit is 20,000,000 \(largest: layer conv1\)/);
    // 11×11 conv 64 → 512 channels on 128×128: 3.96 million weights, 9.4 million activations, but 16,384·3.96e6 ≈ 6.5e10 MACs.
    const deep = { ...cnn, inputShape: [128, 128, 64], globalPooling: 'avg', head: [], blocks: [{ ...cnn.blocks[0], filters: 512, kernelSize: 11, padding: 'same', pool: 'none' }] };
    expect(() => summarizeModel(deep as unknown as CnnSpec)).toThrow(/64,\d{3},\d{3},\d{3} multiply-adds per sample; the limit is 20,000,000,000/);
  });

  it('delegates the attention kinds to their own validation', () => {
    expect(refusal({ version: 2, kind: 'gpt', vocabSize: 10, contextLength: 8, embedDim: 6, heads: 4, layers: 1, mlpDim: 16, dropout: 0, tieWeights: true }).message).toMatch(/divisible by heads/);
  });
});

describe('specs, registries and presets', () => {
  it('upgrades a version 1 MLP spec to the same network in version 2', () => {
    const upgraded = upgradeModelSpec({ version: 1, kind: 'mlp', inputSize: 4, hiddenLayers: [8, 6], activation: 'tanh', outputSize: 3, task: 'classification' });
    expect(upgraded).toEqual({
      version: 2, kind: 'mlp', inputSize: 4, task: 'classification', outputSize: 3, kernelInitializer: 'glorotUniform',
      layers: [{ units: 8, activation: 'tanh', normalization: 'none', dropout: 0 }, { units: 6, activation: 'tanh', normalization: 'none', dropout: 0 }],
    });
    // (4+1)·8 + (8+1)·6 + (6+1)·3 = 115 parameters, as build-mlp.ts counts for version 1.
    expect(summarizeModel(upgraded).totalParameters).toBe(115);
    expect(upgradeModelSpec(mlp)).toBe(mlp);
  });

  it('lists all five kinds with defaults of their own kind, and survives structured cloning', () => {
    expect(Object.keys(MODEL_KINDS).sort()).toEqual(['cnn', 'gpt', 'mlp', 'rnn', 'transformer']);
    for (const [kind, entry] of Object.entries(MODEL_KINDS)) expect(entry.defaults.kind).toBe(kind);
    expect(structuredClone(MODEL_KINDS)).toEqual(MODEL_KINDS);
    expect(structuredClone(MODEL_PRESETS)).toEqual(MODEL_PRESETS);
    expect(Object.keys(ACTIVATIONS)).toHaveLength(10);
    expect(Object.keys(KERNEL_INITIALIZERS)).toContain('heNormal');
  });

  it('registry defaults complete with dataset fields validate', () => {
    const target = { task: 'classification' as const, outputSize: 3 };
    const specs: LayeredModelSpec[] = [
      { ...MODEL_KINDS.mlp.defaults, inputSize: 5, ...target },
      { ...MODEL_KINDS.cnn.defaults, inputShape: [16, 16, 3], ...target },
      { ...MODEL_KINDS.rnn.defaults, input: { type: 'numeric', steps: 10, features: 2 }, ...target },
    ];
    for (const spec of specs) expect(() => validateModelSpec(spec)).not.toThrow();
  });

  it('refuses a preset for another data kind, and keeps LeNet small images in shape with same padding', () => {
    expect(() => createPresetSpec('lenet-cnn', { kind: 'table', inputSize: 3 }, { task: 'classification', outputSize: 2 })).toThrow(RangeError);
    const tiny = createPresetSpec('lenet-cnn', { kind: 'images', inputShape: [8, 8, 1] }, { task: 'classification', outputSize: 2 }) as CnnSpec;
    expect(tiny.blocks[1].padding).toBe('same');
    expect(summarizeModel(tiny).layers.find((l) => l.name === 'flatten')!.outputShape).toEqual([2 * 2 * 16]);
  });
});
