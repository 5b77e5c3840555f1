// Proof that fitting an ensemble (stacking above all) never reads test labels: three independent arguments,
// each able to fail — the fit is blind to the test labels' content, a tripwire on the test split never fires,
// and the API has no way in for test data (types and a runtime key check).
import { describe, expect, it } from 'vitest';
import { combinePredictions, fitEnsemble } from '../../../src/engine/ensemble/ensemble';
import { EnsembleInputError, type EnsembleSpec, type MemberPredictions, type ValidationSplit } from '../../../src/engine/ensemble/ensemble-types';
import { accuracy, argmaxRows } from '../../../src/engine/metrics/classification';
import { createRandom, shuffleInPlace } from '../../../src/engine/random';
import { makeClassificationSplits } from './synthetic-members';

const SPECS: EnsembleSpec[] = [
  { method: 'average', seed: 3 },
  { method: 'vote', seed: 3 },
  { method: 'weighted', seed: 3 },
  { method: 'stacking', metaLearner: 'logistic', seed: 3 },
  { method: 'stacking', metaLearner: 'mlp', seed: 3 },
];
const CLASSES = 3;
const VALIDATION_ROWS = 300;
const TEST_ROWS = 300;

/** The raw bits of a prediction array, so "identical" means bit-identical (−0 ≠ 0, no tolerance). */
function bitsOf(p: MemberPredictions): number[] {
  const data = p.task === 'classification' ? p.probs : p.values;
  return Array.from(new Uint32Array(data.buffer, data.byteOffset, data.length));
}

class LeakError extends Error {}

/**
 * A Proxy that behaves as `target` (methods bound to it, so typed-array built-ins work) but throws LeakError on
 * any property read, `in` test or key listing while `armed()` is true: touching it at all is detected.
 */
function tripwire<T extends object>(target: T, armed: () => boolean, name: string): T {
  const check = (key: PropertyKey): void => {
    if (armed()) throw new LeakError(`${name} was read (${String(key)}) while it should have been out of reach`);
  };
  return new Proxy(target, {
    get(t, key) {
      check(key);
      const value = Reflect.get(t, key, t);
      return typeof value === 'function' ? value.bind(t) : value;
    },
    has(t, key) { check(key); return Reflect.has(t, key); },
    ownKeys(t) { check('ownKeys'); return Reflect.ownKeys(t); },
    getOwnPropertyDescriptor(t, key) { check(key); return Reflect.getOwnPropertyDescriptor(t, key); },
  });
}

/** A Proxy over validation labels that records every property read (index reads included). */
function recordReads(labels: Int32Array): { labels: Int32Array; reads: Set<string> } {
  const reads = new Set<string>();
  const proxy = new Proxy(labels, {
    get(t, key) {
      reads.add(typeof key === 'symbol' ? key.toString() : /^\d+$/.test(key) ? 'index' : key);
      if (typeof key === 'string' && /^\d+$/.test(key) && Number(key) >= t.length) reads.add('index beyond the split');
      const value = Reflect.get(t, key, t);
      return typeof value === 'function' ? value.bind(t) : value;
    },
  });
  return { labels: proxy, reads };
}

describe('fitting never reads test labels', () => {
  it('gives bit-identical fits and test predictions whatever the test labels hold, though they share one buffer', () => {
    const splits = makeClassificationSplits([0.7, 0.7, 0.6, 0.8], CLASSES, VALIDATION_ROWS, TEST_ROWS, 11);
    // The worst case for leakage: the test labels sit right after the validation labels in one ArrayBuffer, so
    // an implementation could reach them through validation.labels.buffer. The fit must not change when they do.
    expect(splits.validation.labels.buffer).toBe(splits.test.labels.buffer);
    const original = splits.test.labels.slice();
    const run = (spec: EnsembleSpec) => {
      const fitted = fitEnsemble(spec, splits.validation);
      return { json: JSON.stringify(fitted), bits: bitsOf(combinePredictions(fitted, splits.test.members)) };
    };
    for (const spec of SPECS) {
      const before = run(spec);
      shuffleInPlace(splits.test.labels, createRandom(99)); // permuted test labels
      const permuted = run(spec);
      splits.test.labels.fill(CLASSES - 1); // test labels replaced by one constant class
      const replaced = run(spec);
      splits.test.labels.set(original);
      expect(permuted.json, spec.method).toBe(before.json);
      expect(replaced.json, spec.method).toBe(before.json);
      expect(permuted.bits, spec.method).toEqual(before.bits);
      expect(replaced.bits, spec.method).toEqual(before.bits);
    }
  });

  it('control: the same comparison does see a change in the validation labels, so it has the power to fail', () => {
    const splits = makeClassificationSplits([0.7, 0.7, 0.6, 0.8], CLASSES, VALIDATION_ROWS, TEST_ROWS, 11);
    const spec: EnsembleSpec = { method: 'stacking', seed: 3 };
    const honest = fitEnsemble(spec, splits.validation);
    const scrambled = fitEnsemble(spec, { members: splits.validation.members, labels: shuffleInPlace(splits.validation.labels.slice(), createRandom(5)) });
    expect(JSON.stringify(scrambled)).not.toBe(JSON.stringify(honest));
    const score = (f: typeof honest) => {
      const p = combinePredictions(f, splits.test.members);
      return p.task === 'classification' ? accuracy(splits.test.labels, argmaxRows(p.probs, TEST_ROWS, CLASSES)) : NaN;
    };
    expect(score(honest)).toBeGreaterThan(score(scrambled) + 0.3);
  });

  it('runs fitting with the whole test split, and prediction with the test labels, behind a tripwire', () => {
    const splits = makeClassificationSplits([0.7, 0.7, 0.6, 0.8], CLASSES, VALIDATION_ROWS, TEST_ROWS, 12);
    // phase 'fit': nothing of the test split may be touched; 'predict': its member predictions may be read but
    // not its labels; 'score': everything is readable again (the metrics read the labels).
    let phase: 'fit' | 'predict' | 'score' = 'fit';
    const project = {
      validation: splits.validation,
      test: {
        members: splits.test.members.map((m, i) => {
          const inner = m.task === 'classification' ? { ...m, probs: tripwire(m.probs, () => phase === 'fit', `test member ${i} probs`) } : m;
          return tripwire(inner, () => phase === 'fit', `test member ${i}`);
        }),
        labels: tripwire(splits.test.labels, () => phase !== 'score', 'test labels'),
      },
    };
    // The tripwire works: an armed read throws, so a leaking implementation would fail this test.
    expect(() => project.test.labels[0]).toThrow(LeakError);
    expect(() => Float64Array.from(project.test.labels)).toThrow(LeakError);
    expect(() => project.test.members[0].task).toThrow(LeakError);

    for (const spec of SPECS) {
      phase = 'fit';
      const recorded = recordReads(project.validation.labels);
      const fitted = fitEnsemble(spec, { members: project.validation.members, labels: recorded.labels });
      // Fitting read the validation labels by index and length only: never their buffer (where the test labels
      // live), never an index past the split.
      expect([...recorded.reads].sort(), spec.method).toEqual(expect.arrayContaining(['index', 'length']));
      for (const key of recorded.reads) expect(['index', 'length', 'Symbol(Symbol.iterator)'], `${spec.method} read ${key}`).toContain(key);
      phase = 'predict';
      const predictions = combinePredictions(fitted, project.test.members);
      phase = 'score';
      if (predictions.task !== 'classification') throw new Error('expected classification');
      expect(accuracy(project.test.labels, argmaxRows(predictions.probs, TEST_ROWS, CLASSES)), spec.method).toBeGreaterThan(0.7);
    }
  });

  it('has no way in for test data: the type has no such field and extra keys are rejected at run time', () => {
    const splits = makeClassificationSplits([0.7, 0.7], CLASSES, 40, 40, 13);
    expect(fitEnsemble.length).toBe(2); // (spec, validation) and nothing else
    const sneaky = { ...splits.validation, testLabels: splits.test.labels };
    expect(() => fitEnsemble({ method: 'stacking', seed: 1 }, sneaky as ValidationSplit)).toThrow(EnsembleInputError);
    expect(() => fitEnsemble({ method: 'stacking', seed: 1 }, sneaky as ValidationSplit)).toThrow(/takes only the validation split's members and labels, not 'testLabels'/);
    expect(() =>
      // @ts-expect-error -- ValidationSplit has no field for test labels; tsc fails here if one is ever added.
      fitEnsemble({ method: 'average', seed: 1 }, { members: splits.validation.members, labels: splits.validation.labels, test: splits.test }),
    ).toThrow(/not 'test'/);
  });
});
