// Checks a ModelSpec before anything is allocated: every field's type and range, shapes that fit, and budgets on
// parameters, activations and compute computed analytically from the layer plan (so `units: 1e9` costs nothing).
import { countWeights, elementsOf, type PlannedLayer } from './layer-plan';
import { ModelSpecError } from './model-spec-error';
import type { CnnSpec, ConvBlockSpec, DenseLayerSpec, LayeredModelSpec, MlpSpecV2, ModelSpec, OutputHeadSpec, RnnSpec } from './model-spec';
import { ACTIVATIONS, KERNEL_INITIALIZERS, RNN_CELLS } from './model-registry';
import { planModel } from './plan-model';
import { validateAttentionSpec } from './transformer-spec';

/** Largest accepted sizes. Parameters match the attention kinds' limit; a browser tab cannot train beyond these. */
export const MODEL_LIMITS = {
  maxInputs: 200_000, maxUnits: 8192, maxDenseLayers: 16, maxOutputs: 4096,
  maxImageSide: 1024, maxChannels: 64, maxFilters: 2048, maxKernel: 11, maxStride: 4, maxPool: 8, maxBlocks: 32,
  maxVocab: 262_144, maxSequence: 4096, maxEmbeddingDim: 1024, maxRecurrentLayers: 8, maxRecurrentUnits: 2048,
  maxRate: 0.9, maxPenalty: 1,
  maxParameters: 20_000_000,
  /** Values one sample's forward pass keeps for backward (×4 bytes × batch is the activation memory). */
  maxActivationsPerSample: 20_000_000,
  /** A ResNet-50 is about 4e9 MACs per image; far beyond this, one step would take minutes in a tab. */
  maxMacsPerSample: 20e9,
} as const;

const L = MODEL_LIMITS;

function checkWhole(field: string, value: unknown, lo: number, hi: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < lo || value > hi) {
    throw new ModelSpecError(`${field} must be a whole number from ${lo} to ${hi.toLocaleString('en')}, not ${String(value)}.`, field);
  }
}

function checkRate(field: string, value: unknown, hi: number): void {
  if (typeof value !== 'number' || !(value >= 0 && value <= hi)) throw new ModelSpecError(`${field} must be a number from 0 to ${hi}, not ${String(value)}.`, field);
}

function checkOneOf(field: string, value: unknown, options: readonly string[]): void {
  if (typeof value !== 'string' || !options.includes(value)) {
    throw new ModelSpecError(`${field} must be one of ${options.map((o) => `'${o}'`).join(', ')}, not ${JSON.stringify(value)}.`, field);
  }
}

function checkList(field: string, value: unknown, lo: number, hi: number): asserts value is unknown[] {
  if (!Array.isArray(value) || value.length < lo || value.length > hi) throw new ModelSpecError(`${field} must be a list of ${lo} to ${hi} entries.`, field);
}

function checkPenalties(field: string, owner: { l1?: number; l2?: number }): void {
  if (owner.l1 !== undefined) checkRate(`${field}.l1`, owner.l1, L.maxPenalty);
  if (owner.l2 !== undefined) checkRate(`${field}.l2`, owner.l2, L.maxPenalty);
}

function checkDenseLayers(field: string, layers: DenseLayerSpec[]): void {
  checkList(field, layers, 0, L.maxDenseLayers);
  layers.forEach((layer, i) => {
    const at = `${field}[${i}]`;
    checkWhole(`${at}.units`, layer.units, 1, L.maxUnits);
    checkOneOf(`${at}.activation`, layer.activation, Object.keys(ACTIVATIONS));
    checkOneOf(`${at}.normalization`, layer.normalization, ['none', 'batch', 'layer']);
    checkRate(`${at}.dropout`, layer.dropout, L.maxRate);
    checkPenalties(at, layer);
  });
}

function checkHead(spec: OutputHeadSpec): void {
  checkOneOf('task', spec.task, ['classification', 'regression']);
  checkWhole(`outputSize for ${spec.task}`, spec.outputSize, spec.task === 'classification' ? 2 : 1, L.maxOutputs);
  checkOneOf('kernelInitializer', spec.kernelInitializer, Object.keys(KERNEL_INITIALIZERS));
}

function checkMlp(spec: MlpSpecV2): void {
  checkWhole('inputSize', spec.inputSize, 1, L.maxInputs);
  checkDenseLayers('layers', spec.layers);
}

function checkBlock(at: string, block: ConvBlockSpec): void {
  checkOneOf(`${at}.type`, block.type, ['conv', 'residual']);
  checkWhole(`${at}.filters`, block.filters, 1, L.maxFilters);
  checkWhole(`${at}.kernelSize`, block.kernelSize, 1, L.maxKernel);
  checkWhole(`${at}.stride`, block.stride, 1, L.maxStride);
  checkOneOf(`${at}.padding`, block.padding, block.type === 'residual' ? ['same'] : ['same', 'valid']);
  checkOneOf(`${at}.activation`, block.activation, Object.keys(ACTIVATIONS));
  if (typeof block.batchNorm !== 'boolean') throw new ModelSpecError(`${at}.batchNorm must be true or false.`, `${at}.batchNorm`);
  checkOneOf(`${at}.pool`, block.pool, ['none', 'max', 'avg']);
  if (block.pool !== 'none') checkWhole(`${at}.poolSize`, block.poolSize, 2, L.maxPool);
  checkRate(`${at}.dropout`, block.dropout, L.maxRate);
  checkPenalties(at, block);
}

function checkCnn(spec: CnnSpec): void {
  checkList('inputShape', spec.inputShape, 3, 3);
  checkWhole('inputShape[0] (height)', spec.inputShape[0], 1, L.maxImageSide);
  checkWhole('inputShape[1] (width)', spec.inputShape[1], 1, L.maxImageSide);
  checkWhole('inputShape[2] (channels)', spec.inputShape[2], 1, L.maxChannels);
  checkList('blocks', spec.blocks, 0, L.maxBlocks);
  spec.blocks.forEach((block, i) => checkBlock(`blocks[${i}]`, block));
  checkOneOf('globalPooling', spec.globalPooling, ['avg', 'max', 'flatten']);
  checkDenseLayers('head', spec.head);
}

function checkRnn(spec: RnnSpec): void {
  const input = spec.input;
  checkOneOf('input.type', input?.type, ['tokens', 'numeric']);
  if (input.type === 'tokens') {
    checkWhole('input.vocabSize', input.vocabSize, 2, L.maxVocab);
    checkWhole('input.sequenceLength', input.sequenceLength, 1, L.maxSequence);
    checkWhole('input.embeddingDim', input.embeddingDim, 1, L.maxEmbeddingDim);
    if (typeof input.maskPadding !== 'boolean') throw new ModelSpecError('input.maskPadding must be true or false.', 'input.maskPadding');
  } else {
    checkWhole('input.steps', input.steps, 1, L.maxSequence);
    checkWhole('input.features', input.features, 1, L.maxInputs);
  }
  checkOneOf('cell', spec.cell, Object.keys(RNN_CELLS));
  checkList('recurrentLayers', spec.recurrentLayers, 1, L.maxRecurrentLayers);
  spec.recurrentLayers.forEach((units, i) => checkWhole(`recurrentLayers[${i}]`, units, 1, L.maxRecurrentUnits));
  if (typeof spec.bidirectional !== 'boolean') throw new ModelSpecError('bidirectional must be true or false.', 'bidirectional');
  checkRate('dropout', spec.dropout, L.maxRate);
  checkDenseLayers('head', spec.head);
}

/** Refuses a plan over the parameter, activation or compute budget, naming the biggest layer. */
function checkBudgets(plan: PlannedLayer[]): void {
  const biggest = (score: (l: PlannedLayer) => number) => plan.reduce((a, b) => (score(b) > score(a) ? b : a));
  const sum = (score: (l: PlannedLayer) => number) => plan.reduce((total, l) => total + score(l), 0);
  const activations = (l: PlannedLayer) => elementsOf(l.outputShape) + l.hiddenActivations;
  const budgets = [
    { what: 'parameters', score: (l: PlannedLayer) => countWeights(l), limit: L.maxParameters, fix: 'Use fewer units, filters or layers, or a smaller vocabulary.' },
    { what: 'activation values per sample', score: activations, limit: L.maxActivationsPerSample, fix: 'Use a smaller input, fewer filters, or downsample earlier (stride or pooling).' },
    { what: 'multiply-adds per sample', score: (l: PlannedLayer) => l.macs, limit: L.maxMacsPerSample, fix: 'Use fewer or narrower layers, or downsample earlier.' },
  ];
  for (const { what, score, limit, fix } of budgets) {
    const total = sum(score);
    if (total > limit) {
      throw new ModelSpecError(`This network has ${total.toLocaleString('en')} ${what}; the limit is ${limit.toLocaleString('en')} (largest: layer ${biggest(score).name}). ${fix}`);
    }
  }
}

/** Field checks, then the plan (which refuses shapes that do not fit), then the budgets. Returns the plan. Allocates no tensors. */
export function planValidModel(spec: LayeredModelSpec): PlannedLayer[] {
  checkHead(spec);
  if (spec.kind === 'mlp') checkMlp(spec);
  else if (spec.kind === 'cnn') checkCnn(spec);
  else checkRnn(spec);
  const plan = planModel(spec);
  checkBudgets(plan);
  return plan;
}

/**
 * Throws ModelSpecError (with `field` set where one field is at fault) when `spec` cannot be built: unknown kind or
 * version, a field of the wrong type or out of range, shapes that do not fit, or a model over MODEL_LIMITS.
 * Allocates no tensors. Attention kinds are checked by transformer-spec.ts.
 */
export function validateModelSpec(spec: ModelSpec): void {
  if (typeof spec !== 'object' || spec === null) throw new ModelSpecError('A model spec must be an object with version 2 and a kind.');
  if (spec.version !== 2) throw new ModelSpecError(`Unknown model spec version ${String(spec.version)}; upgrade it with upgradeModelSpec or use version 2.`, 'version');
  switch (spec.kind) {
    case 'mlp': case 'cnn': case 'rnn': planValidModel(spec); return;
    case 'transformer': case 'gpt': validateAttentionSpec(spec); return;
    default: throw new ModelSpecError(`Unknown model kind ${JSON.stringify((spec as { kind: unknown }).kind)}; use mlp, cnn, rnn, transformer or gpt.`, 'kind');
  }
}
