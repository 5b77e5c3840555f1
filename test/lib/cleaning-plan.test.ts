// Tests for the page-side cleaning plan: the cleaned columns agree with the engine's cleanedSchema, fitted
// steps line up only while the fitted pipeline matches, and the next spec moves features and encodings along.
import { describe, expect, it } from 'vitest';
import { cleanedSchema } from '../../src/engine/clean/cleaning-fit';
import { ENCODINGS } from '../../src/engine/clean/encoding-registry';
import type { CleaningStep, FittedPipeline, PrepareSpec } from '../../src/engine/data/prepare-types';
import { cleanedColumns, columnsDroppedByCleaning, fittedSteps, rawSchema, specWithCleaning, type SchemaColumn } from '../../src/lib/cleaning-plan';

const RAW: SchemaColumn[] = [
  { name: 'age', type: 'numeric' },
  { name: 'city', type: 'categorical' },
  { name: 'when', type: 'date' },
  { name: 'note', type: 'text' },
  { name: 'code', type: 'numeric' },
  { name: 'label', type: 'categorical' },
];

function spec(over: Partial<PrepareSpec> = {}): PrepareSpec {
  return {
    version: 2, targetColumn: 'label', task: 'classification', featureColumns: ['age', 'city', 'when', 'code'],
    split: { train: 0.7, validation: 0.15, test: 0.15 }, seed: 42, cleaning: [], encodings: [], ...over,
  };
}

const STEPS: CleaningStep[] = [
  { kind: 'missing-indicator', column: 'age' },
  { kind: 'impute', column: 'age', strategy: 'median' },
  { kind: 'date-parts', column: 'when', parts: ['year', 'weekday'] },
  { kind: 'rename-column', column: 'city', to: 'town' },
  { kind: 'change-type', column: 'code', to: 'categorical' },
  { kind: 'drop-column', column: 'note' },
  { kind: 'drop-duplicates' },
  { kind: 'drop-missing-columns', maxMissingShare: 0.5 },
];

describe('cleanedColumns', () => {
  it('gives the same columns and types as the engine for every column-changing step', () => {
    for (let n = 0; n <= STEPS.length; n++) {
      const engine = cleanedSchema(RAW.map((c) => c.name), RAW.map((c) => c.type), STEPS.slice(0, n), 'label');
      const mine = cleanedColumns(RAW, STEPS.slice(0, n));
      expect(mine.map((c) => c.name)).toEqual(engine.columns);
      expect(mine.map((c) => c.type)).toEqual(engine.types);
    }
  });

  it('spells the new columns as the engine does', () => {
    expect(cleanedColumns(RAW, STEPS).map((c) => c.name)).toEqual(
      ['age', 'age_was_missing', 'town', 'when.year', 'when.weekday', 'code', 'label']);
  });

  it('ignores a step on a column that is not there, and does not modify its input', () => {
    const copy = structuredClone(RAW);
    expect(cleanedColumns(RAW, [{ kind: 'drop-column', column: 'nope' }, { kind: 'change-type', column: 'age', to: 'text' }])[0]).toEqual({ name: 'age', type: 'text' });
    expect(RAW).toEqual(copy);
  });

  it('reads the raw schema from a dataset record, [] without a layout', () => {
    expect(rawSchema({ layout: { delimiter: ',', hasHeader: true, columns: ['a', 'b'], notes: [] },
      summaries: [{ name: 'a', type: 'numeric', missing: 0, distinct: 2, distinctCapped: false }, { name: 'b', type: 'text', missing: 0, distinct: 2, distinctCapped: false }] }))
      .toEqual([{ name: 'a', type: 'numeric' }, { name: 'b', type: 'text' }]);
    expect(rawSchema({})).toEqual([]);
  });
});

describe('fittedSteps', () => {
  const steps: CleaningStep[] = [{ kind: 'impute', column: 'age', strategy: 'median' }, { kind: 'drop-duplicates' }];
  const pipeline = (over: Partial<PrepareSpec>, cleaning = steps): FittedPipeline => ({
    version: 2, spec: spec({ cleaning, ...over }), encoders: [], featureNames: [], droppedMissingTarget: 0, counts: { train: 1, validation: 0, test: 0 },
    cleaning: cleaning.map((step, i) => ({ step, droppedRows: i, ...(step.kind === 'impute' ? { fill: '28' } : {}) })),
  });

  it('pairs each step with its fitted version when the pipeline matches', () => {
    const got = fittedSteps(steps, spec({ cleaning: steps }), pipeline({}));
    expect(got.map((f) => f?.fill)).toEqual(['28', undefined]);
    expect(got.map((f) => f?.droppedRows)).toEqual([0, 1]);
  });

  it('keeps the matching prefix only (a refused last step is not fitted)', () => {
    const more: CleaningStep[] = [...steps, { kind: 'drop-column', column: 'city' }];
    expect(fittedSteps(more, spec({ cleaning: more }), pipeline({})).map(Boolean)).toEqual([true, true, false]);
    const changed: CleaningStep[] = [{ kind: 'impute', column: 'age', strategy: 'mean' }, steps[1]];
    expect(fittedSteps(changed, spec({ cleaning: changed }), pipeline({})).map(Boolean)).toEqual([false, false]);
  });

  it('fits nothing when the target, seed or split differ, or there is no pipeline', () => {
    expect(fittedSteps(steps, spec({ cleaning: steps }), pipeline({ seed: 7 })).some(Boolean)).toBe(false);
    expect(fittedSteps(steps, spec({ cleaning: steps }), pipeline({ targetColumn: 'city' })).some(Boolean)).toBe(false);
    expect(fittedSteps(steps, spec({ cleaning: steps }), pipeline({ split: { train: 0.8, validation: 0.1, test: 0.1 } })).some(Boolean)).toBe(false);
    expect(fittedSteps(steps, spec({ cleaning: steps }), null)).toEqual([undefined, undefined]);
  });

  it('collects the columns fitted drop-missing-columns steps removed', () => {
    expect([...columnsDroppedByCleaning([undefined, { step: { kind: 'drop-missing-columns', maxMissingShare: 0.5 }, droppedRows: 0, droppedColumns: ['a', 'b'] }])]).toEqual(['a', 'b']);
  });
});

describe('specWithCleaning', () => {
  it('adds columns made by a step as features and keeps the others', () => {
    const next = specWithCleaning(spec(), RAW, [{ kind: 'missing-indicator', column: 'age' }], ENCODINGS);
    expect(next.featureColumns).toEqual(['age', 'age_was_missing', 'city', 'when', 'code']);
    expect(next.cleaning).toEqual([{ kind: 'missing-indicator', column: 'age' }]);
  });

  it('follows date parts and renames, and drops encodings whose column is gone', () => {
    const start = spec({ encodings: [{ column: 'city', encoding: { kind: 'ordinal' } }, { column: 'age', encoding: { kind: 'min-max' } }] });
    const next = specWithCleaning(start, RAW, [{ kind: 'date-parts', column: 'when', parts: ['year'] }, { kind: 'rename-column', column: 'city', to: 'town' }], ENCODINGS);
    expect(next.featureColumns).toEqual(['age', 'town', 'when.year', 'code']);
    expect(next.encodings).toEqual([{ column: 'age', encoding: { kind: 'min-max' } }]);
  });

  it('puts back what an undo brings back and removes what it takes away', () => {
    const cleaned = specWithCleaning(spec(), RAW, [{ kind: 'drop-column', column: 'city' }, { kind: 'missing-indicator', column: 'age' }], ENCODINGS);
    expect(cleaned.featureColumns).toEqual(['age', 'age_was_missing', 'when', 'code']);
    const undone = specWithCleaning(cleaned, RAW, [{ kind: 'drop-column', column: 'city' }], ENCODINGS);
    expect(undone.featureColumns).toEqual(['age', 'when', 'code']);
    const none = specWithCleaning(undone, RAW, [], ENCODINGS);
    expect(none.featureColumns).toEqual(['age', 'city', 'when', 'code']);
  });

  it('keeps an unticked column unticked, and leaves text out unless it has an encoding', () => {
    const start = spec({ featureColumns: ['age'] });
    expect(specWithCleaning(start, RAW, [{ kind: 'drop-duplicates' }], ENCODINGS).featureColumns).toEqual(['age']);
    const toText = specWithCleaning(spec(), RAW, [{ kind: 'change-type', column: 'city', to: 'text' }], ENCODINGS);
    expect(toText.featureColumns).not.toContain('city');
    const hashed = spec({ featureColumns: ['age', 'note'], encodings: [{ column: 'note', encoding: { kind: 'hash', buckets: 8 } }] });
    expect(specWithCleaning(hashed, RAW, [{ kind: 'drop-duplicates' }], ENCODINGS).featureColumns).toEqual(['age', 'note']);
  });

  it('chooses a column that a type change makes usable, and drops an encoding the new type refuses', () => {
    const start = spec({ encodings: [{ column: 'code', encoding: { kind: 'log1p' } }] });
    const next = specWithCleaning(start, RAW, [{ kind: 'change-type', column: 'note', to: 'categorical' }, { kind: 'change-type', column: 'code', to: 'categorical' }], ENCODINGS);
    expect(next.featureColumns).toEqual(['age', 'city', 'when', 'note', 'code']);
    expect(next.encodings).toEqual([]);
  });

  it('never makes the target a feature and shares nothing with its input', () => {
    const start = spec();
    const next = specWithCleaning(start, RAW, [{ kind: 'change-type', column: 'label', to: 'numeric' }], ENCODINGS);
    expect(next.featureColumns).not.toContain('label');
    next.split.train = 0;
    expect(start.split.train).toBe(0.7);
  });
});
