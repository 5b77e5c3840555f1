// The engine's own optimizer: slot variables for a fixed, ordered variable list, one update per
// applyGradients call at a learning rate the caller passes (so schedules drive it), a step counter,
// and exact save/restore of its state as NamedArray[] for checkpoints and resume.
import * as tf from '@tensorflow/tfjs';
import type { NamedArray } from '../train/train-types';
import { applyUpdateRule, slotLayout } from './optimizer-rules';
import { resolveOptimizerSpec, type OptimizerSpec, type ResolvedOptimizerSpec } from './optimizer-spec';

/** Saved optimizer state does not fit this optimizer (other kind, other variables); the message says which. */
export class OptimizerStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OptimizerStateError';
  }
}

export interface EngineOptimizer {
  /** The resolved spec (defaults filled in). */
  readonly spec: ResolvedOptimizerSpec;
  /** Updates applied so far (0 before the first); continues across writeState. */
  readonly step: number;
  /**
   * One update of every variable. `grads[i]` is the gradient of `variables[i]` (same shape); the caller
   * still owns and disposes the gradients. `learningRate` >= 0 is this step's rate (from the schedule).
   * Variables are updated in list order with deterministic ops, so data-parallel replicas given the
   * same summed gradients stay identical. Leaves no new tensors behind. Increments `step`.
   */
  applyGradients(grads: readonly tf.Tensor[], learningRate: number): void;
  /**
   * The state copied to the CPU: first `{name: '<kind>/step', shape: [], data: [step]}`, then for each
   * variable in order its slots (slotLayout order), named `<variable name>/<slot>`. Positions, not
   * names, identify entries (variable names differ between sessions). The step is exact in float32 up
   * to 2^24 (16.7 million) updates.
   */
  readState(): Promise<NamedArray[]>;
  /** Replaces step and slots with a readState() result; checks kind, count and shapes first (OptimizerStateError). */
  writeState(state: readonly NamedArray[]): void;
  /** Frees the slot variables (not the model's variables). The optimizer must not be used afterwards. */
  dispose(): void;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

class SlotOptimizer implements EngineOptimizer {
  readonly spec: ResolvedOptimizerSpec;
  private stepCount = 0;
  private disposed = false;
  /** slots[i] are the slot variables of variables[i], in slotLayout order. */
  private readonly slots: tf.Variable[][];
  private readonly slotNames: string[];

  constructor(spec: OptimizerSpec, private readonly variables: readonly tf.Variable[]) {
    this.spec = resolveOptimizerSpec(spec);
    const layout = slotLayout(this.spec);
    this.slotNames = layout.map((s) => s.name);
    // Slots are created up front (not lazily as tfjs does): the state then has a fixed layout from step 0.
    // tidy frees the fill() tensors; the variables keep their own reference to the data.
    this.slots = variables.map((v) => layout.map((s) => tf.tidy(() => tf.variable(tf.fill(v.shape, s.initial, 'float32'), false))));
  }

  get step(): number {
    return this.stepCount;
  }

  applyGradients(grads: readonly tf.Tensor[], learningRate: number): void {
    this.checkUsable();
    if (!Number.isFinite(learningRate) || learningRate < 0) {
      throw new RangeError(`The learning rate must be a finite number of at least 0, got ${learningRate}.`);
    }
    if (grads.length !== this.variables.length) {
      throw new RangeError(`Got ${grads.length} gradients for ${this.variables.length} variables; pass one per variable, in the variables' order.`);
    }
    grads.forEach((g, i) => {
      if (!sameShape(g.shape, this.variables[i].shape)) {
        throw new RangeError(`Gradient ${i + 1} has shape [${g.shape}] but variable ${this.variables[i].name} has shape [${this.variables[i].shape}].`);
      }
    });
    const t = this.stepCount + 1;
    tf.tidy(() => {
      this.variables.forEach((v, i) => applyUpdateRule(this.spec, v, grads[i], this.slots[i], learningRate, t));
    });
    this.stepCount = t;
  }

  async readState(): Promise<NamedArray[]> {
    this.checkUsable();
    const state: NamedArray[] = [{ name: `${this.spec.kind}/step`, shape: [], data: Float32Array.of(this.stepCount) }];
    for (let i = 0; i < this.variables.length; i += 1) {
      for (let s = 0; s < this.slots[i].length; s += 1) {
        const slot = this.slots[i][s];
        const values = await slot.data();
        state.push({ name: `${this.variables[i].name}/${this.slotNames[s]}`, shape: slot.shape.slice(), data: Float32Array.from(values) });
      }
    }
    return state;
  }

  writeState(state: readonly NamedArray[]): void {
    this.checkUsable();
    const expected = 1 + this.variables.length * this.slotNames.length;
    const head = state[0];
    const savedKind = head?.name.endsWith('/step') ? head.name.slice(0, -'/step'.length) : undefined;
    if (savedKind !== this.spec.kind) {
      throw new OptimizerStateError(`The saved optimizer state is for “${savedKind ?? 'an unknown optimizer'}” but this run uses “${this.spec.kind}”; resume with the same optimizer or start a new run.`);
    }
    if (state.length !== expected) {
      throw new OptimizerStateError(`The saved optimizer state has ${state.length} entries but ${expected} are needed (${this.variables.length} variables × ${this.slotNames.length} slots + step); it belongs to a different model or settings.`);
    }
    const step = head.data[0];
    if (!Number.isInteger(step) || step < 0) throw new OptimizerStateError(`The saved optimizer step ${step} is not a whole number of at least 0.`);
    state.slice(1).forEach((entry, k) => {
      const slot = this.slots[Math.floor(k / this.slotNames.length)][k % this.slotNames.length];
      if (!sameShape(entry.shape, slot.shape) || entry.data.length !== slot.size) {
        throw new OptimizerStateError(`Saved optimizer slot ${k + 1} (${entry.name}) has shape [${entry.shape}] but this model needs [${slot.shape}].`);
      }
    });
    // All checks passed: only now change anything, so a refused state leaves the optimizer as it was.
    state.slice(1).forEach((entry, k) => {
      const slot = this.slots[Math.floor(k / this.slotNames.length)][k % this.slotNames.length];
      tf.tidy(() => slot.assign(tf.tensor(entry.data, entry.shape, 'float32')));
    });
    this.stepCount = step;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const slots of this.slots) tf.dispose(slots);
  }

  private checkUsable(): void {
    if (this.disposed) throw new Error('This optimizer was disposed; create a new one.');
  }
}

/**
 * An optimizer for `variables` (fixed order; every applyGradients passes gradients in this order).
 * Validates the spec (OptimizerSpecError) and allocates its slot variables now, one set per variable
 * (Adam: 2 × the variables' size). The variables stay owned by the caller; dispose() frees only the slots.
 */
export function createEngineOptimizer(spec: OptimizerSpec, variables: readonly tf.Variable[]): EngineOptimizer {
  return new SlotOptimizer(spec, variables);
}
