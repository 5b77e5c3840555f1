// The start-up check that the active backend computes gradients right: a tiny model of every kind
// (MLP, CNN, GRU, Transformer, GPT) gets its loss gradients on this backend and on the CPU backend with
// identical weights; a backend whose kernels disagree (e.g. a driver bug) is not used for training.
import * as tf from '@tensorflow/tfjs';
import { buildModel } from '../src/engine/model/build-model';
import { compareGradients, type GradientDifference } from '../src/engine/model/gradient-check';
import type { ModelSpec } from '../src/engine/model/model-spec';
import { createRandom } from '../src/engine/random';

/** Largest relative gradient error accepted (float32 backends agree to about 1e-6). */
export const GRADIENT_TOLERANCE = 1e-3;

const head = { task: 'classification' as const, outputSize: 3, kernelInitializer: 'glorotUniform' as const };
const dense = { activation: 'tanh' as const, normalization: 'none' as const, dropout: 0 };
const ids = (length: number, seed: number) => () => tf.tensor2d(Int32Array.from(seeded(4 * length, seed), (v) => 1 + Math.floor(v * 7)), [4, length], 'int32');

/** One tiny model per kind (the GRU masks padding, as the text presets do), its input batch and targets. */
const CHECKED: { label: string; spec: ModelSpec; input: () => tf.Tensor; target: () => tf.Tensor }[] = [
  {
    label: 'MLP',
    spec: { version: 2, kind: 'mlp', inputSize: 6, layers: [{ units: 8, ...dense, normalization: 'layer' }], ...head },
    input: () => tf.tensor2d(seeded(24, 3), [4, 6]), target: classes,
  },
  {
    label: 'CNN',
    spec: {
      version: 2, kind: 'cnn', inputShape: [6, 6, 1], globalPooling: 'avg', ...head,
      blocks: [{ type: 'conv', filters: 4, kernelSize: 3, stride: 1, padding: 'same', activation: 'relu', batchNorm: false, pool: 'max', poolSize: 2, dropout: 0 }],
      head: [{ units: 8, ...dense }],
    },
    input: () => tf.tensor4d(seeded(4 * 36, 1), [4, 6, 6, 1]), target: classes,
  },
  {
    label: 'GRU',
    spec: { version: 2, kind: 'rnn', cell: 'gru', recurrentLayers: [6], bidirectional: false, dropout: 0, head: [], ...head,
      input: { type: 'tokens', vocabSize: 8, sequenceLength: 5, embeddingDim: 4, maskPadding: true } },
    input: ids(5, 4), target: classes,
  },
  {
    label: 'Transformer',
    spec: { version: 2, kind: 'transformer', vocabSize: 8, sequenceLength: 5, embedDim: 8, heads: 2, layers: 1, mlpDim: 16, dropout: 0, pooling: 'mean', outputSize: 3, task: 'classification' },
    input: ids(5, 2), target: classes,
  },
  {
    label: 'GPT',
    spec: { version: 2, kind: 'gpt', vocabSize: 8, contextLength: 5, embedDim: 8, heads: 2, layers: 1, mlpDim: 16, dropout: 0, tieWeights: true },
    input: ids(5, 5), target: () => tf.tidy(() => tf.oneHot(ids(5, 6)(), 8)),
  },
];

function classes(): tf.Tensor {
  return tf.tidy(() => tf.oneHot(tf.tensor1d([0, 1, 2, 1], 'int32'), 3));
}

function seeded(n: number, seed: number): Float32Array {
  const random = createRandom(seed);
  return Float32Array.from({ length: n }, () => random());
}

const loss = (prediction: tf.Tensor, target: tf.Tensor) => tf.losses.softmaxCrossEntropy(target, prediction) as tf.Scalar;

/** The worst relative gradient error of one checked model kind (`kind`: the ModelSpec kind it stands for). */
export interface KindGradientCheck {
  model: string;
  kind: ModelSpec['kind'];
  worst: GradientDifference;
}

/** Each checked model kind's worst disagreement between this backend's gradients and the CPU's. */
export async function checkGradientsByKind(): Promise<KindGradientCheck[]> {
  const results: KindGradientCheck[] = [];
  for (const { label, spec, input, target } of CHECKED) {
    const x = input();
    const y = target();
    let worst: GradientDifference = { name: 'none', maxAbsoluteError: 0, relativeError: 0 };
    try {
      for (const d of await compareGradients(() => buildModel(spec, 7), x, y, loss, 'cpu')) {
        if (!(d.relativeError <= worst.relativeError)) worst = d; // NaN counts as worst
      }
    } finally {
      tf.dispose([x, y]);
    }
    results.push({ model: label, kind: spec.kind, worst });
  }
  return results;
}

/** True when every kind's gradients agree with the CPU's within GRADIENT_TOLERANCE. */
export function gradientsAgree(checks: readonly KindGradientCheck[]): boolean {
  return checks.every((c) => c.worst.relativeError <= GRADIENT_TOLERANCE);
}

/** The model kinds whose gradients disagree with the CPU's (NaN counts as disagreeing). */
export function disagreeingKinds(checks: readonly KindGradientCheck[]): ModelSpec['kind'][] {
  return checks.filter((c) => !(c.worst.relativeError <= GRADIENT_TOLERANCE)).map((c) => c.kind);
}
