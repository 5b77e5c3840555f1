// Turns an MLP, CNN or RNN spec into its layer plan (layer-plan.ts): which layers, in which order, wired how.
// Pure arithmetic on numbers; expects a spec whose fields validateModelSpec has already checked.
import { LayerPlanner, type PlannedLayer, type TfActivation } from './layer-plan';
import type { ActivationName, CnnSpec, ConvBlockSpec, DenseLayerSpec, LayeredModelSpec, MlpSpecV2, OutputHeadSpec, RnnSpec } from './model-spec';

/** Negative slope of 'leakyRelu': between PyTorch's 0.01 and Keras' 0.3, enough to keep units from dying. */
export const LEAKY_RELU_ALPHA = 0.1;

/** The layers of `spec` in build order; the last one is the linear output layer named 'output'. */
export function planModel(spec: LayeredModelSpec): PlannedLayer[] {
  const planner = new LayerPlanner();
  if (spec.kind === 'mlp') planMlp(planner, spec);
  else if (spec.kind === 'cnn') planCnn(planner, spec);
  else planRnn(planner, spec);
  return planner.layers;
}

/** Activations tfjs can run inside a dense/conv layer; leaky ReLU cannot. */
function inlineActivation(activation: ActivationName): TfActivation | null {
  if (activation === 'leakyRelu') return null;
  return activation === 'silu' ? 'swish' : activation;
}

/** Adds a separate activation layer after `input` (none for 'linear'); returns the last layer's name. */
function addActivation(p: LayerPlanner, name: string, activation: ActivationName, input: string): string {
  if (activation === 'linear') return input;
  const inline = inlineActivation(activation);
  return p.add(name, inline === null ? { op: 'leakyRelu', alpha: LEAKY_RELU_ALPHA } : { op: 'activation', activation: inline }, input);
}

function addDropout(p: LayerPlanner, name: string, rate: number, input: string): string {
  return rate > 0 ? p.add(name, { op: 'dropout', rate }, input) : input;
}

/** Dense → normalization → activation → dropout. The activation runs inside the dense layer when nothing sits between. */
function addDenseBlock(p: LayerPlanner, name: string, layer: DenseLayerSpec, input: string): string {
  const normalized = layer.normalization !== 'none';
  const inline = normalized ? null : inlineActivation(layer.activation);
  let x = p.add(name, {
    op: 'dense', units: layer.units, useBias: layer.normalization !== 'batch', activation: inline ?? 'linear', l1: layer.l1 ?? 0, l2: layer.l2 ?? 0,
  }, input);
  if (layer.normalization === 'batch') x = p.add(`${name}_bn`, { op: 'batchNorm' }, x);
  if (layer.normalization === 'layer') x = p.add(`${name}_ln`, { op: 'layerNorm' }, x);
  if (inline === null) x = addActivation(p, `${name}_act`, layer.activation, x);
  return addDropout(p, `${name}_dropout`, layer.dropout, x);
}

/** Hidden dense layers named `${prefix}1..n`, then the linear output layer. */
function addHead(p: LayerPlanner, prefix: string, layers: DenseLayerSpec[], head: OutputHeadSpec, input: string): void {
  let x = input;
  layers.forEach((layer, i) => { x = addDenseBlock(p, `${prefix}${i + 1}`, layer, x); });
  p.add('output', { op: 'dense', units: head.outputSize, useBias: true, activation: 'linear', l1: 0, l2: 0 }, x);
}

function planMlp(p: LayerPlanner, spec: MlpSpecV2): void {
  addHead(p, 'dense', spec.layers, spec, p.input('input', [spec.inputSize]));
}

/** A conv layer (bias only without batch norm) followed by batch norm and, unless `activation` is null, the activation. */
function addConv(p: LayerPlanner, name: string, block: ConvBlockSpec, kernelSize: number, stride: number, activation: ActivationName | null, input: string): string {
  const inline = block.batchNorm || activation === null ? null : inlineActivation(activation);
  let x = p.add(name, {
    op: 'conv2d', filters: block.filters, kernelSize, stride, padding: block.type === 'residual' ? 'same' : block.padding,
    useBias: !block.batchNorm, activation: inline ?? 'linear', l1: block.l1 ?? 0, l2: block.l2 ?? 0,
  }, input);
  if (block.batchNorm) x = p.add(`${name}_bn`, { op: 'batchNorm' }, x);
  if (activation !== null && inline === null) x = addActivation(p, `${name}_act`, activation, x);
  return x;
}

/** Two k×k convs plus the shortcut (identity, or a 1×1 projection when the stride or channels change), then the activation. */
function addResidual(p: LayerPlanner, name: string, block: ConvBlockSpec, input: string): string {
  const inner = addConv(p, `${name}_conv_a`, block, block.kernelSize, block.stride, block.activation, input);
  const main = addConv(p, `${name}_conv_b`, block, block.kernelSize, 1, null, inner);
  const channels = p.get(input).outputShape[2];
  const shortcut = block.stride === 1 && channels === block.filters
    ? input
    : addConv(p, `${name}_proj`, block, 1, block.stride, null, input);
  return addActivation(p, `${name}_act`, block.activation, p.add(`${name}_add`, { op: 'add' }, main, shortcut));
}

function planCnn(p: LayerPlanner, spec: CnnSpec): void {
  let x = p.input('input', [...spec.inputShape]);
  spec.blocks.forEach((block, i) => {
    const name = `${block.type === 'residual' ? 'res' : 'conv'}${i + 1}`;
    x = block.type === 'residual' ? addResidual(p, name, block, x) : addConv(p, name, block, block.kernelSize, block.stride, block.activation, x);
    if (block.pool !== 'none') x = p.add(`${name}_pool`, { op: 'pool2d', pool: block.pool, size: block.poolSize }, x);
    x = addDropout(p, `${name}_dropout`, block.dropout, x);
  });
  x = spec.globalPooling === 'flatten'
    ? p.add('flatten', { op: 'flatten' }, x)
    : p.add('global_pool', { op: 'globalPool2d', pool: spec.globalPooling }, x);
  addHead(p, 'head', spec.head, spec, x);
}

function planRnn(p: LayerPlanner, spec: RnnSpec): void {
  const input = spec.input;
  let x = input.type === 'tokens'
    ? p.add('embedding', { op: 'embedding', vocabSize: input.vocabSize, dim: input.embeddingDim, maskZero: input.maskPadding }, p.input('input', [input.sequenceLength], 'int32'))
    : p.input('input', [input.steps, input.features]);
  spec.recurrentLayers.forEach((units, i) => {
    const name = `${spec.cell}${i + 1}`;
    const returnSequences = i < spec.recurrentLayers.length - 1;
    x = p.add(name, { op: 'recurrent', cell: spec.cell, units, returnSequences, bidirectional: spec.bidirectional }, x);
    x = addDropout(p, `${name}_dropout`, spec.dropout, x);
  });
  addHead(p, 'head', spec.head, spec, x);
}
