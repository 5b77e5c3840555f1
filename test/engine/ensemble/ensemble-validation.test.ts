// Argument validation of fitEnsemble and combinePredictions: each bad input throws the right error class with a
// message that names the problem and the fix; valid edge cases (2 members, Float32 class labels) are accepted.
import { describe, expect, it } from 'vitest';
import { combinePredictions, fitEnsemble } from '../../../src/engine/ensemble/ensemble';
import {
  EnsembleInputError, EnsembleSpecError, type EnsembleSpec, type FittedEnsemble, type MemberPredictions,
} from '../../../src/engine/ensemble/ensemble-types';

const cls = (classes: number, probs: number[]): MemberPredictions => ({ task: 'classification', classes, probs: Float32Array.from(probs) });
const reg = (values: number[]): MemberPredictions => ({ task: 'regression', values: Float32Array.from(values) });
const A = cls(2, [0.8, 0.2, 0.3, 0.7]);
const B = cls(2, [0.6, 0.4, 0.1, 0.9]);
const LABELS = Int32Array.from([0, 1]);
const AVERAGE: EnsembleSpec = { method: 'average', seed: 1 };

/** Expects `run` to throw an instance of `type` whose message matches `message`. */
function expectError(run: () => unknown, type: typeof EnsembleInputError | typeof EnsembleSpecError, message: RegExp): void {
  expect(run).toThrow(type);
  expect(run).toThrow(message);
}

describe('fitEnsemble input checks', () => {
  it('accepts the smallest valid input, with class labels given as whole floats', () => {
    expect(fitEnsemble(AVERAGE, { members: [A, B], labels: Float32Array.from([0, 1]) }).members).toBe(2);
  });

  it('rejects too few members, mixed tasks, classes or row counts', () => {
    expectError(() => fitEnsemble(AVERAGE, { members: [A], labels: LABELS }), EnsembleInputError, /at least 2 members, got 1; train more models/);
    expectError(() => fitEnsemble(AVERAGE, { members: [A, reg([1, 2])], labels: LABELS }), EnsembleInputError, /Member 1 is a regression model but member 0 is classification/);
    expectError(() => fitEnsemble(AVERAGE, { members: [A, cls(1, [1, 1])], labels: LABELS }), EnsembleInputError, /Member 1 predicts 1 classes but member 0 predicts 2/);
    expectError(() => fitEnsemble(AVERAGE, { members: [A, cls(2, [0.5, 0.5])], labels: LABELS }), EnsembleInputError, /Member 1 has 1 rows but member 0 has 2; predict every member on the same split/);
    expectError(() => fitEnsemble(AVERAGE, { members: [A, cls(2, [0.5, 0.5, 0.5])], labels: LABELS }), EnsembleInputError, /not a multiple of 2 classes/);
    expectError(() => fitEnsemble(AVERAGE, { members: [cls(1, [1]), cls(1, [1])], labels: Int32Array.from([0]) }), EnsembleInputError, /needs a whole number of classes >= 2/);
    expectError(() => fitEnsemble(AVERAGE, { members: [cls(2, []), cls(2, [])], labels: new Int32Array(0) }), EnsembleInputError, /predict 0 rows/);
  });

  it('rejects non-finite values, negative probabilities and rows that are logits', () => {
    expectError(() => fitEnsemble(AVERAGE, { members: [A, cls(2, [0.5, 0.5, Number.NaN, 1])], labels: LABELS }), EnsembleInputError, /Member 1, row 1, class 0 has probability NaN/);
    expectError(() => fitEnsemble(AVERAGE, { members: [A, cls(2, [1.5, -0.5, 0.5, 0.5])], labels: LABELS }), EnsembleInputError, /row 0, class 1 has probability -0.5/);
    expectError(() => fitEnsemble(AVERAGE, { members: [A, cls(2, [2, 0.4, 0.5, 0.5])], labels: LABELS }), EnsembleInputError, /row 0 sums to 2.40000, not 1; pass softmax probabilities, not logits/);
    expectError(() => fitEnsemble(AVERAGE, { members: [reg([1, Infinity]), reg([1, 2])], labels: Float32Array.from([1, 2]) }), EnsembleInputError, /Member 0, row 1 has value Infinity/);
    const plain = { task: 'classification', classes: 2, probs: [0.5, 0.5] } as unknown as MemberPredictions;
    expectError(() => fitEnsemble(AVERAGE, { members: [plain, plain], labels: Int32Array.from([0]) }), EnsembleInputError, /must be a Float32Array/);
  });

  it('rejects labels of the wrong length, type or range', () => {
    expectError(() => fitEnsemble(AVERAGE, { members: [A, B], labels: Int32Array.from([0]) }), EnsembleInputError, /Got 1 validation labels for 2 predicted rows/);
    expectError(() => fitEnsemble(AVERAGE, { members: [A, B], labels: Int32Array.from([0, 2]) }), EnsembleInputError, /label 2 at row 1 is not a class index in 0..1/);
    expectError(() => fitEnsemble(AVERAGE, { members: [A, B], labels: Float32Array.from([0.5, 1]) }), EnsembleInputError, /label 0.5 at row 0/);
    expectError(() => fitEnsemble(AVERAGE, { members: [A, B], labels: [0, 1] as unknown as Int32Array }), EnsembleInputError, /Int32Array \(class indices\) or a Float32Array/);
    expectError(() => fitEnsemble(AVERAGE, { members: [reg([1, 2]), reg([1, 2])], labels: Float32Array.from([1, Number.NaN]) }), EnsembleInputError, /label NaN at row 1 is not a finite target value/);
  });

  it('rejects bad specs', () => {
    const split = { members: [A, B], labels: LABELS };
    expectError(() => fitEnsemble({ method: 'boost', seed: 1 } as unknown as EnsembleSpec, split), EnsembleSpecError, /Unknown ensemble method "boost"; use one of average, vote, weighted, stacking/);
    expectError(() => fitEnsemble({ method: 'average', metaLearner: 'mlp', seed: 1 }, split), EnsembleSpecError, /metaLearner applies to 'stacking' only/);
    expectError(() => fitEnsemble({ method: 'stacking', metaLearner: 'tree', seed: 1 } as unknown as EnsembleSpec, split), EnsembleSpecError, /Unknown metaLearner "tree"/);
    expectError(() => fitEnsemble({ method: 'stacking', seed: Number.NaN }, split), EnsembleSpecError, /seed must be a finite number, got NaN/);
    const regression = { members: [reg([1, 2]), reg([2, 3])], labels: Float32Array.from([1, 2]) };
    expectError(() => fitEnsemble({ method: 'stacking', metaLearner: 'mlp', seed: 1 }, regression), EnsembleSpecError, /Regression stacking always uses ridge/);
  });
});

describe('combinePredictions input checks', () => {
  const fitted = fitEnsemble({ method: 'stacking', seed: 1 }, {
    members: [cls(2, [0.8, 0.2, 0.3, 0.7, 0.6, 0.4, 0.2, 0.8]), cls(2, [0.6, 0.4, 0.1, 0.9, 0.7, 0.3, 0.4, 0.6])],
    labels: Int32Array.from([0, 1, 0, 1]),
  });

  it('rejects members that do not match the fitted ensemble', () => {
    expectError(() => combinePredictions(fitted, [A, B, A]), EnsembleInputError, /fitted on 2 members but got 3; pass the same members in the same order/);
    expectError(() => combinePredictions(fitted, [cls(3, [1, 0, 0]), cls(3, [0, 1, 0])]), EnsembleInputError, /fitted for 2-class classification but the members are 3-class classification/);
    expectError(() => combinePredictions(fitted, [reg([1]), reg([2])]), EnsembleInputError, /fitted for 2-class classification but the members are regression/);
  });

  it('rejects a fitted record that cannot be used', () => {
    expectError(() => combinePredictions({ ...fitted, version: 2 } as unknown as FittedEnsemble, [A, B]), EnsembleSpecError, /Unsupported fitted-ensemble version 2; refit/);
    expectError(() => combinePredictions({ ...fitted, meta: undefined }, [A, B]), EnsembleSpecError, /no meta-learner parameters; refit/);
    const weighted: FittedEnsemble = { version: 1, spec: { method: 'weighted', seed: 1 }, task: 'classification', members: 2, classes: 2, weights: [1] };
    expectError(() => combinePredictions(weighted, [A, B]), EnsembleSpecError, /needs one weight per member \(2\)/);
    expectError(() => combinePredictions({ ...weighted, weights: [1.5, -0.5] }, [A, B]), EnsembleSpecError, /must be >= 0 and sum to 1, got \[1.5, -0.5\]/);
    const meta = fitted.meta!;
    if (meta.kind !== 'logistic') throw new Error('expected the logistic meta-learner');
    const truncated = { ...fitted, meta: { ...meta, weights: meta.weights.slice(1) } };
    expectError(() => combinePredictions(truncated, [A, B]), EnsembleSpecError, /meta-learner's weights should be 8 finite numbers; the record is damaged/);
    const mismatched = { ...fitted, spec: { ...fitted.spec, metaLearner: 'mlp' as const } };
    expectError(() => combinePredictions(mismatched, [A, B]), EnsembleSpecError, /holds a logistic meta-learner where the spec asks for mlp/);
  });
});
