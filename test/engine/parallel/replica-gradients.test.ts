// shardGradients / packGradients / unpackGradients / applySummedGradients: hand-computed gradients of a
// linear model, shard sums equal to the whole-batch gradient, the penalty added once, and no leaks.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { gradientLayout, packGradients, shardGradients, unpackGradients, type PerSampleLossFn } from '../../../src/engine/parallel/replica-gradients';
import { applySummedGradients } from '../../../src/engine/parallel/replica-update';
import { sumInOrder } from '../../../src/engine/parallel/all-reduce';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// y ≈ x·w + b with w [3,1], b [1]; 5 rows.
const X = [[1, 2, 3], [0, -1, 2], [4, 0, 1], [-2, 1, 1], [1, 1, -1]];
const Y = [1, -2, 3, 0.5, 2];
const W0 = [0.5, -0.25, 1];
const B0 = 0.1;

function linearModel() {
  const w = tf.variable(tf.tensor2d(W0, [3, 1]), true);
  const b = tf.variable(tf.tensor1d([B0]), true);
  const loss: PerSampleLossFn = (x, y) => tf.square(tf.sub(tf.add(tf.matMul(x as tf.Tensor2D, w), b).reshape([-1]), y)) as tf.Tensor1D;
  return { w, b, variables: [w, b], loss };
}

/** Independent plain-JS gradient of sum over rows of (x·w + b - y)^2 / divisor: [dw0, dw1, dw2, db]. */
function handGradient(rows: number[], divisor: number): number[] {
  const g = [0, 0, 0, 0];
  for (const r of rows) {
    const residual = X[r][0] * W0[0] + X[r][1] * W0[1] + X[r][2] * W0[2] + B0 - Y[r];
    for (let j = 0; j < 3; j += 1) g[j] += (2 * residual * X[r][j]) / divisor;
    g[3] += (2 * residual) / divisor;
  }
  return g;
}

function handLoss(rows: number[]): number {
  return rows.reduce((s, r) => s + (X[r][0] * W0[0] + X[r][1] * W0[1] + X[r][2] * W0[2] + B0 - Y[r]) ** 2, 0);
}

const rowsTensor = (rows: number[]) => ({ x: tf.tensor2d(rows.map((r) => X[r]), [rows.length, 3]), y: tf.tensor1d(rows.map((r) => Y[r])) });

describe('shardGradients', () => {
  it('matches a hand-computed gradient scaled by the GLOBAL batch, with the shard loss sum appended', async () => {
    const m = linearModel();
    const { x, y } = rowsTensor([1, 2]);
    const { packed, lossSum } = await shardGradients(m.loss, m.variables, x, y, { globalBatch: 5 });
    expect(packed).toHaveLength(gradientLayout(m.variables).size + 1);
    handGradient([1, 2], 5).forEach((g, i) => expect(packed[i]).toBeCloseTo(g, 5));
    expect(lossSum).toBeCloseTo(handLoss([1, 2]), 5);
    expect(packed[4]).toBe(lossSum);
    tf.dispose([x, y, ...m.variables]);
  });

  it('sums over any split of the batch to the gradient of the mean loss over the whole batch', async () => {
    const m = linearModel();
    const parts: Float32Array[] = [];
    for (const rows of [[0, 1], [2], [3, 4]]) {
      const { x, y } = rowsTensor(rows);
      parts.push((await shardGradients(m.loss, m.variables, x, y, { globalBatch: 5 })).packed);
      tf.dispose([x, y]);
    }
    const summed = sumInOrder(parts);
    const whole = handGradient([0, 1, 2, 3, 4], 5);
    whole.forEach((g, i) => expect(summed[i]).toBeCloseTo(g, 5));
    expect(summed[4]).toBeCloseTo(handLoss([0, 1, 2, 3, 4]), 4);
    // Scaling by each shard's own size instead would not sum to the mean-loss gradient.
    const wrong = [[0, 1], [2], [3, 4]].map((rows) => handGradient(rows, rows.length)).reduce((a, g) => a.map((v, i) => v + g[i]));
    expect(Math.max(...wrong.map((g, i) => Math.abs(g - whole[i])))).toBeGreaterThan(0.1);
    tf.dispose(m.variables);
  });

  it('adds the penalty only where addPenalty is set, so it counts once across replicas', async () => {
    const m = linearModel();
    const penalty = () => tf.mul(0.5, tf.sum(tf.square(m.w))) as tf.Scalar; // d/dw = w
    const { x, y } = rowsTensor([0, 3]);
    const plain = (await shardGradients(m.loss, m.variables, x, y, { globalBatch: 5, penalty, addPenalty: false })).packed;
    const withPenalty = await shardGradients(m.loss, m.variables, x, y, { globalBatch: 5, penalty, addPenalty: true });
    W0.forEach((w, i) => expect(withPenalty.packed[i] - plain[i]).toBeCloseTo(w, 5));
    expect(withPenalty.packed[3]).toBeCloseTo(plain[3], 6); // the bias is not penalized
    expect(withPenalty.lossSum).toBeCloseTo(handLoss([0, 3]), 5); // the reported loss is the data loss alone
    tf.dispose([x, y, ...m.variables]);
  });

  it('gives zeros for an empty shard and for a variable the loss does not reach', async () => {
    const m = linearModel();
    const unused = tf.variable(tf.ones([2, 2]), true);
    const empty = rowsTensor([]);
    const zero = await shardGradients(m.loss, [...m.variables, unused], empty.x, empty.y, { globalBatch: 5 });
    expect(Array.from(zero.packed)).toEqual(new Array(9).fill(0));
    const one = rowsTensor([0]);
    const some = await shardGradients(m.loss, [...m.variables, unused], one.x, one.y, { globalBatch: 5 });
    expect(Array.from(some.packed.subarray(4, 8))).toEqual([0, 0, 0, 0]);
    tf.dispose([empty.x, empty.y, one.x, one.y, unused, ...m.variables]);
  });

  it('leaks no tensors and validates its arguments', async () => {
    const m = linearModel();
    const { x, y } = rowsTensor([0, 1, 2]);
    const before = tf.memory().numTensors;
    await shardGradients(m.loss, m.variables, x, y, { globalBatch: 3 });
    expect(tf.memory().numTensors).toBe(before);
    await expect(shardGradients(m.loss, m.variables, x, y, { globalBatch: 2 })).rejects.toThrow(/3 rows, more than the global batch of 2/);
    await expect(shardGradients(m.loss, m.variables, x, y, { globalBatch: 0 })).rejects.toThrow(/whole number of rows ≥ 1/);
    const y2 = tf.tensor1d([1, 2]);
    await expect(shardGradients(m.loss, m.variables, x, y2, { globalBatch: 5 })).rejects.toThrow(/3 feature rows but 2 targets/);
    await expect(shardGradients(m.loss, [], x, y, { globalBatch: 5 })).rejects.toThrow(/no variables/);
    tf.dispose([x, y, y2, ...m.variables]);
  });
});

describe('packGradients and unpackGradients', () => {
  it('round-trip shapes and values in order, ignoring trailing values, with copies not views', async () => {
    const a = tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3]);
    const b = tf.tensor1d([7, 8]);
    const s = tf.scalar(9);
    const packed = await packGradients([a, b], [s]);
    expect(Array.from(packed)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const [ua, ub] = unpackGradients(packed, [[2, 3], [2]]);
    expect(ua.shape).toEqual([2, 3]);
    expect(Array.from(await ua.data())).toEqual([1, 2, 3, 4, 5, 6]);
    packed[6] = -1; // the unpacked tensor must not alias the packed vector
    expect(Array.from(await ub.data())).toEqual([7, 8]);
    expect(() => unpackGradients(new Float32Array(7), [[2, 3], [2]])).toThrow(/hold 7 values but the variables need 8/);
    tf.dispose([a, b, s, ua, ub]);
  });
});

describe('applySummedGradients', () => {
  it('applies gradient i to variable i (plain SGD: w - lr g) and returns the packed loss sum', async () => {
    const m = linearModel();
    const layout = gradientLayout(m.variables);
    const summed = Float32Array.from([1, 2, 3, 4, 42]);
    const optimizer = tf.train.sgd(0.5);
    expect(applySummedGradients(optimizer, m.variables, summed, layout)).toBe(42);
    const w = Array.from(await m.w.data());
    [0.5 - 0.5, -0.25 - 1, 1 - 1.5].forEach((v, i) => expect(w[i]).toBeCloseTo(v, 6));
    expect((await m.b.data())[0]).toBeCloseTo(0.1 - 2, 6);
    expect(() => applySummedGradients(optimizer, [m.b, m.w], summed, layout)).toThrow(/Variable 0 .* has shape \[1\] but the layout says \[3,1\]/);
    expect(() => applySummedGradients(optimizer, [m.w], summed, layout)).toThrow(/layout has 2 variables but 1/);
    optimizer.dispose();
    tf.dispose(m.variables);
  });
});
