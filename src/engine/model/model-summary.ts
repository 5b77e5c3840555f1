// The model summary the UI shows before training: layers with output shapes and parameters, FLOPs per sample and
// the estimated training memory for a batch size, computed from the layer plan (or, for the attention kinds, from
// their spec in attention-summary.ts) without creating tensors.
import { summarizeAttentionLayers, type LayerPart } from './attention-summary';
import { countWeights, elementsOf, type PlannedLayer, type PlannedOp } from './layer-plan';
import { ModelSpecError } from './model-spec-error';
import type { ModelSpec } from './model-spec';
import { validateAttentionSpec } from './transformer-spec';
import { planValidModel } from './validate-model-spec';

/** Bytes per value: every weight, gradient, optimizer slot and activation is float32. */
export const BYTES_PER_VALUE = 4;

/** Layer kinds of the summary: the planned ops plus the attention kinds' own layers ('tiedOutput': a GPT's output
 * projection that reuses the token embedding matrix). */
export type SummaryLayerKind = PlannedOp['op'] | 'attention' | 'positionEmbedding' | 'clsToken' | 'paddingMask' | 'sequencePool' | 'tiedOutput';

export interface LayerSummary {
  name: string;
  kind: SummaryLayerKind;
  /** Layers feeding this one (more than one at a residual `add`). */
  inputs: string[];
  /** Output shape without the batch axis. */
  outputShape: number[];
  /** All weights, including batch norm's moving statistics (what tfjs's countParams counts). */
  parameters: number;
  trainableParameters: number;
  /** Forward FLOPs for one sample (2 per multiply-add). */
  flops: number;
  /**
   * Values this layer keeps per sample for the backward pass: its output, plus recurrent gates and states, and in
   * attention models the tensors their ops keep (Q, K, V, the t×t score and probability matrices per head, ...).
   */
  activations: number;
  /** An attention layer's steps (projections, Q Kᵀ, softmax, × V, output projection); absent elsewhere. */
  parts?: LayerPart[];
}

/** Estimated bytes to train with Adam at `batchSize` (float32); see `estimateTrainingMemory`. */
export interface MemoryEstimate {
  batchSize: number;
  weightBytes: number;
  gradientBytes: number;
  /** Adam's first and second moment per trainable value. */
  optimizerBytes: number;
  /** Values kept for backward × batch, times BACKWARD_MEMORY_FACTOR for the gradients computed from them. */
  activationBytes: number;
  totalBytes: number;
}

export interface ModelSummary {
  kind: ModelSpec['kind'];
  layers: LayerSummary[];
  totalParameters: number;
  trainableParameters: number;
  nonTrainableParameters: number;
  /**
   * Forward FLOPs per sample, counted as 2 × multiply-adds of dense, conv, recurrent and attention matrix products
   * (for attention: the Q/K/V/output projections, Q Kᵀ and probabilities × V; a GPT sample is a full context of
   * tokens, and its output projection counts whether tied or not). Bias adds, activations, softmax, normalization,
   * pooling and embedding lookups are not counted (a few percent in these models).
   */
  forwardFlopsPerSample: number;
  /** Forward + backward ≈ 3 × forward (the backward pass computes gradients for both inputs and weights). */
  trainingFlopsPerSample: number;
  memory: MemoryEstimate;
}

/**
 * Measured multiplier of the values kept for backward (bench/model-memory.mjs, tfjs 4.22 cpu backend, batch 32):
 * tfjs computes the whole backward pass inside one tidy, so the gradient of every kept tensor, and the intermediates
 * of each gradient function, stay allocated until the last gradient is done. The peak above weights and Adam slots
 * was 3.4 (attention kinds) to 4.6 (CNNs) times the kept values; 4 puts every preset within 0.6–1.2 of the
 * measurement, where counting the kept values once was 3–14 times too low.
 */
export const BACKWARD_MEMORY_FACTOR = 4;

/**
 * Measured multiplier of a recurrent layer's per-step gates and states: tfjs-layers runs every step as a dozen
 * separate ops (slices of the fused gate matrix, sigmoid/tanh, products, sums) and the tape keeps each output,
 * about 3.5 × (gates + 2) × units values per step for LSTM and GRU (bench/model-memory.mjs).
 */
export const RECURRENT_STEP_FACTOR = 3.5;

/** Values kept per sample by a planned layer for backward: its output plus recurrent internals (see above). */
export const activationsOf = (layer: PlannedLayer): number => elementsOf(layer.outputShape) + Math.ceil(RECURRENT_STEP_FACTOR * layer.hiddenActivations);

/**
 * Training memory with Adam, in bytes: 4 × (P weights + T gradients + 2T Adam slots + F × B × A activations), where
 * P counts all weights, T the trainable ones, A the values per sample kept for backward (every layer's output, the
 * input included, plus recurrent gates/states per step and the attention kinds' internals) and F =
 * BACKWARD_MEMORY_FACTOR the measured room for their gradients. An estimate of tensor memory: backend scratch
 * buffers and the buffer pool's slack are not included.
 */
export function estimateTrainingMemory(plan: PlannedLayer[], batchSize: number): MemoryEstimate {
  const all = plan.reduce((sum, l) => sum + countWeights(l), 0);
  const trainable = plan.reduce((sum, l) => sum + countWeights(l, true), 0);
  return memoryFromCounts(all, trainable, plan.reduce((sum, l) => sum + activationsOf(l), 0), batchSize);
}

/** The same formula from counts: `all` weights, `trainable` of them, `activations` values kept per sample. */
export function memoryFromCounts(all: number, trainable: number, activations: number, batchSize: number): MemoryEstimate {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`The batch size must be a whole number of at least 1, not ${batchSize}.`);
  const memory = {
    batchSize,
    weightBytes: BYTES_PER_VALUE * all,
    gradientBytes: BYTES_PER_VALUE * trainable,
    optimizerBytes: BYTES_PER_VALUE * 2 * trainable,
    activationBytes: BYTES_PER_VALUE * BACKWARD_MEMORY_FACTOR * batchSize * activations,
  };
  return { ...memory, totalBytes: memory.weightBytes + memory.gradientBytes + memory.optimizerBytes + memory.activationBytes };
}

/**
 * The layer plan of a layered (mlp, cnn, rnn) spec, as the preflight reads it. The attention kinds have no layer
 * plan (summarizeModel describes them from attention-summary.ts), so this throws ModelSpecError for them.
 */
export function planForSummary(spec: ModelSpec): PlannedLayer[] {
  if (spec.kind === 'transformer' || spec.kind === 'gpt') {
    throw new ModelSpecError(`A layer plan of ${spec.kind} models does not exist; choose an mlp, cnn or rnn model.`, 'kind');
  }
  return planValidModel(spec);
}

/** Summary rows of a layered spec, one per planned layer. */
function summarizeLayered(spec: ModelSpec): LayerSummary[] {
  return planForSummary(spec).map((l): LayerSummary => ({
    name: l.name, kind: l.op.op, inputs: l.inputs, outputShape: l.outputShape,
    parameters: countWeights(l), trainableParameters: countWeights(l, true), flops: 2 * l.macs, activations: activationsOf(l),
  }));
}

/**
 * Summarizes `spec` for training at `batchSize` (default 32). Validates first (throws ModelSpecError); creates no
 * tensors. Parameter counts equal tfjs's `countParams()` of `buildModel(spec)`, layer by layer (a tied GPT's
 * 'lm_head' row reuses the token embedding and counts 0). Memory follows `estimateTrainingMemory`'s formula for
 * every kind, with the activations listed per layer.
 */
export function summarizeModel(spec: ModelSpec, batchSize = 32): ModelSummary {
  let layers: LayerSummary[];
  if (spec.kind === 'transformer' || spec.kind === 'gpt') {
    validateAttentionSpec(spec);
    layers = summarizeAttentionLayers(spec);
  } else {
    layers = summarizeLayered(spec);
  }
  const sum = (pick: (l: LayerSummary) => number) => layers.reduce((total, l) => total + pick(l), 0);
  const forward = sum((l) => l.flops);
  const totalParameters = sum((l) => l.parameters);
  const trainableParameters = sum((l) => l.trainableParameters);
  return {
    kind: spec.kind, layers, totalParameters, trainableParameters, nonTrainableParameters: totalParameters - trainableParameters,
    forwardFlopsPerSample: forward, trainingFlopsPerSample: 3 * forward,
    memory: memoryFromCounts(totalParameters, trainableParameters, sum((l) => l.activations), batchSize),
  };
}
