// The versioned JSON model spec shared by every model kind (`version: 2`, tagged by `kind`) and the option
// interfaces of the MLP, CNN and RNN kinds. The attention kinds' interfaces live in transformer-spec.ts.
import type { MlpSpec } from './model-types';
import type { GptSpec, TransformerSpec } from './transformer-spec';

export type { GptSpec, TransformerSpec };

/** Classification: `outputSize` logits (softmax lives in the loss). Regression: `outputSize` linear values (usually 1). */
export type ModelTask = 'classification' | 'regression';

/** Activations of hidden layers. 'silu' is another name for 'swish' (x·sigmoid(x)); 'linear' is none. */
export type ActivationName = 'relu' | 'leakyRelu' | 'elu' | 'selu' | 'gelu' | 'swish' | 'silu' | 'tanh' | 'sigmoid' | 'linear';

/** Kernel initializers (biases start at zero). All are seeded from the build seed. */
export type KernelInitializerName = 'glorotUniform' | 'glorotNormal' | 'heNormal' | 'heUniform' | 'leCunNormal' | 'leCunUniform';

/** Normalization between a layer's affine map and its activation. */
export type NormalizationName = 'none' | 'batch' | 'layer';

/** One fully connected layer: affine map → normalization → activation → dropout. */
export interface DenseLayerSpec {
  units: number;
  activation: ActivationName;
  /** 'batch' drops the layer's bias (the normalization's β replaces it). Default 'none'. */
  normalization: NormalizationName;
  /** Dropout rate after the activation, in [0, 0.9]. Default 0. */
  dropout: number;
  /** Penalties on the kernel (sum |w| and sum w² times these), default 0; added to the loss by the training loop. */
  l1?: number;
  l2?: number;
}

/** Fields every classifier/regressor spec ends with. */
export interface OutputHeadSpec {
  task: ModelTask;
  /** Classes for classification (≥ 2), outputs for regression (≥ 1). The last layer is linear. */
  outputSize: number;
  kernelInitializer: KernelInitializerName;
}

/** Multilayer perceptron over a flat feature vector [inputSize]. */
export interface MlpSpecV2 extends OutputHeadSpec {
  version: 2;
  kind: 'mlp';
  inputSize: number;
  /** Hidden layers, input side first (may be empty: a linear model). */
  layers: DenseLayerSpec[];
}

/**
 * A convolution block. 'conv': conv → batch norm → activation. 'residual': two k×k convs with batch norm, added
 * to the block's input (through a 1×1 projection conv when the stride or channel count changes), then the
 * activation; padding must be 'same'. Either is followed by the optional pooling and dropout.
 */
export interface ConvBlockSpec {
  type: 'conv' | 'residual';
  filters: number;
  /** Square kernel side in pixels (odd sizes keep 'same' outputs centred). */
  kernelSize: number;
  stride: number;
  padding: 'same' | 'valid';
  activation: ActivationName;
  /** When true the convs have no bias (batch norm's β replaces it). */
  batchNorm: boolean;
  pool: 'none' | 'max' | 'avg';
  /** Pool window side; its stride equals the window (non-overlapping, 'valid'). Ignored for pool 'none'. */
  poolSize: number;
  dropout: number;
  l1?: number;
  l2?: number;
}

/** Convolutional network over images [height, width, channels] (channels last). */
export interface CnnSpec extends OutputHeadSpec {
  version: 2;
  kind: 'cnn';
  inputShape: [number, number, number];
  blocks: ConvBlockSpec[];
  /** How feature maps become a vector: global average, global max, or flattening every pixel (LeNet style). */
  globalPooling: 'avg' | 'max' | 'flatten';
  /** Dense layers between the pooled features and the output layer. */
  head: DenseLayerSpec[];
}

/** Token ids [sequenceLength] (0 = padding) through an embedding, or numeric sequences [steps, features]. */
export type RnnInputSpec =
  | { type: 'tokens'; vocabSize: number; sequenceLength: number; embeddingDim: number; /** Skip padding steps (id 0). */ maskPadding: boolean }
  | { type: 'numeric'; steps: number; features: number };

export type RnnCellName = 'simpleRnn' | 'lstm' | 'gru';

/** Recurrent network: stacked recurrent layers; the last one's final state feeds the dense head. */
export interface RnnSpec extends OutputHeadSpec {
  version: 2;
  kind: 'rnn';
  input: RnnInputSpec;
  cell: RnnCellName;
  /** Units of each stacked recurrent layer, input side first (at least one). */
  recurrentLayers: number[];
  /** Reads each sequence both ways and concatenates the two states (doubles the parameters). */
  bidirectional: boolean;
  /** Dropout rate after each recurrent layer. */
  dropout: number;
  head: DenseLayerSpec[];
}

/** Every model kind WebTrain builds, as stored in runs and project files. */
export type ModelSpec = MlpSpecV2 | CnnSpec | RnnSpec | TransformerSpec | GptSpec;
export type ModelKind = ModelSpec['kind'];
/** The kinds built by build-model.ts from layer plans (the attention kinds have their own builders). */
export type LayeredModelSpec = MlpSpecV2 | CnnSpec | RnnSpec;

/** Reads a stored spec of any version: version 1 MLP specs (model-types.ts) become the equivalent version 2 spec. */
export function upgradeModelSpec(spec: ModelSpec | MlpSpec): ModelSpec {
  if (spec.version === 2) return spec;
  return {
    version: 2,
    kind: 'mlp',
    inputSize: spec.inputSize,
    layers: spec.hiddenLayers.map((units) => ({ units, activation: spec.activation, normalization: 'none', dropout: 0 })),
    task: spec.task,
    outputSize: spec.outputSize,
    kernelInitializer: 'glorotUniform',
  };
}
