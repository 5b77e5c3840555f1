// Tests for the step sentences, the add-step form's step building, and the Prepare form's choices
// (task suggestion checked against the engine's own rule, encodings filtered by type).
import { describe, expect, it } from 'vitest';
import { CLEANING_STEPS } from '../../src/engine/clean/cleaning-registry';
import { ENCODINGS } from '../../src/engine/clean/encoding-registry';
import { suggestTask as engineSuggestTask } from '../../src/engine/data/prepare-spec';
import type { ColumnSummary } from '../../src/engine/data/table-types';
import type { CleaningStep, FittedPipeline, PrepareSpec } from '../../src/engine/data/prepare-types';
import { describeStep, formatFill, listNames } from '../../src/lib/cleaning-sentences';
import { buildStep, columnsFor, parseRowNumbers, strategiesFor, type StepFields } from '../../src/lib/cleaning-form';
import { automaticLabel, chosenEncoding, encodingChoices, suggestTask, withEncoding } from '../../src/lib/prepare-choices';

describe('describeStep', () => {
  it('says what an impute step does, with the fitted value once fitted', () => {
    const step: CleaningStep = { kind: 'impute', column: 'age', strategy: 'median' };
    expect(describeStep(step)).toBe('Fill missing values in age with the training median.');
    expect(describeStep(step, { step, fill: '28', droppedRows: 0 })).toBe('Fill missing values in age with the training median (fitted: 28).');
    expect(describeStep(step, { step, fill: '43.92192982456', droppedRows: 0 })).toContain('(fitted: 43.92)');
    const mode: CleaningStep = { kind: 'impute', column: 'sex', strategy: 'mode' };
    expect(describeStep(mode, { step: mode, fill: 'MALE', droppedRows: 0 })).toBe('Fill missing values in sex with the most frequent training value (fitted: “MALE”).');
    expect(describeStep({ kind: 'impute', column: 'sex', strategy: 'constant', constant: 'unknown' })).toBe('Fill missing values in sex with the constant “unknown”.');
  });

  it('counts removed rows for row filters and names what other steps change', () => {
    const dup: CleaningStep = { kind: 'drop-duplicates' };
    expect(describeStep(dup, { step: dup, droppedRows: 1 })).toBe('Drop rows that repeat an earlier row, keeping the first (removed 1 row).');
    expect(describeStep({ kind: 'drop-missing-rows', columns: ['a', 'b', 'c'] })).toBe('Drop rows with a missing value in a, b and c.');
    expect(describeStep({ kind: 'drop-rows', rows: [0, 9] })).toBe('Drop 2 rows chosen by hand (1, 10).');
    expect(describeStep({ kind: 'date-parts', column: 'when', parts: ['year', 'month'] })).toBe('Replace the date column when by the numbers when.year and when.month.');
    expect(describeStep({ kind: 'missing-indicator', column: 'age' })).toBe('Add a column age_was_missing: 1 where age is missing, 0 elsewhere.');
  });

  it('shows fitted outlier bounds and dropped columns', () => {
    const clip: CleaningStep = { kind: 'outliers', column: 'x', rule: 'iqr', factor: 1.5, action: 'clip' };
    expect(describeStep(clip, { step: clip, bounds: { low: -2.5, high: 7.5 }, droppedRows: 0 }))
      .toBe('Clip x to the range Q1 − 1.5·IQR to Q3 + 1.5·IQR of the training values, fitted: -2.5 to 7.5.');
    const cols: CleaningStep = { kind: 'drop-missing-columns', maxMissingShare: 0.5 };
    expect(describeStep(cols, { step: cols, droppedColumns: [], droppedRows: 0 })).toContain('more than 50% missing training cells (none was dropped).');
    expect(describeStep(cols, { step: cols, droppedColumns: ['a'], droppedRows: 0 })).toContain('(dropped: a)');
  });

  it('has a sentence for every registry kind', () => {
    for (const info of Object.values(CLEANING_STEPS)) expect(describeStep(info.defaults).endsWith('.')).toBe(true);
  });

  it('formats fills and name lists', () => {
    expect(formatFill('3')).toBe('3');
    expect(formatFill('4050.2')).toBe('4050');
    expect(formatFill('0.000123456')).toBe('0.0001235');
    expect(formatFill(' ')).toBe('“ ”');
    expect(listNames([])).toBe('');
    expect(listNames(['a'])).toBe('a');
    expect(listNames(['a', 'b'])).toBe('a and b');
  });
});

const FIELDS: StepFields = {
  column: 'age', columns: [], strategy: 'median', constant: '', rule: 'iqr', factor: 1.5, action: 'clip',
  maxMissingShare: 0.5, to: '', toType: 'categorical', parts: ['year'], rowsText: '',
  normalization: { nfkc: true, lowercase: true, stripHtml: false, stripUrls: true, stripEmails: false, collapseWhitespace: false },
};

describe('add-step form', () => {
  const cols = [{ name: 'age', type: 'numeric' as const }, { name: 'when', type: 'date' as const }, { name: 'y', type: 'categorical' as const }];

  it('offers sensible columns per kind, never changing the target', () => {
    expect(columnsFor('outliers', cols, 'y').map((c) => c.name)).toEqual(['age']);
    expect(columnsFor('date-parts', cols, 'y').map((c) => c.name)).toEqual(['when']);
    expect(columnsFor('impute', cols, 'y').map((c) => c.name)).toEqual(['age', 'when']);
    expect(columnsFor('drop-missing-rows', cols, 'y').map((c) => c.name)).toEqual(['age', 'when', 'y']);
    expect(columnsFor('drop-duplicates', cols, 'y')).toEqual([]);
    expect(strategiesFor('categorical')).toEqual(['mode', 'constant']);
    const flagged = [...cols, { name: 'age_was_missing', type: 'boolean' as const }];
    expect(columnsFor('missing-indicator', flagged, 'y').map((c) => c.name)).toEqual(['when']);
    expect(columnsFor('missing-indicator', [{ name: 'x_was_missing', type: 'numeric' }], 'y').map((c) => c.name)).toEqual(['x_was_missing']);
  });

  it('builds steps from the registry defaults, or says what is missing', () => {
    expect(buildStep(CLEANING_STEPS.impute.defaults, FIELDS)).toEqual({ step: { kind: 'impute', column: 'age', strategy: 'median' } });
    expect(buildStep(CLEANING_STEPS.impute.defaults, { ...FIELDS, column: '' })).toEqual({ hint: 'Choose a column.' });
    expect(buildStep(CLEANING_STEPS.impute.defaults, { ...FIELDS, strategy: 'constant', constant: '  ' })).toHaveProperty('hint');
    expect(buildStep(CLEANING_STEPS.outliers.defaults, { ...FIELDS, factor: 3, rule: 'z-score', action: 'drop' }))
      .toEqual({ step: { kind: 'outliers', column: 'age', rule: 'z-score', factor: 3, action: 'drop' } });
    expect(buildStep(CLEANING_STEPS.outliers.defaults, { ...FIELDS, factor: 0 })).toHaveProperty('hint');
    expect(buildStep(CLEANING_STEPS['drop-duplicates'].defaults, FIELDS)).toEqual({ step: { kind: 'drop-duplicates' } });
    expect(buildStep(CLEANING_STEPS['drop-rows'].defaults, { ...FIELDS, rowsText: '3, 1 3' })).toEqual({ step: { kind: 'drop-rows', rows: [2, 0] } });
    expect(buildStep(CLEANING_STEPS['drop-missing-columns'].defaults, { ...FIELDS, maxMissingShare: 1 })).toHaveProperty('hint');
  });

  it('builds a text clean-up step for text columns and describes it', () => {
    const withText = [...cols, { name: 'note', type: 'text' as const }];
    expect(columnsFor('normalize-text', withText, 'y').map((c) => c.name)).toEqual(['note']);
    const built = buildStep(CLEANING_STEPS['normalize-text'].defaults, { ...FIELDS, column: 'note' });
    expect(built).toEqual({ step: { kind: 'normalize-text', column: 'note', normalization: FIELDS.normalization } });
    if ('step' in built) expect(describeStep(built.step)).toBe('Clean up the text of note: Unicode NFKC, lower case and without web addresses.');
    const none = { nfkc: false, lowercase: false, stripHtml: false, stripUrls: false, stripEmails: false, collapseWhitespace: false };
    expect(buildStep(CLEANING_STEPS['normalize-text'].defaults, { ...FIELDS, column: 'note', normalization: none })).toEqual({ hint: 'Tick at least one clean-up.' });
  });

  it('reads row numbers counted from 1', () => {
    expect(parseRowNumbers('1,2;  10')).toEqual([0, 1, 9]);
    expect(parseRowNumbers('0')).toBeUndefined();
    expect(parseRowNumbers('2.5')).toBeUndefined();
    expect(parseRowNumbers('')).toEqual([]);
  });
});

describe('prepare choices', () => {
  const summary = (over: Partial<ColumnSummary>): ColumnSummary => ({ name: 't', type: 'numeric', missing: 0, distinct: 3, distinctCapped: false, min: 0, max: 2, ...over });

  it('suggests the task exactly as the engine does', () => {
    const cases = [summary({}), summary({ distinct: 21 }), summary({ distinct: 20 }), summary({ distinctCapped: true }), summary({ max: 2.5 }),
      summary({ type: 'categorical', distinct: 100 }), summary({ min: undefined, max: undefined })];
    for (const s of cases) expect(suggestTask(s)).toBe(engineSuggestTask(s));
    expect(suggestTask(summary({ distinct: 21 }))).toBe('regression');
    expect(suggestTask(undefined)).toBe('classification');
  });

  it('offers only the encodings that read the column type', () => {
    expect(encodingChoices(ENCODINGS, 'date').map((c) => c.kind)).toEqual(['date-parts']);
    const text = encodingChoices(ENCODINGS, 'text').map((c) => c.kind);
    expect(text).toEqual(expect.arrayContaining(['one-hot', 'ordinal', 'hash']));
    expect(text).not.toContain('standardize');
    expect(encodingChoices(ENCODINGS, 'boolean').map((c) => c.kind)).toEqual(['none', 'one-hot', 'ordinal', 'hash', 'boolean']);
  });

  it('sets and clears one column encoding, and names what automatic means', () => {
    const spec = { version: 2, targetColumn: 'y', task: 'classification', featureColumns: ['a'], split: { train: 1, validation: 0, test: 0 }, seed: 1,
      encodings: [{ column: 'b', encoding: { kind: 'one-hot' } }] } as PrepareSpec;
    expect(withEncoding(spec, ENCODINGS, 'a', 'hash')).toEqual([{ column: 'b', encoding: { kind: 'one-hot' } }, { column: 'a', encoding: { kind: 'hash', buckets: 32 } }]);
    expect(withEncoding(spec, ENCODINGS, 'b', '')).toEqual([]);
    expect(chosenEncoding(spec, 'b')).toBe('one-hot');
    expect(chosenEncoding(spec, 'a')).toBe('');
    expect(automaticLabel(ENCODINGS, 'a', 'numeric', null)).toBe('Automatic (Standardize)');
    const pipeline = { spec: { ...spec, encodings: [] }, encoders: [{ kind: 'hash', column: 'a', buckets: 32 }] } as unknown as FittedPipeline;
    expect(automaticLabel(ENCODINGS, 'a', 'categorical', pipeline)).toBe('Automatic (Feature hashing)');
  });
});
