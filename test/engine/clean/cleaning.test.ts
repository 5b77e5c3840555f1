// Tests for the recorded cleaning pipeline: each step with hand-computed statistics, statistics from
// training rows only, undo, re-application, the registry and step checks.
import { describe, expect, it } from 'vitest';
import { fitCleaning, cleanedSchema, type CleaningFitInput } from '../../../src/engine/clean/cleaning-fit';
import { applyCleaning } from '../../../src/engine/clean/cleaning-apply';
import { CLEANING_STEPS, CleaningStepError, addStep, checkCleaningStep, undoStep } from '../../../src/engine/clean/cleaning-registry';
import type { CleaningStep } from '../../../src/engine/clean/cleaning-types';
import { iqrBounds, medianOf, modeOf, quantileOf, zScoreBounds } from '../../../src/engine/clean/column-stats';
import type { ColumnType } from '../../../src/engine/data/table-types';

const COLUMNS = ['age', 'color', 'when', 'y'];
const TYPES: ColumnType[] = ['numeric', 'categorical', 'date', 'categorical'];

/** Rows of [age, color, when, y]; `train` marks training rows (1) by raw index. */
function input(rows: string[][], train: number[], protectedColumn = 'y'): CleaningFitInput {
  return {
    rows,
    columns: COLUMNS,
    types: TYPES,
    rowIds: rows.map((_, i) => i),
    isTrain: Uint8Array.from(train),
    alive: new Uint8Array(rows.length).fill(1),
    protectedColumn,
  };
}

const ROWS = [
  ['1', 'red', '2024-01-31', 'a'],
  ['2', 'blue', '2024-02-29', 'b'],
  ['', 'red', '', 'a'],
  ['3', '', '2023-12-25', 'b'],
  ['10', 'red', '2024-01-01', 'a'],
  ['1000', 'green', 'NA', 'b'], // a validation row with an extreme value
];
const TRAIN = [1, 1, 1, 1, 1, 0];

describe('column statistics', () => {
  it('match hand-computed quantiles, medians, modes and bounds', () => {
    // Type-7 quantiles of 1..8: Q1 at position 1.75 -> 2.75, Q3 at 5.25 -> 6.25; IQR 3.5.
    expect(quantileOf([8, 1, 2, 3, 4, 5, 6, 7], 0.25)).toBeCloseTo(2.75, 12);
    expect(iqrBounds([1, 2, 3, 4, 5, 6, 7, 8], 1.5)).toEqual({ low: 2.75 - 5.25, high: 6.25 + 5.25 });
    expect(medianOf([3, 1, 10, 2])).toBe(2.5);
    // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, population std 2.
    expect(zScoreBounds([2, 4, 4, 4, 5, 5, 7, 9], 1)).toEqual({ low: 3, high: 7 });
    expect(modeOf(['b', 'a', 'b', 'a', 'c'])).toBe('a'); // tie between a and b -> code-unit order
    expect(modeOf([])).toBeUndefined();
  });
});

describe('fitCleaning', () => {
  it('imputes with the training mean, median, mode or a constant, ignoring the validation row', () => {
    const fillOf = (step: CleaningStep) => fitCleaning([step], input(ROWS, TRAIN)).fitted[0].fill;
    // Training ages 1, 2, 3, 10 (1000 is a validation row): mean 4, median 2.5.
    expect(fillOf({ kind: 'impute', column: 'age', strategy: 'mean' })).toBe('4');
    expect(fillOf({ kind: 'impute', column: 'age', strategy: 'median' })).toBe('2.5');
    expect(fillOf({ kind: 'impute', column: 'color', strategy: 'mode' })).toBe('red');
    expect(fillOf({ kind: 'impute', column: 'color', strategy: 'constant', constant: ' unknown ' })).toBe('unknown');
    const { table } = fitCleaning([{ kind: 'impute', column: 'age', strategy: 'mean' }], input(ROWS, TRAIN));
    expect(table.rows.map((r) => r[0])).toEqual(['1', '2', '4', '3', '10', '1000']);
    // With the extreme row in training the mean moves: proof the statistic follows the mask.
    expect(fitCleaning([{ kind: 'impute', column: 'age', strategy: 'mean' }], input(ROWS, [1, 1, 1, 1, 1, 1])).fitted[0].fill).toBe('203.2');
  });

  it('adds a was-missing indicator before imputing', () => {
    const steps: CleaningStep[] = [
      { kind: 'missing-indicator', column: 'age' },
      { kind: 'impute', column: 'age', strategy: 'median' },
    ];
    const { table } = fitCleaning(steps, input(ROWS, TRAIN));
    expect(table.columns).toEqual(['age', 'age_was_missing', 'color', 'when', 'y']);
    expect(table.types[1]).toBe('boolean');
    expect(table.rows.map((r) => r[1])).toEqual(['0', '0', '1', '0', '0', '0']);
    expect(table.rows[2][0]).toBe('2.5');
  });

  it('clips or drops outliers with bounds fitted on training rows', () => {
    // Training ages 1, 2, 3, 10: Q1 1.75, Q3 4.75, IQR 3 -> bounds [-2.75, 9.25].
    const clip = fitCleaning([{ kind: 'outliers', column: 'age', rule: 'iqr', factor: 1.5, action: 'clip' }], input(ROWS, TRAIN));
    expect(clip.fitted[0].bounds).toEqual({ low: -2.75, high: 9.25 });
    expect(clip.table.rows.map((r) => r[0])).toEqual(['1', '2', '', '3', '9.25', '9.25']);
    const data = input(ROWS, TRAIN);
    const drop = fitCleaning([{ kind: 'outliers', column: 'age', rule: 'iqr', factor: 1.5, action: 'drop' }], data);
    expect(drop.fitted[0].droppedRows).toBe(2);
    expect(Array.from(data.alive)).toEqual([1, 1, 1, 1, 0, 0]); // the missing age stays
    // z-score: mean 4, population std sqrt(12.5); factor 1.
    const z = fitCleaning([{ kind: 'outliers', column: 'age', rule: 'z-score', factor: 1, action: 'clip' }], input(ROWS, TRAIN));
    expect(z.fitted[0].bounds?.low).toBeCloseTo(4 - Math.sqrt(12.5), 12);
    expect(z.fitted[0].bounds?.high).toBeCloseTo(4 + Math.sqrt(12.5), 12);
  });

  it('drops rows with missing cells, exact duplicates (after trimming) and chosen rows', () => {
    let data = input(ROWS, TRAIN);
    fitCleaning([{ kind: 'drop-missing-rows', columns: ['age', 'color'] }], data);
    expect(Array.from(data.alive)).toEqual([1, 1, 0, 0, 1, 1]);
    const dupRows = [['1', 'red', '', 'a'], ['2', 'red', '', 'a'], [' 1', 'red ', '', 'a'], ['1', 'red', '', 'a']];
    data = input(dupRows, [1, 1, 0, 0]);
    const dup = fitCleaning([{ kind: 'drop-duplicates' }], data);
    expect(dup.fitted[0].droppedRows).toBe(2);
    expect(Array.from(data.alive)).toEqual([1, 1, 0, 0]);
    data = input(ROWS, TRAIN);
    fitCleaning([{ kind: 'drop-rows', rows: [1, 4, 99] }], data);
    expect(Array.from(data.alive)).toEqual([1, 0, 1, 1, 0, 1]);
  });

  it('drops mostly-missing columns by their training share, never the target', () => {
    const rows = [['', 'x', '', ''], ['', 'x', '2024-01-01', ''], ['1', '', '', 'a'], ['2', 'x', '2024-01-02', 'b']];
    // Training rows 0-2: age missing 2/3, color 1/3, when 2/3, y 2/3 (protected).
    const { fitted, table } = fitCleaning([{ kind: 'drop-missing-columns', maxMissingShare: 0.5 }], input(rows, [1, 1, 1, 0]));
    expect(fitted[0].droppedColumns).toEqual(['age', 'when']);
    expect(table.columns).toEqual(['color', 'y']);
  });

  it('renames, re-types, drops columns and splits dates into parts', () => {
    const steps: CleaningStep[] = [
      { kind: 'rename-column', column: 'color', to: 'colour' },
      { kind: 'change-type', column: 'colour', to: 'text' },
      { kind: 'date-parts', column: 'when', parts: ['year', 'weekday'] },
      { kind: 'drop-column', column: 'age' },
    ];
    const { table } = fitCleaning(steps, input(ROWS, TRAIN));
    expect(table.columns).toEqual(['colour', 'when.year', 'when.weekday', 'y']);
    expect(table.types).toEqual(['text', 'numeric', 'numeric', 'categorical']);
    // 2024-01-31 Wednesday (3); 2023-12-25 Monday (1); missing dates give missing parts.
    expect(table.rows.map((r) => [r[1], r[2]])).toEqual([['2024', '3'], ['2024', '4'], ['', ''], ['2023', '1'], ['2024', '1'], ['', '']]);
    expect(cleanedSchema(COLUMNS, TYPES, steps, 'y')).toEqual({ columns: table.columns, types: table.types });
    expect(ROWS[0]).toEqual(['1', 'red', '2024-01-31', 'a']); // the input is not modified
  });

  it('refuses unknown columns, non-numeric statistics, name clashes and changes to the target', () => {
    const fitOne = (step: CleaningStep) => () => fitCleaning([step], input(ROWS, TRAIN));
    expect(fitOne({ kind: 'impute', column: 'nope', strategy: 'mode' })).toThrow(/no column 'nope'/);
    expect(fitOne({ kind: 'impute', column: 'color', strategy: 'mean' })).toThrow(/'color' is categorical, not numeric/);
    expect(fitOne({ kind: 'rename-column', column: 'age', to: 'color' })).toThrow(/already has a column 'color'/);
    expect(fitOne({ kind: 'impute', column: 'y', strategy: 'mode' })).toThrow(/'y' is the target column/);
    expect(fitOne({ kind: 'drop-column', column: 'y' })).toThrow(CleaningStepError);
    // Dropping rows by the target is allowed.
    expect(fitOne({ kind: 'drop-missing-rows', columns: ['y'] })).not.toThrow();
  });
});

describe('recorded pipeline: addStep, undoStep, re-application', () => {
  const first: CleaningStep = { kind: 'impute', column: 'age', strategy: 'mean' };
  const second: CleaningStep = { kind: 'outliers', column: 'age', rule: 'iqr', factor: 1.5, action: 'drop' };

  it('undo restores the previous output exactly, and the step lists are not shared', () => {
    const one = addStep([], first);
    const two = addStep(one, second);
    expect(one).toHaveLength(1);
    expect(two).toEqual([first, second]);
    const before = input(ROWS, TRAIN);
    const outBefore = fitCleaning(one, before);
    const after = input(ROWS, TRAIN);
    const outAfter = fitCleaning(two, after);
    expect(after.alive).not.toEqual(before.alive);
    const undone = undoStep(two);
    expect(undone).toEqual(one);
    const again = input(ROWS, TRAIN);
    expect(fitCleaning(undone, again)).toEqual(outBefore);
    expect(again.alive).toEqual(before.alive);
    expect(outAfter.fitted[0]).toEqual(outBefore.fitted[0]);
    expect(undoStep([])).toEqual([]);
  });

  it('applying the fitted steps to the same raw rows reproduces the fitted table and removals', () => {
    const steps = [{ kind: 'missing-indicator', column: 'age' }, first, second, { kind: 'date-parts', column: 'when', parts: ['month'] }] as CleaningStep[];
    const data = input(ROWS, TRAIN);
    const { fitted, table } = fitCleaning(steps, data);
    const alive = new Uint8Array(ROWS.length).fill(1);
    const applied = applyCleaning(fitted, ROWS, COLUMNS, data.rowIds, alive);
    expect(applied.columns).toEqual(table.columns);
    expect(applied.rows).toEqual(table.rows);
    expect(alive).toEqual(data.alive);
    // Without a mask (prediction) nothing is removed and the target column is not needed.
    const predict = applyCleaning(fitted, ROWS.map((r) => r.slice(0, 3)), COLUMNS.slice(0, 3), [0, 5]);
    expect(predict.rows).toEqual([['1', '0', 'red', '1'], ['1000', '0', 'green', '']]);
  });

  it('checks step shapes and offers a valid default for every registered step', () => {
    for (const [kind, info] of Object.entries(CLEANING_STEPS)) {
      expect(info.defaults.kind).toBe(kind);
      const filled = { ...info.defaults, column: 'age', to: 'age2', columns: ['age'] } as unknown as CleaningStep;
      if (kind === 'change-type') Object.assign(filled, { to: 'numeric' });
      expect(() => checkCleaningStep(filled), kind).not.toThrow();
    }
    expect(() => addStep([], { kind: 'nope' } as unknown as CleaningStep)).toThrow(/Unknown cleaning step 'nope'/);
    expect(() => addStep([], { kind: 'impute', column: 'a', strategy: 'constant' })).toThrow(/needs a non-empty constant/);
    expect(() => addStep([], { kind: 'outliers', column: 'a', rule: 'iqr', factor: -1, action: 'clip' })).toThrow(/positive number/);
    expect(() => addStep([], { kind: 'drop-rows', rows: [1.5] })).toThrow(/0-based row indices/);
    expect(() => addStep([], { kind: 'drop-missing-columns', maxMissingShare: 1 })).toThrow(/below 1/);
  });
});

describe('normalize-text step', () => {
  const normalization = { nfkc: true, lowercase: true, stripHtml: true, stripUrls: true, stripEmails: false, collapseWhitespace: true };

  it('cleans the cells of a text column (NFKC, lower case, HTML, URLs, spaces) and never the target', () => {
    const rows = [['1', '<b>ＲＥＤ</b>  see https://x.example/a ', '2024-01-31', 'a'], ['2', 'blue\n\nsky', '2024-02-29', 'b']];
    const { table } = fitCleaning([{ kind: 'normalize-text', column: 'color', normalization }], input(rows, [1, 1]));
    expect(table.rows.map((r) => r[1])).toEqual(['red see', 'blue sky']);
    expect(() => fitCleaning([{ kind: 'normalize-text', column: 'y', normalization }], input(rows, [1, 1]))).toThrow(/target column/);
    expect(() => checkCleaningStep({ kind: 'normalize-text', column: 'color', normalization: { nfkc: true } } as unknown as CleaningStep)).toThrow(/lowercase/);
  });
});
