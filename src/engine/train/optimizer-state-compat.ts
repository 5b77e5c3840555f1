// Checkpoints written before the engine had its own optimizer hold tfjs optimizer weights; this turns
// them into EngineOptimizer's state layout so those runs still resume exactly.
import type { OptimizerKind } from '../optim/optimizer-spec';
import type { NamedArray } from './train-types';

/** True when `state` was written by EngineOptimizer.readState (its first entry is '<kind>/step'). */
export function isEngineOptimizerState(state: readonly NamedArray[]): boolean {
  return state.length > 0 && state[0].name.endsWith('/step');
}

/**
 * `state` in EngineOptimizer's layout for `kind` and `variableCount` variables. tfjs' `getWeights()` is
 * [iterations, (Adam) all first moments in variable order, then all second moments]; the engine keeps
 * [step, m0, v0, m1, v1, …]. Only the two kinds WebTrain trained with before (adam, sgd) can appear.
 * Engine states pass through unchanged; anything else throws a message naming what was found.
 */
export function upgradeOptimizerState(kind: OptimizerKind, state: readonly NamedArray[], variableCount: number): NamedArray[] {
  if (state.length === 0 || isEngineOptimizerState(state)) return state.slice();
  const [iterations, ...slots] = state;
  const step: NamedArray = { name: `${kind}/step`, shape: [], data: Float32Array.of(iterations.data[0]) };
  if (kind === 'sgd' && slots.length === 0) return [step];
  if (kind === 'adam' && slots.length === 2 * variableCount) {
    const interleaved = Array.from({ length: variableCount }, (_, i) => [slots[i], slots[variableCount + i]]).flat();
    return [step, ...interleaved];
  }
  throw new Error(`This checkpoint's optimizer state (${state.length} tensors) does not fit ${kind} with ${variableCount} variables; start a new run.`);
}
