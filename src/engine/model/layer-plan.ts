// A model as plain data before any tensor exists: its layers in build order with their wiring, per-sample output
// shapes, weight shapes and multiply-accumulate counts. Validation, summary, preflight and the builder all read it.
import { ModelSpecError } from './model-spec-error';
import type { RnnCellName } from './model-spec';

/** Activations that tfjs applies inside a layer (leaky ReLU needs a layer of its own). */
export type TfActivation = 'relu' | 'elu' | 'selu' | 'gelu' | 'swish' | 'tanh' | 'sigmoid' | 'linear';

/** What one planned layer does; the builder turns each into exactly one tfjs layer. */
export type PlannedOp =
  | { op: 'input'; dtype: 'float32' | 'int32' }
  | { op: 'dense'; units: number; useBias: boolean; activation: TfActivation; l1: number; l2: number }
  | { op: 'conv2d'; filters: number; kernelSize: number; stride: number; padding: 'same' | 'valid'; useBias: boolean; activation: TfActivation; l1: number; l2: number }
  | { op: 'batchNorm' }
  | { op: 'layerNorm' }
  | { op: 'activation'; activation: TfActivation }
  | { op: 'leakyRelu'; alpha: number }
  | { op: 'dropout'; rate: number }
  | { op: 'pool2d'; pool: 'max' | 'avg'; size: number }
  | { op: 'globalPool2d'; pool: 'max' | 'avg' }
  | { op: 'flatten' }
  | { op: 'add' }
  | { op: 'embedding'; vocabSize: number; dim: number; maskZero: boolean }
  | { op: 'recurrent'; cell: RnnCellName; units: number; returnSequences: boolean; bidirectional: boolean };

export interface PlannedWeight {
  name: string;
  shape: number[];
  trainable: boolean;
}

export interface PlannedLayer {
  /** Unique within the model; also the tfjs layer name, so checkpoints and summaries line up. */
  name: string;
  op: PlannedOp;
  /** Names of the layers feeding this one (empty for the input). */
  inputs: string[];
  /** Shape of one sample's output, without the batch axis. */
  outputShape: number[];
  weights: PlannedWeight[];
  /** Multiply-accumulates for one sample, forward pass (matrix products only). */
  macs: number;
  /** Values per sample kept for the backward pass besides the output (recurrent gates and states per step). */
  hiddenActivations: number;
  /** The dense/conv/embedding/recurrent layer whose width (units, filters, dim) sets this output's size; null for the input. */
  widthOwner: string | null;
}

/** Gate count of a recurrent cell: weights and products scale with it. */
export const CELL_GATES: Record<RnnCellName, number> = { simpleRnn: 1, lstm: 4, gru: 3 };

export const elementsOf = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** Total values in a layer's weights; `trainable` picks a subset. */
export function countWeights(layer: PlannedLayer, trainable?: boolean): number {
  return layer.weights.filter((w) => trainable === undefined || w.trainable === trainable).reduce((sum, w) => sum + elementsOf(w.shape), 0);
}

/** The width (units, filters, embedding dim) of a layer that owns one, else 0. */
export function widthOf(op: PlannedOp): number {
  switch (op.op) {
    case 'dense': case 'recurrent': return op.units;
    case 'conv2d': return op.filters;
    case 'embedding': return op.dim;
    default: return 0;
  }
}

function convSide(side: number, kernel: number, stride: number, padding: 'same' | 'valid'): number {
  return padding === 'same' ? Math.ceil(side / stride) : Math.floor((side - kernel) / stride) + 1;
}

type OpFacts = Pick<PlannedLayer, 'outputShape' | 'weights' | 'macs' | 'hiddenActivations'>;

/** Output shape, weights and MACs of `op` applied to inputs of the given per-sample shapes (tfjs conventions). */
function describeOp(name: string, op: PlannedOp, inputs: number[][]): OpFacts {
  const x = inputs[0] ?? [];
  const last = x[x.length - 1];
  const w = (suffix: string, shape: number[], trainable = true): PlannedWeight => ({ name: `${name}/${suffix}`, shape, trainable });
  const simple = (outputShape: number[], weights: PlannedWeight[] = [], macs = 0): OpFacts => ({ outputShape, weights, macs, hiddenActivations: 0 });
  switch (op.op) {
    case 'input': return simple(x);
    case 'dense':
      return simple([op.units], [w('kernel', [last, op.units]), ...(op.useBias ? [w('bias', [op.units])] : [])], last * op.units);
    case 'conv2d': {
      const [h, wd, c] = x;
      const out = [convSide(h, op.kernelSize, op.stride, op.padding), convSide(wd, op.kernelSize, op.stride, op.padding), op.filters];
      if (out[0] < 1 || out[1] < 1) throw new ModelSpecError(`Layer ${name}: a ${op.kernelSize}×${op.kernelSize} 'valid' convolution does not fit a ${h}×${wd} feature map; use padding 'same', a smaller kernel or fewer blocks.`);
      const kernel = [op.kernelSize, op.kernelSize, c, op.filters];
      return simple(out, [w('kernel', kernel), ...(op.useBias ? [w('bias', [op.filters])] : [])], out[0] * out[1] * elementsOf(kernel));
    }
    case 'batchNorm':
      return simple(x, [w('gamma', [last]), w('beta', [last]), w('moving_mean', [last], false), w('moving_variance', [last], false)]);
    case 'layerNorm': return simple(x, [w('gamma', [last]), w('beta', [last])]);
    case 'activation': case 'leakyRelu': case 'dropout': return simple(x);
    case 'pool2d': {
      const out = [Math.floor((x[0] - op.size) / op.size) + 1, Math.floor((x[1] - op.size) / op.size) + 1, x[2]];
      if (out[0] < 1 || out[1] < 1) throw new ModelSpecError(`Layer ${name}: a ${op.size}×${op.size} pool does not fit a ${x[0]}×${x[1]} feature map; use a smaller pool, a larger image or fewer blocks.`);
      return simple(out);
    }
    case 'globalPool2d': return simple([x[2]]);
    case 'flatten': return simple([elementsOf(x)]);
    case 'add':
      if (inputs.some((s) => s.join() !== x.join())) throw new ModelSpecError(`Layer ${name}: cannot add shapes ${inputs.map((s) => `[${s.join(', ')}]`).join(' and ')}.`);
      return simple(x);
    case 'embedding': return simple([x[0], op.dim], [w('embeddings', [op.vocabSize, op.dim])]);
    case 'recurrent': {
      const [steps, features] = x;
      const gates = CELL_GATES[op.cell];
      const directions = op.bidirectional ? 2 : 1;
      const weights = (op.bidirectional ? ['forward', 'backward'] : ['cell']).flatMap((d) => [
        w(`${d}/kernel`, [features, gates * op.units]), w(`${d}/recurrent_kernel`, [op.units, gates * op.units]), w(`${d}/bias`, [gates * op.units]),
      ]);
      const width = op.units * directions;
      return {
        outputShape: op.returnSequences ? [steps, width] : [width],
        weights,
        macs: directions * steps * gates * op.units * (features + op.units),
        // Per step the tape keeps the gate pre-activations plus the new state (and cell state for LSTM).
        hiddenActivations: directions * steps * op.units * (gates + 2),
      };
    }
  }
}

/** Collects planned layers in build order, computing each layer's facts from its inputs' shapes. */
export class LayerPlanner {
  readonly layers: PlannedLayer[] = [];
  private readonly byName = new Map<string, PlannedLayer>();

  /** Adds the model input of per-sample `shape`; returns its name. */
  input(name: string, shape: number[], dtype: 'float32' | 'int32' = 'float32'): string {
    const layer: PlannedLayer = { name, op: { op: 'input', dtype }, inputs: [], outputShape: shape, weights: [], macs: 0, hiddenActivations: 0, widthOwner: null };
    this.push(layer);
    return name;
  }

  /** Adds `op` fed by `inputs`; returns the new layer's name for chaining. */
  add(name: string, op: PlannedOp, ...inputs: string[]): string {
    const sources = inputs.map((n) => this.get(n));
    const facts = describeOp(name, op, sources.map((s) => s.outputShape));
    const widthOwner = widthOf(op) > 0 ? name : (sources[0]?.widthOwner ?? null);
    this.push({ name, op, inputs, ...facts, widthOwner });
    return name;
  }

  get(name: string): PlannedLayer {
    const layer = this.byName.get(name);
    if (!layer) throw new Error(`Layer plan has no layer ${name}.`);
    return layer;
  }

  private push(layer: PlannedLayer): void {
    if (this.byName.has(layer.name)) throw new Error(`Layer plan already has a layer ${layer.name}.`);
    this.byName.set(layer.name, layer);
    this.layers.push(layer);
  }
}
