// Preflight before training: does every tensor the model and batch need fit in one GPU buffer of this device?
// If not, names the largest tensor and the largest batch size and/or layer width that would fit. No tensors made.
import { formatBytes } from '../data/utf8-stream';
import { elementsOf, widthOf, type PlannedLayer } from './layer-plan';
import type { ModelSpec } from './model-spec';
import { activationsOf, BYTES_PER_VALUE, planForSummary } from './model-summary';

/** The WebGPU adapter limits that bound one tensor (both in bytes; tfjs gives each tensor its own buffer). */
export interface DeviceLimits {
  maxBufferSize: number;
  maxStorageBufferBindingSize: number;
}

/** One tensor training needs: a weight (its gradient and Adam slots have the same size) or a layer's batch output. */
export interface TensorNeed {
  layer: string;
  what: 'weight' | 'activation';
  /** Weight name (`dense1/kernel`) or `${layer} output`. */
  name: string;
  /** Full shape; activations include the batch axis first. */
  shape: number[];
  bytes: number;
}

/** A smaller width for one layer: `field` of `layer` at most `value`. */
export interface WidthFix {
  layer: string;
  field: 'units' | 'filters' | 'embedding dimensions';
  value: number;
}

export interface PreflightResult {
  ok: boolean;
  /** min(maxBufferSize, maxStorageBufferBindingSize). */
  limitBytes: number;
  largest: TensorNeed;
  /** Every tensor over the limit, largest first (empty when ok). */
  overLimit: TensorNeed[];
  /** Largest batch size whose activations fit (0 when not even one sample fits); weights do not depend on it. */
  maxBatchSize: number;
  /** For a refusal: the largest width of the layer behind every tensor over the limit that fits at this batch size. */
  widthFix?: WidthFix;
  /** For a refusal: what does not fit and how to fix it, in words. */
  message?: string;
}

const FIELD = { dense: 'units', recurrent: 'units', conv2d: 'filters', embedding: 'embedding dimensions' } as const;

/** The weights and batch outputs of every planned layer. */
function listNeeds(plan: PlannedLayer[], batchSize: number): TensorNeed[] {
  return plan.flatMap((layer) => [
    ...layer.weights.map((w) => ({ layer: layer.name, what: 'weight' as const, name: w.name, shape: w.shape, bytes: BYTES_PER_VALUE * elementsOf(w.shape) })),
    { layer: layer.name, what: 'activation' as const, name: `${layer.name} output`, shape: [batchSize, ...layer.outputShape], bytes: BYTES_PER_VALUE * batchSize * elementsOf(layer.outputShape) },
  ]);
}

/** The dense/conv/embedding/recurrent layer whose width sets the size of `need` (null: the input's size). */
function ownerOf(plan: PlannedLayer[], need: TensorNeed): string | null {
  return need.what === 'weight' ? need.layer : (plan.find((l) => l.name === need.layer)?.widthOwner ?? null);
}

/**
 * Widest setting of the layer behind the largest tensor such that it fits (tensor sizes are linear in that width);
 * none when other layers' tensors are over the limit too, since narrowing one layer would not be enough.
 */
function fixWidth(plan: PlannedLayer[], overLimit: TensorNeed[], limitBytes: number): WidthFix | undefined {
  const need = overLimit[0];
  const ownerName = ownerOf(plan, need);
  if (overLimit.some((n) => ownerOf(plan, n) !== ownerName)) return undefined;
  const owner = plan.find((l) => l.name === ownerName);
  if (!owner || !(owner.op.op in FIELD)) return undefined;
  const width = widthOf(owner.op);
  return { layer: owner.name, field: FIELD[owner.op.op as keyof typeof FIELD], value: Math.floor((limitBytes / need.bytes) * width) };
}

/**
 * Checks that every tensor of `spec` trained at `batchSize` fits in one buffer of a device with `limits`. Throws
 * ModelSpecError for a spec that cannot be built and RangeError for a bad batch size or limits. Assumes the
 * activations listed by the plan are the largest per-sample tensors (backend scratch such as im2col is not counted).
 */
export function preflightModel(spec: ModelSpec, batchSize: number, limits: DeviceLimits): PreflightResult {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`The batch size must be a whole number of at least 1, not ${batchSize}.`);
  const limitBytes = Math.min(limits.maxBufferSize, limits.maxStorageBufferBindingSize);
  if (!(limitBytes > 0)) throw new RangeError(`Device buffer limits must be positive byte counts, not ${JSON.stringify(limits)}.`);
  const plan = planForSummary(spec);
  const needs = listNeeds(plan, batchSize).sort((a, b) => b.bytes - a.bytes);
  const largestPerSample = Math.max(...plan.map((l) => elementsOf(l.outputShape)));
  const maxBatchSize = Math.floor(limitBytes / (BYTES_PER_VALUE * largestPerSample));
  const overLimit = needs.filter((n) => n.bytes > limitBytes);
  const largest = needs[0];
  if (overLimit.length === 0) return { ok: true, limitBytes, largest, overLimit, maxBatchSize };

  const widthFix = fixWidth(plan, overLimit, limitBytes);
  const what = `${largest.what === 'weight' ? 'weight' : 'output'} ${largest.what === 'weight' ? largest.name : `of layer ${largest.layer}`} [${largest.shape.join(', ')}] (${formatBytes(largest.bytes)})`;
  const fixes = [
    ...(largest.what === 'activation' && maxBatchSize >= 1 && overLimit.every((n) => n.what === 'activation') ? [`a batch size of at most ${maxBatchSize}`] : []),
    ...(widthFix && widthFix.value >= 1 ? [`at most ${widthFix.value} ${widthFix.field} in layer ${widthFix.layer}`] : []),
  ];
  const advice = fixes.length > 0 ? `Use ${fixes.join(', or ')}.` : 'Use a smaller input (fewer features, pixels or tokens).';
  const message = `The largest tensor, the ${what}, does not fit in one GPU buffer of this device (at most ${formatBytes(limitBytes)}); ` +
    `${overLimit.length} tensor${overLimit.length === 1 ? '' : 's'} over the limit. ${advice}`;
  return { ok: false, limitBytes, largest, overLimit, maxBatchSize, ...(widthFix ? { widthFix } : {}), message };
}
