// Engine optimizer state and hygiene: 3 steps + save/restore + 2 steps equals 5 uninterrupted steps
// exactly for every kind, mismatched state is refused without changes, no tensor leaks, spec validation.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEngineOptimizer, OptimizerStateError } from '../../../src/engine/optim/engine-optimizer';
import { OPTIMIZER_KINDS, OPTIMIZER_REGISTRY, OptimizerSpecError, resolveOptimizerSpec, type OptimizerSpec } from '../../../src/engine/optim/optimizer-spec';
import { createRandom } from '../../../src/engine/random';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const SHAPES = [[2, 3], [3]];

/** Seeded gradients for step `s` (same values whichever optimizer asks). */
function gradsAt(s: number): tf.Tensor[] {
  const random = createRandom(1000 + s);
  return SHAPES.map((shape) => tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b) }, () => random() * 2 - 1), shape));
}

function freshVariables(values?: Float32Array[]): tf.Variable[] {
  return SHAPES.map((shape, i) => tf.variable(values ? tf.tensor(values[i], shape) : tf.fill(shape, 0.5 - i)));
}

/** Steps from..to-1 with a decaying rate (so the schedule position matters too). */
function stepRange(opt: ReturnType<typeof createEngineOptimizer>, from: number, to: number): void {
  for (let s = from; s < to; s += 1) {
    const g = gradsAt(s);
    opt.applyGradients(g, 0.1 / (1 + s));
    tf.dispose(g);
  }
}

const SPECS: OptimizerSpec[] = [...OPTIMIZER_KINDS.map((kind) => ({ kind }) as OptimizerSpec), { kind: 'rmsprop', momentum: 0.7 }];

describe('EngineOptimizer state', () => {
  for (const spec of SPECS) {
    it(`${JSON.stringify(spec)}: 3 steps, save, restore into a fresh optimizer, 2 steps == 5 steps`, async () => {
      const straightVars = freshVariables();
      const straight = createEngineOptimizer(spec, straightVars);
      stepRange(straight, 0, 5);

      const firstVars = freshVariables();
      const first = createEngineOptimizer(spec, firstVars);
      stepRange(first, 0, 3);
      const state = await first.readState();
      const weights = firstVars.map((v) => v.dataSync().slice() as Float32Array);
      first.dispose();
      tf.dispose(firstVars);

      expect(state[0]).toEqual({ name: `${spec.kind}/step`, shape: [], data: Float32Array.of(3) });
      // The state is plain cloneable data.
      const cloned = structuredClone(state);
      const resumedVars = freshVariables(weights);
      const resumed = createEngineOptimizer(spec, resumedVars);
      resumed.writeState(cloned);
      expect(resumed.step).toBe(3);
      stepRange(resumed, 3, 5);
      expect(resumed.step).toBe(5);
      resumedVars.forEach((v, i) => expect(v.dataSync()).toEqual(straightVars[i].dataSync()));
      // Names carry the (session-specific) variable names; values and shapes must agree exactly.
      const values = (st: { shape: number[]; data: Float32Array }[]) => st.map((e) => ({ shape: e.shape, data: e.data }));
      expect(values(await resumed.readState())).toEqual(values(await straight.readState()));
      tf.dispose([...straightVars, ...resumedVars]);
      straight.dispose();
      resumed.dispose();
    });
  }

  it('lays out Adam state as step, then m and v per variable in variable order', async () => {
    const vars = freshVariables();
    const opt = createEngineOptimizer({ kind: 'adam' }, vars);
    const state = await opt.readState();
    expect(state.map((s) => s.shape)).toEqual([[], [2, 3], [2, 3], [3], [3]]);
    expect(state[1].name).toBe(`${vars[0].name}/m`);
    expect(state[4].name).toBe(`${vars[1].name}/v`);
    opt.dispose();
    tf.dispose(vars);
  });

  it('refuses state from another kind, another model or a bad step, and changes nothing', async () => {
    const vars = freshVariables();
    const adam = createEngineOptimizer({ kind: 'adam' }, vars);
    stepRange(adam, 0, 2);
    const good = await adam.readState();
    const sgdState = await createEngineOptimizer({ kind: 'sgd' }, []).readState();
    expect(() => adam.writeState(sgdState)).toThrow(/for “sgd” but this run uses “adam”/);
    expect(() => adam.writeState(good.slice(0, 3))).toThrow(OptimizerStateError);
    const wrongShape = good.map((e, i) => (i === 1 ? { ...e, shape: [3, 2] } : e));
    expect(() => adam.writeState(wrongShape)).toThrow(/shape \[3,2\] but this model needs \[2,3\]/);
    const badStep = good.map((e, i) => (i === 0 ? { ...e, data: Float32Array.of(1.5) } : e));
    expect(() => adam.writeState(badStep)).toThrow(/not a whole number/);
    expect(adam.step).toBe(2);
    expect(await adam.readState()).toEqual(good);
    adam.dispose();
    tf.dispose(vars);
  });
});

describe('EngineOptimizer hygiene', () => {
  it('an update leaves no tensors behind, and dispose frees every slot', () => {
    for (const spec of SPECS) {
      const vars = freshVariables();
      const before = tf.memory().numTensors;
      const opt = createEngineOptimizer(spec, vars);
      const g = gradsAt(0);
      const afterCreate = tf.memory().numTensors;
      opt.applyGradients(g, 0.1);
      opt.applyGradients(g, 0.1);
      expect(tf.memory().numTensors).toBe(afterCreate);
      tf.dispose(g);
      opt.dispose();
      expect(tf.memory().numTensors).toBe(before);
      expect(() => opt.applyGradients([], 0.1)).toThrow(/disposed/);
      tf.dispose(vars);
    }
  });

  it('checks gradient count, shapes and the learning rate', () => {
    const vars = freshVariables();
    const opt = createEngineOptimizer({ kind: 'sgd' }, vars);
    const g = gradsAt(0);
    expect(() => opt.applyGradients(g.slice(0, 1), 0.1)).toThrow(/1 gradients for 2 variables/);
    expect(() => opt.applyGradients([g[1], g[0]], 0.1)).toThrow(/shape \[3\] but variable/);
    expect(() => opt.applyGradients(g, NaN)).toThrow(/learning rate/);
    expect(() => opt.applyGradients(g, -1)).toThrow(/learning rate/);
    expect(opt.step).toBe(0);
    tf.dispose([...g, ...vars]);
    opt.dispose();
  });
});

describe('resolveOptimizerSpec', () => {
  it('fills the documented defaults', () => {
    expect(resolveOptimizerSpec({ kind: 'adam' })).toEqual({ kind: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-7 });
    expect(resolveOptimizerSpec({ kind: 'adamw', beta1: 0.8 })).toEqual({ kind: 'adamw', beta1: 0.8, beta2: 0.999, epsilon: 1e-7, weightDecay: 0.01 });
    expect(resolveOptimizerSpec({ kind: 'momentum', momentum: undefined })).toEqual({ kind: 'momentum', momentum: 0.9 });
    expect(resolveOptimizerSpec({ kind: 'rmsprop' })).toEqual({ kind: 'rmsprop', rho: 0.9, momentum: 0, epsilon: 1e-7 });
    expect(resolveOptimizerSpec({ kind: 'adagrad' })).toEqual({ kind: 'adagrad', initialAccumulator: 0.1, epsilon: 1e-7 });
    for (const kind of OPTIMIZER_KINDS) expect(OPTIMIZER_REGISTRY[kind].label.length).toBeGreaterThan(2);
  });

  it('names the bad field and its range', () => {
    expect(() => resolveOptimizerSpec({ kind: 'adam', beta2: 1 })).toThrow(/Adam beta2 must be at least 0 and below 1, not 1; 0.999 is the usual value/);
    expect(() => resolveOptimizerSpec({ kind: 'momentum', momentum: -0.1 })).toThrow(OptimizerSpecError);
    expect(() => resolveOptimizerSpec({ kind: 'adamw', weightDecay: NaN })).toThrow(/weight decay/);
    expect(() => resolveOptimizerSpec({ kind: 'rmsprop', epsilon: 0 })).toThrow(/epsilon must be above 0/);
    expect(() => resolveOptimizerSpec({ kind: 'adagrad', initialAccumulator: -1 })).toThrow(/initial accumulator/);
    expect(() => resolveOptimizerSpec({ kind: 'lion' } as unknown as OptimizerSpec)).toThrow(/Unknown optimizer “lion”; choose one of sgd, momentum/);
    expect(() => resolveOptimizerSpec({ kind: 'sgd', momentum: 0.9 } as unknown as OptimizerSpec)).toThrow(/SGD has no option “momentum”/);
  });
});
