// Registries the UI renders its model forms from: model kinds (label, description, dataset-independent defaults)
// and the options of their fields (activations, initializers, recurrent cells, normalizations). Plain data only.
import type { ActivationName, CnnSpec, ConvBlockSpec, DenseLayerSpec, KernelInitializerName, MlpSpecV2, NormalizationName, RnnCellName, RnnSpec } from './model-spec';
import { ATTENTION_MODEL_KINDS } from './transformer-spec';

export interface OptionInfo {
  label: string;
  description: string;
}

export const ACTIVATIONS: { readonly [K in ActivationName]: OptionInfo } = {
  relu: { label: 'ReLU', description: 'max(0, x). The usual default: fast and trains well.' },
  leakyRelu: { label: 'Leaky ReLU', description: 'x for x > 0, 0.1·x otherwise; keeps a gradient for negative inputs.' },
  elu: { label: 'ELU', description: 'x for x > 0, eˣ − 1 otherwise; smooth, mean closer to zero.' },
  selu: { label: 'SELU', description: 'Scaled ELU that keeps activations normalized in deep plain MLPs (pair with LeCun normal).' },
  gelu: { label: 'GELU', description: 'x·Φ(x) (exact, with erf); the Transformer default.' },
  swish: { label: 'Swish', description: 'x·sigmoid(x); smooth and non-monotonic.' },
  silu: { label: 'SiLU', description: 'Another name for Swish: x·sigmoid(x).' },
  tanh: { label: 'tanh', description: 'Squashes to −1..1; saturates in deep networks.' },
  sigmoid: { label: 'Sigmoid', description: 'Squashes to 0..1; saturates, rarely best in hidden layers.' },
  linear: { label: 'None (linear)', description: 'No activation.' },
};

export const KERNEL_INITIALIZERS: { readonly [K in KernelInitializerName]: OptionInfo } = {
  glorotUniform: { label: 'Glorot uniform', description: 'U(±√(6 / (fanIn + fanOut))); suits tanh, sigmoid and linear layers.' },
  glorotNormal: { label: 'Glorot normal', description: 'Truncated normal with variance 2 / (fanIn + fanOut).' },
  heNormal: { label: 'He normal', description: 'Truncated normal with variance 2 / fanIn; suits ReLU-like activations.' },
  heUniform: { label: 'He uniform', description: 'U(±√(6 / fanIn)); suits ReLU-like activations.' },
  leCunNormal: { label: 'LeCun normal', description: 'Truncated normal with variance 1 / fanIn; pairs with SELU.' },
  leCunUniform: { label: 'LeCun uniform', description: 'U(±√(3 / fanIn)).' },
};

export const NORMALIZATIONS: { readonly [K in NormalizationName]: OptionInfo } = {
  none: { label: 'None', description: 'No normalization.' },
  batch: { label: 'Batch norm', description: 'Normalizes each unit over the batch; keeps running statistics for prediction.' },
  layer: { label: 'Layer norm', description: 'Normalizes each sample over its units; independent of batch size.' },
};

export const RNN_CELLS: { readonly [K in RnnCellName]: OptionInfo } = {
  simpleRnn: { label: 'Simple RNN', description: 'One tanh update per step; forgets long-range context quickly.' },
  lstm: { label: 'LSTM', description: 'Input, forget and output gates with a cell state; remembers long contexts (4× the weights of a simple RNN).' },
  gru: { label: 'GRU', description: 'Update and reset gates; close to an LSTM with 3/4 of its weights.' },
};

/** The defaults of one hidden dense layer. */
export const DEFAULT_DENSE_LAYER: DenseLayerSpec = { units: 64, activation: 'relu', normalization: 'none', dropout: 0 };

/** The defaults of one conv block (3×3, same padding, batch norm, 2×2 max pooling). */
export const DEFAULT_CONV_BLOCK: ConvBlockSpec = {
  type: 'conv', filters: 32, kernelSize: 3, stride: 1, padding: 'same', activation: 'relu', batchNorm: true, pool: 'max', poolSize: 2, dropout: 0,
};

/** Spec fields of a kind that the dataset supplies (input shape, classes, task). */
export type MlpDefaults = Omit<MlpSpecV2, 'inputSize' | 'outputSize' | 'task'>;
export type CnnDefaults = Omit<CnnSpec, 'inputShape' | 'outputSize' | 'task'>;
export type RnnDefaults = Omit<RnnSpec, 'input' | 'outputSize' | 'task'>;

/** Every model kind with its label, description and dataset-independent defaults (attention kinds from transformer-spec.ts). */
export const MODEL_KINDS = {
  mlp: {
    label: 'MLP (dense network)',
    description: 'Stacked fully connected layers over a flat feature vector: the model for tables.',
    defaults: { version: 2, kind: 'mlp', layers: [{ ...DEFAULT_DENSE_LAYER }, { ...DEFAULT_DENSE_LAYER, units: 32 }], kernelInitializer: 'heNormal' } as MlpDefaults,
  },
  cnn: {
    label: 'CNN (convolutional network)',
    description: 'Convolutions that learn local image patterns, pooling that shrinks the map, and a dense head: the model for images.',
    defaults: {
      version: 2, kind: 'cnn', blocks: [{ ...DEFAULT_CONV_BLOCK }, { ...DEFAULT_CONV_BLOCK, filters: 64 }], globalPooling: 'avg', head: [], kernelInitializer: 'heNormal',
    } as CnnDefaults,
  },
  rnn: {
    label: 'RNN (recurrent network)',
    description: 'Reads a sequence step by step (tokens through an embedding, or numeric series) and classifies or scores it.',
    defaults: { version: 2, kind: 'rnn', cell: 'lstm', recurrentLayers: [64], bidirectional: false, dropout: 0, head: [], kernelInitializer: 'glorotUniform' } as RnnDefaults,
  },
  ...ATTENTION_MODEL_KINDS,
} as const;
