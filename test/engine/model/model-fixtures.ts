// Shared inputs for the model tests: one dataset shape per preset data kind, and seeded random specs of every layered kind.
import { createRandom, type RandomSource } from '../../../src/engine/random';
import { createPresetSpec, MODEL_PRESETS, type PresetId, type PresetInput, type PresetTarget } from '../../../src/engine/model/model-presets';
import type { ActivationName, ConvBlockSpec, DenseLayerSpec, LayeredModelSpec } from '../../../src/engine/model/model-spec';
import { ModelSpecError } from '../../../src/engine/model/model-spec-error';
import { validateModelSpec } from '../../../src/engine/model/validate-model-spec';

export const PRESET_INPUTS = {
  table: { kind: 'table', inputSize: 7 },
  images: { kind: 'images', inputShape: [28, 28, 1] },
  text: { kind: 'text', vocabSize: 1000, sequenceLength: 40 },
} as const satisfies Record<string, PresetInput>;

export const PRESET_IDS = Object.keys(MODEL_PRESETS) as PresetId[];

/** The preset's spec for the standard input of its data kind. */
export function presetSpec(id: PresetId, target: PresetTarget = { task: 'classification', outputSize: 10 }, input?: PresetInput): LayeredModelSpec {
  return createPresetSpec(id, input ?? PRESET_INPUTS[MODEL_PRESETS[id].dataKind], target) as LayeredModelSpec;
}

const ACTS: ActivationName[] = ['relu', 'leakyRelu', 'elu', 'selu', 'gelu', 'swish', 'silu', 'tanh', 'sigmoid', 'linear'];
const pick = <T>(r: RandomSource, items: readonly T[]): T => items[Math.floor(r() * items.length)];
const int = (r: RandomSource, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

function randomDense(r: RandomSource): DenseLayerSpec {
  return { units: int(r, 1, 24), activation: pick(r, ACTS), normalization: pick(r, ['none', 'batch', 'layer'] as const), dropout: pick(r, [0, 0.2]), l2: pick(r, [0, 1e-3]) };
}

function randomBlock(r: RandomSource): ConvBlockSpec {
  const type = pick(r, ['conv', 'residual'] as const);
  return {
    type, filters: int(r, 1, 12), kernelSize: pick(r, [1, 3, 5]), stride: pick(r, [1, 1, 2]), padding: type === 'residual' ? 'same' : pick(r, ['same', 'valid'] as const),
    activation: pick(r, ACTS), batchNorm: r() < 0.5, pool: pick(r, ['none', 'max', 'avg'] as const), poolSize: 2, dropout: pick(r, [0, 0.1]),
  };
}

/** A random valid spec of `kind` (re-drawn until it validates, e.g. until its pools fit the image). */
export function randomSpec(kind: LayeredModelSpec['kind'], seed: number): LayeredModelSpec {
  const r = createRandom(seed);
  for (;;) {
    const head = { task: pick(r, ['classification', 'regression'] as const), kernelInitializer: pick(r, ['glorotUniform', 'heNormal', 'leCunUniform'] as const) };
    const outputSize = head.task === 'classification' ? int(r, 2, 5) : int(r, 1, 2);
    const dense = Array.from({ length: int(r, 0, 3) }, () => randomDense(r));
    let spec: LayeredModelSpec;
    if (kind === 'mlp') spec = { version: 2, kind, inputSize: int(r, 1, 30), layers: dense, outputSize, ...head };
    else if (kind === 'cnn') {
      const side = int(r, 6, 20);
      spec = {
        version: 2, kind, inputShape: [side, int(r, 6, 20), int(r, 1, 3)], blocks: Array.from({ length: int(r, 1, 3) }, () => randomBlock(r)),
        globalPooling: pick(r, ['avg', 'max', 'flatten'] as const), head: dense, outputSize, ...head,
      };
    } else {
      const tokens = r() < 0.5;
      spec = {
        version: 2, kind, outputSize, ...head, head: dense, cell: pick(r, ['simpleRnn', 'lstm', 'gru'] as const), bidirectional: r() < 0.5, dropout: pick(r, [0, 0.1]),
        recurrentLayers: Array.from({ length: int(r, 1, 2) }, () => int(r, 1, 10)),
        input: tokens ? { type: 'tokens', vocabSize: int(r, 2, 50), sequenceLength: int(r, 1, 6), embeddingDim: int(r, 1, 8), maskPadding: r() < 0.5 } : { type: 'numeric', steps: int(r, 1, 6), features: int(r, 1, 5) },
      };
    }
    try {
      validateModelSpec(spec);
      return spec;
    } catch (error) {
      if (!(error instanceof ModelSpecError)) throw error;
    }
  }
}
