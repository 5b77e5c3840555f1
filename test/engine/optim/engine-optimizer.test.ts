// The engine optimizer: two hand-computed steps per kind, agreement with tfjs's tf.train optimizers
// over several steps, exact state round-trip (3 + 2 steps == 5 steps), argument checks and no leaks.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEngineOptimizer } from '../../../src/engine/optim/engine-optimizer';
import { OPTIMIZER_KINDS, type OptimizerSpec } from '../../../src/engine/optim/optimizer-spec';
import { createRandom } from '../../../src/engine/random';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Runs `steps` updates of w0 with the given gradient lists at rate lr; returns the weights after each step. */
function runSteps(spec: OptimizerSpec, w0: number[][], grads: number[][][], lr: number | ((step: number) => number)): number[][][] {
  const vars = w0.map((w) => tf.variable(tf.tensor1d(w)));
  const opt = createEngineOptimizer(spec, vars);
  const out: number[][][] = [];
  for (const stepGrads of grads) {
    const g = stepGrads.map((x) => tf.tensor1d(x));
    opt.applyGradients(g, typeof lr === 'number' ? lr : lr(opt.step));
    tf.dispose(g);
    out.push(vars.map((v) => Array.from(v.dataSync())));
  }
  opt.dispose();
  tf.dispose(vars);
  return out;
}

// w0 = [1, -2]; g1 = [0.5, 1]; g2 = [-1, 0.5]; lr = 0.1; default hyperparameters. Expected weights after
// steps 1 and 2 worked out with scalar float64 arithmetic (a separate Python script), e.g. momentum,
// element 0: v1 = 0.5, w1 = 1 - 0.1·0.5 = 0.95; v2 = 0.9·0.5 - 1 = -0.55, w2 = 0.95 + 0.055 = 1.005.
// Adam step 1 moves every weight by lr·sign(g) (m̂ = g, v̂ = g²); AdamW also subtracts lr·0.01·w.
const HAND: Record<string, [number[], number[]]> = {
  sgd: [[0.95, -2.1], [1.05, -2.15]],
  momentum: [[0.95, -2.1], [1.005, -2.24]],
  nesterov: [[0.905, -2.19], [1.0545, -2.366]],
  adam: [[0.9, -2.1], [0.936610368, -2.19321794]],
  adamw: [[0.899, -2.098], [0.934711368, -2.18911994]],
  rmsprop: [[0.683772434, -2.31622767], [0.969486638, -2.46366958]],
  adagrad: [[0.915484589, -2.09534625], [1.00155088, -2.13837939]],
};

describe('createEngineOptimizer update rules', () => {
  for (const kind of OPTIMIZER_KINDS) {
    it(`${kind}: first two steps match the hand computation`, () => {
      const [step1, step2] = runSteps({ kind } as OptimizerSpec, [[1, -2]], [[[0.5, 1]], [[-1, 0.5]]], 0.1);
      HAND[kind][0].forEach((v, i) => expect(step1[0][i]).toBeCloseTo(v, 5));
      HAND[kind][1].forEach((v, i) => expect(step2[0][i]).toBeCloseTo(v, 5));
    });
  }

  it('adamw with zero gradients only decays: w·(1 - lr·λ) per step, scaled by each step’s rate', () => {
    const steps = runSteps({ kind: 'adamw', weightDecay: 0.1 }, [[2, -4]], [[[0, 0]], [[0, 0]]], (s) => (s === 0 ? 0.5 : 0.25));
    expect(steps[0][0][0]).toBeCloseTo(2 * 0.95, 6);
    expect(steps[1][0][0]).toBeCloseTo(2 * 0.95 * 0.975, 6);
    expect(steps[1][0][1]).toBeCloseTo(-4 * 0.95 * 0.975, 6);
  });

  it('rate 0 leaves the weights but still advances the step and the moments', () => {
    const vars = [tf.variable(tf.tensor1d([1, 2]))];
    const opt = createEngineOptimizer({ kind: 'momentum' }, vars);
    const g = [tf.tensor1d([1, 1])];
    opt.applyGradients(g, 0);
    expect(Array.from(vars[0].dataSync())).toEqual([1, 2]);
    expect(opt.step).toBe(1);
    opt.applyGradients(g, 1); // velocity 0.9·1 + 1 = 1.9
    const [a, b] = vars[0].dataSync();
    expect(a).toBeCloseTo(1 - 1.9, 6);
    expect(b).toBeCloseTo(2 - 1.9, 6);
    tf.dispose([...g, ...vars]);
    opt.dispose();
  });
});

/** Same seeded gradients through our optimizer and a tfjs one on copies of the same two variables. */
function compareWithTfjs(spec: OptimizerSpec, tfjs: tf.Optimizer, steps: number, lr: number): { ours: Float32Array; theirs: Float32Array } {
  const random = createRandom(11);
  const init = [Float32Array.from({ length: 12 }, () => random() * 2 - 1), Float32Array.from({ length: 4 }, () => random() - 0.5)];
  const shapes = [[3, 4], [4]];
  const ours = init.map((x, i) => tf.variable(tf.tensor(x, shapes[i])));
  const theirs = init.map((x, i) => tf.variable(tf.tensor(x, shapes[i])));
  const opt = createEngineOptimizer(spec, ours);
  for (let s = 0; s < steps; s += 1) {
    const grads = shapes.map((shape) => tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b) }, () => random() * 4 - 2), shape));
    opt.applyGradients(grads, lr);
    tfjs.applyGradients(theirs.map((v, i) => ({ name: v.name, tensor: grads[i] })));
    tf.dispose(grads);
  }
  const flat = (vars: tf.Variable[]) => Float32Array.from(vars.flatMap((v) => Array.from(v.dataSync())));
  const result = { ours: flat(ours), theirs: flat(theirs) };
  opt.dispose();
  tfjs.dispose();
  tf.dispose([...ours, ...theirs]);
  return result;
}

describe('agreement with tf.train optimizers (6 steps, 16 weights)', () => {
  it('sgd, momentum and nesterov use the same formulas as tfjs and give identical float32 results', () => {
    for (const [spec, tfjs] of [
      [{ kind: 'sgd' }, tf.train.sgd(0.05)],
      [{ kind: 'momentum', momentum: 0.8 }, tf.train.momentum(0.05, 0.8)],
      [{ kind: 'nesterov', momentum: 0.8 }, tf.train.momentum(0.05, 0.8, true)],
    ] as const) {
      const { ours, theirs } = compareWithTfjs(spec, tfjs, 6, 0.05);
      expect(ours).toEqual(theirs);
    }
  });

  it('adam matches tfjs up to float32 rounding (tfjs accumulates β^t in float32)', () => {
    const { ours, theirs } = compareWithTfjs({ kind: 'adam', beta1: 0.8, beta2: 0.99, epsilon: 1e-7 }, tf.train.adam(0.05, 0.8, 0.99, 1e-7), 6, 0.05);
    ours.forEach((v, i) => expect(Math.abs(v - theirs[i])).toBeLessThan(2e-6));
  });

  it('rmsprop and adagrad match tfjs closely (tfjs adds ε inside the square root, we add it outside)', () => {
    const start = compareWithTfjs({ kind: 'sgd' }, tf.train.sgd(0), 0, 0).ours;
    for (const [spec, tfjs] of [
      [{ kind: 'rmsprop', rho: 0.8 }, tf.train.rmsprop(0.05, 0.8, 0, 1e-7)],
      [{ kind: 'rmsprop', rho: 0.8, momentum: 0.5 }, tf.train.rmsprop(0.05, 0.8, 0.5, 1e-7)],
      [{ kind: 'adagrad', initialAccumulator: 0.1 }, tf.train.adagrad(0.05, 0.1)],
    ] as const) {
      const { ours, theirs } = compareWithTfjs(spec, tfjs, 6, 0.05);
      ours.forEach((v, i) => expect(Math.abs(v - theirs[i])).toBeLessThan(2e-5));
      // …and they really moved: not a vacuous comparison.
      expect(Math.max(...ours.map((v, i) => Math.abs(v - start[i])))).toBeGreaterThan(0.05);
    }
  });
});
