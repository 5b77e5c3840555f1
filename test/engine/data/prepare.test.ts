// Tests for the tabular pipeline: spec defaults, fitting on train rows only, encoding, data errors.
import { describe, expect, it } from 'vitest';
import type { ColumnSummary, ColumnType } from '../../../src/engine/data/table-types';
import { DataInputError } from '../../../src/engine/data/table-types';
import type { FittedPipeline, PrepareSpec } from '../../../src/engine/data/prepare-types';
import { PrepareSpecError, addStep, defaultPrepareSpec, encodeFeatures, encodeRows, fitPipeline, suggestTask, undoStep } from '../../../src/engine/data/prepare';
import { isMissingCell } from '../../../src/engine/data/missing-cells';
import { createRandom } from '../../../src/engine/random';

function summary(name: string, type: ColumnType, extra: Partial<ColumnSummary> = {}): ColumnSummary {
  return { name, type, missing: 0, distinct: 2, distinctCapped: false, ...extra };
}

function spec(target: string, features: string[], task: PrepareSpec['task'] = 'classification'): PrepareSpec {
  return { version: 1, targetColumn: target, task, featureColumns: features, split: { train: 0.7, validation: 0.15, test: 0.15 }, seed: 42 };
}

/** Captures a thrown DataInputError's code (fails when nothing or something else is thrown). */
function errorCode(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DataInputError);
    return (err as DataInputError).code;
  }
  throw new Error('expected a DataInputError');
}

/** 100 rows: x = row index (so train/test means differ), color in {red, green, blue}, label a/b. */
function classificationTable(): { columns: string[]; rows: string[][]; summaries: ColumnSummary[] } {
  const random = createRandom(5);
  const colors = ['red', 'green', 'blue'];
  const rows = Array.from({ length: 100 }, (_, i) => [String(i), colors[Math.floor(random() * 3)], i % 3 === 0 ? 'a' : 'b']);
  const columns = ['x', 'color', 'label'];
  const summaries = [summary('x', 'numeric', { distinct: 100 }), summary('color', 'categorical', { distinct: 3 }), summary('label', 'categorical')];
  return { columns, rows, summaries };
}

describe('isMissingCell', () => {
  it('treats blanks and NA tokens as missing, case-insensitively', () => {
    for (const cell of ['', '   ', 'NA', 'na', ' N/A ', 'null', 'NULL', 'NaN', 'nan', '?', '\t?\t']) expect(isMissingCell(cell)).toBe(true);
    for (const cell of ['0', 'none', 'n', 'NAN1', '??', '-', 'Nana']) expect(isMissingCell(cell)).toBe(false);
  });
});

describe('suggestTask and defaultPrepareSpec', () => {
  it('suggests regression for many-valued or non-integer numeric columns, else classification', () => {
    expect(suggestTask(summary('y', 'numeric', { distinct: 21 }))).toBe('regression');
    expect(suggestTask(summary('y', 'numeric', { distinct: 5, distinctCapped: true }))).toBe('regression');
    expect(suggestTask(summary('y', 'numeric', { distinct: 3, min: 0.5, max: 2 }))).toBe('regression');
    expect(suggestTask(summary('y', 'numeric', { distinct: 20, min: 0, max: 19 }))).toBe('classification');
    expect(suggestTask(summary('y', 'categorical', { distinct: 500 }))).toBe('classification');
  });

  it('uses the last column as target and the other numeric/categorical columns as features', () => {
    const columns = ['a', 'notes', 'b', 'blank', 'ok', 'when', 'y'];
    const summaries = [
      summary('a', 'numeric'), summary('notes', 'text'), summary('b', 'categorical'), summary('blank', 'empty'),
      summary('ok', 'boolean'), summary('when', 'date'), summary('y', 'numeric', { distinct: 50 }),
    ];
    expect(defaultPrepareSpec(columns, summaries)).toEqual({
      version: 2,
      targetColumn: 'y',
      task: 'regression',
      featureColumns: ['a', 'b', 'ok', 'when'],
      split: { train: 0.7, validation: 0.15, test: 0.15 },
      seed: 42,
      cleaning: [],
      encodings: [],
    });
    expect(() => defaultPrepareSpec(['a'], [])).toThrow(PrepareSpecError);
    expect(() => defaultPrepareSpec([], [])).toThrow(/no columns/);
  });
});

describe('fitPipeline', () => {
  it('fits standardization on the train rows only', () => {
    const { columns, rows, summaries } = classificationTable();
    const { pipeline, assignment } = fitPipeline(rows, columns, summaries, spec('label', ['x']));
    const train = rows.map((r, i) => (assignment[i] === 0 ? Number(r[0]) : NaN)).filter((v) => !Number.isNaN(v));
    const trainMean = train.reduce((a, b) => a + b, 0) / train.length;
    const trainStd = Math.sqrt(train.reduce((a, v) => a + (v - trainMean) ** 2, 0) / train.length);
    const allMean = 49.5; // mean of 0..99
    expect(Math.abs(trainMean - allMean)).toBeGreaterThan(0.01); // the check below can tell the two apart
    const enc = pipeline.encoders[0];
    expect(enc.kind).toBe('standardize');
    if (enc.kind !== 'standardize') return;
    expect(enc.mean).toBeCloseTo(trainMean, 10);
    expect(enc.std).toBeCloseTo(trainStd, 10);
    // Encoded train column: mean 0, population std 1.
    const { x, n, featureCount } = encodeRows(pipeline, rows, columns, assignment, 0);
    expect(featureCount).toBe(1);
    const m = x.reduce((a, b) => a + b, 0) / n;
    expect(m).toBeCloseTo(0, 5);
    expect(Math.sqrt(x.reduce((a, v) => a + (v - m) ** 2, 0) / n)).toBeCloseTo(1, 5);
  });

  it('stratifies, counts splits, sorts classes and is deterministic', () => {
    const { columns, rows, summaries } = classificationTable();
    const first = fitPipeline(rows, columns, summaries, spec('label', ['x', 'color']));
    const again = fitPipeline(rows, columns, summaries, spec('label', ['x', 'color']));
    expect(again.assignment).toEqual(first.assignment);
    expect(first.pipeline.classes).toEqual(['a', 'b']);
    // 34 'a' rows -> 24/5/5; 66 'b' rows -> round(9.9) = 10 each, 46 train.
    expect(first.pipeline.counts).toEqual({ train: 70, validation: 15, test: 15 });
    expect(first.pipeline.droppedMissingTarget).toBe(0);
    expect(first.pipeline.featureNames).toEqual(['x', 'color=blue', 'color=green', 'color=red']);
    const test = encodeRows(first.pipeline, rows, columns, first.assignment, 2);
    expect(test.n).toBe(15);
    expect(test.x.length).toBe(15 * 4);
    // Exactly one hot category per row (all three colours are common, so all appear in train).
    for (let i = 0; i < test.n; i++) expect(test.x[i * 4 + 1] + test.x[i * 4 + 2] + test.x[i * 4 + 3]).toBe(1);
    const testLabels = rows.filter((_, i) => first.assignment[i] === 2).map((r) => (r[2] === 'a' ? 0 : 1));
    expect(Array.from(test.y)).toEqual(testLabels);
  });

  it('one-hot encodes over train categories; unseen or missing categories give all zeros', () => {
    // Each row has its own category, so no validation/test category was seen in train.
    const rows = Array.from({ length: 40 }, (_, i) => [`c${String(i).padStart(2, '0')}`, i % 2 ? 'yes' : 'no']);
    rows[0][0] = 'NA';
    const columns = ['code', 'y'];
    const summaries = [summary('code', 'categorical', { distinct: 40 }), summary('y', 'categorical')];
    const { pipeline, assignment } = fitPipeline(rows, columns, summaries, spec('y', ['code']));
    const enc = pipeline.encoders[0];
    if (enc.kind !== 'one-hot') throw new Error('expected one-hot');
    const trainCats = rows.filter((r, i) => assignment[i] === 0 && r[0] !== 'NA').map((r) => r[0]).sort();
    expect(enc.categories).toEqual(trainCats);
    const test = encodeRows(pipeline, rows, columns, assignment, 2);
    expect(test.n).toBeGreaterThan(0);
    expect(test.x.every((v) => v === 0)).toBe(true);
    const train = encodeRows(pipeline, rows, columns, assignment, 0);
    const hot = train.x.reduce((a, b) => a + b, 0);
    // Every train row has one hot cell, except row 0 if its missing cell landed in train.
    expect(hot).toBe(assignment[0] === 0 ? train.n - 1 : train.n);
  });

  it('drops and counts rows with a missing target; missing numeric features encode as 0', () => {
    const rows = Array.from({ length: 30 }, (_, i) => [String(i % 7), i % 2 ? 'p' : 'q']);
    rows[3][1] = '';
    rows[8][1] = ' NA ';
    rows[9][1] = '?';
    rows[4][0] = 'null';
    const columns = ['f', 't'];
    const summaries = [summary('f', 'numeric', { distinct: 7 }), summary('t', 'categorical')];
    const { pipeline, assignment } = fitPipeline(rows, columns, summaries, spec('t', ['f']));
    expect(pipeline.droppedMissingTarget).toBe(3);
    expect([assignment[3], assignment[8], assignment[9]]).toEqual([255, 255, 255]);
    const { train, validation, test } = pipeline.counts;
    expect(train + validation + test).toBe(27);
    const split = assignment[4] as 0 | 1 | 2;
    const enc = encodeRows(pipeline, rows, columns, assignment, split);
    const pos = rows.filter((_, i) => assignment[i] === split).indexOf(rows[4]);
    expect(enc.x[pos]).toBe(0);
  });

  it('reports single-class, bad-target and no-features data errors', () => {
    const rows = [['1', 'same'], ['2', 'same'], ['3', ' same '], ['4', '']];
    const columns = ['f', 't'];
    const summaries = [summary('f', 'numeric'), summary('t', 'categorical', { distinct: 1 })];
    expect(errorCode(() => fitPipeline(rows, columns, summaries, spec('t', ['f'])))).toBe('single-class');
    expect(() => fitPipeline(rows, columns, summaries, spec('t', ['f']))).toThrow(/'t' has only one value \('same'\)/);
    expect(errorCode(() => fitPipeline(rows, columns, summaries, spec('t', ['f'], 'regression')))).toBe('bad-target');
    expect(errorCode(() => fitPipeline(rows, columns, summaries, spec('t', [])))).toBe('no-features');
    const allMissing = rows.map((r) => [r[0], 'NA']);
    expect(errorCode(() => fitPipeline(allMissing, columns, summaries, spec('t', ['f'])))).toBe('bad-target');
  });

  it('rejects specs that do not fit the table', () => {
    const { columns, rows, summaries } = classificationTable();
    expect(() => fitPipeline(rows, columns, summaries, spec('nope', ['x']))).toThrow(PrepareSpecError);
    expect(() => fitPipeline(rows, columns, summaries, spec('label', ['x', 'x']))).toThrow(/listed twice/);
    expect(() => fitPipeline(rows, columns, summaries, spec('label', ['label']))).toThrow(/also listed as a feature/);
    const textSummaries = [summaries[0], summary('color', 'text'), summaries[2]];
    expect(() => fitPipeline(rows, columns, textSummaries, spec('label', ['color']))).toThrow(/type 'text' and cannot be a feature/);
    const unknownVersion = { ...spec('label', ['x']), version: 3 } as unknown as PrepareSpec;
    expect(() => fitPipeline(rows, columns, summaries, unknownVersion)).toThrow(/versions 1 and 2/);
    const bad = { ...spec('label', ['x']), split: { train: 0.5, validation: 0.5, test: 0.5 } };
    expect(() => fitPipeline(rows, columns, summaries, bad)).toThrow(/sum to 1/);
  });

  it('works with column names such as __proto__ and constructor', () => {
    const rows = Array.from({ length: 20 }, (_, i) => [String(i), i % 2 ? 'u' : 'v', i % 4 < 2 ? 'k1' : 'k2']);
    const columns = ['__proto__', 'constructor', 'toString'];
    const summaries = [summary('__proto__', 'numeric', { distinct: 20 }), summary('constructor', 'categorical'), summary('toString', 'categorical')];
    const { pipeline, assignment } = fitPipeline(rows, columns, summaries, spec('toString', ['__proto__', 'constructor']));
    expect(pipeline.featureNames).toEqual(['__proto__', 'constructor=u', 'constructor=v']);
    expect(pipeline.classes).toEqual(['k1', 'k2']);
    const enc = encodeRows(pipeline, rows, columns, assignment, 0);
    expect(enc.featureCount).toBe(3);
    expect(enc.x.every(Number.isFinite)).toBe(true);
    // Encoding with the columns in another order finds them by name.
    const reordered = rows.map((r) => [r[2], r[1], r[0]]);
    const enc2 = encodeRows(pipeline, reordered, ['toString', 'constructor', '__proto__'], assignment, 0);
    expect(enc2.x).toEqual(enc.x);
    expect(enc2.y).toEqual(enc.y);
  });

  it('scales regression targets with train-only statistics and drops non-numeric targets', () => {
    const random = createRandom(17);
    const rows = Array.from({ length: 60 }, (_, i) => [String(random() * 10), String(3 * i + 100)]);
    rows[10][1] = 'oops';
    const columns = ['f', 'y'];
    const summaries = [summary('f', 'numeric', { distinct: 60 }), summary('y', 'numeric', { distinct: 59 })];
    const { pipeline, assignment } = fitPipeline(rows, columns, summaries, spec('y', ['f'], 'regression'));
    expect(pipeline.classes).toBeUndefined();
    expect(pipeline.droppedMissingTarget).toBe(1);
    expect(assignment[10]).toBe(255);
    expect(pipeline.counts).toEqual({ train: 41, validation: 9, test: 9 }); // 59 rows: round(8.85) = 9
    const train = rows.filter((_, i) => assignment[i] === 0).map((r) => Number(r[1]));
    const mean = train.reduce((a, b) => a + b, 0) / train.length;
    const std = Math.sqrt(train.reduce((a, v) => a + (v - mean) ** 2, 0) / train.length);
    expect(pipeline.targetScale?.mean).toBeCloseTo(mean, 10);
    expect(pipeline.targetScale?.std).toBeCloseTo(std, 10);
    const test = encodeRows(pipeline, rows, columns, assignment, 2);
    const testTargets = rows.filter((_, i) => assignment[i] === 2).map((r) => (Number(r[1]) - mean) / std);
    testTargets.forEach((v, i) => expect(test.y[i]).toBeCloseTo(v, 5));
  });

  it('sorts numeric class labels numerically', () => {
    const rows = Array.from({ length: 30 }, (_, i) => [String(i), ['10', '2', '1'][i % 3]]);
    const summaries = [summary('f', 'numeric', { distinct: 30 }), summary('y', 'numeric', { distinct: 3 })];
    const { pipeline } = fitPipeline(rows, ['f', 'y'], summaries, spec('y', ['f']));
    expect(pipeline.classes).toEqual(['1', '2', '10']);
  });
});

describe('encodeRows argument checks', () => {
  it('rejects a mismatched assignment, a bad split and a missing column', () => {
    const { columns, rows, summaries } = classificationTable();
    const { pipeline, assignment } = fitPipeline(rows, columns, summaries, spec('label', ['x']));
    expect(() => encodeRows(pipeline, rows.slice(1), columns, assignment, 0)).toThrow(/assignment has 100 entries for 99 rows/);
    expect(() => encodeRows(pipeline, rows, columns, assignment, 3 as 0)).toThrow(/Unknown split/);
    expect(() => encodeRows(pipeline, rows, ['y', 'color', 'label'], assignment, 0)).toThrow(/feature column 'x' is not in the table/);
  });
});

/** 80 rows: age (some missing), city (40 values), flag yes/no, when (dates), label a/b. */
function mixedTable() {
  const rows = Array.from({ length: 80 }, (_, i) => [
    i % 10 === 3 ? '' : String(20 + (i % 17)),
    `city${i % 40}`,
    i % 3 ? 'yes' : 'no',
    `2024-01-${String(1 + (i % 28)).padStart(2, '0')}`,
    i % 2 ? 'a' : 'b',
  ]);
  const columns = ['age', 'city', 'flag', 'when', 'label'];
  const summaries = [
    summary('age', 'numeric', { distinct: 17 }), summary('city', 'categorical', { distinct: 40 }),
    summary('flag', 'boolean'), summary('when', 'date', { distinct: 28 }), summary('label', 'categorical'),
  ];
  return { rows, columns, summaries };
}

describe('fitPipeline with cleaning and encodings (version 2)', () => {
  it('still fits version-1 specs as no cleaning with default encodings, and still encodes stored version-1 pipelines', () => {
    const { columns, rows, summaries } = classificationTable();
    const v1 = fitPipeline(rows, columns, summaries, spec('label', ['x', 'color']));
    const v2 = fitPipeline(rows, columns, summaries, { ...spec('label', ['x', 'color']), version: 2, cleaning: [], encodings: [] });
    expect(v1.pipeline).toEqual(v2.pipeline);
    expect(v1.pipeline.version).toBe(2);
    expect(v1.pipeline.spec).toMatchObject({ version: 2, cleaning: [], encodings: [] });
    // A pipeline stored by the previous build: version 1, no cleaning, no droppedByCleaning.
    const { cleaning: _c, droppedByCleaning: _d, ...rest } = v1.pipeline;
    const stored = { ...rest, version: 1, spec: spec('label', ['x', 'color']) } as FittedPipeline;
    expect(encodeRows(stored, rows, columns, v1.assignment, 1)).toEqual(encodeRows(v1.pipeline, rows, columns, v1.assignment, 1));
  });

  it('fits cleaning and encoder statistics on train rows only: extreme validation/test values change nothing', () => {
    const { columns, rows, summaries } = mixedTable();
    const cleanSpec: PrepareSpec = {
      ...spec('label', ['age', 'age_was_missing']), version: 2,
      cleaning: [{ kind: 'missing-indicator', column: 'age' }, { kind: 'impute', column: 'age', strategy: 'mean' }],
      encodings: [{ column: 'age', encoding: { kind: 'min-max' } }],
    };
    const base = fitPipeline(rows, columns, summaries, cleanSpec);
    const trainAges = rows.filter((r, i) => base.assignment[i] === 0 && r[0] !== '').map((r) => Number(r[0]));
    const trainMean = trainAges.reduce((a, b) => a + b, 0) / trainAges.length;
    expect(Number(base.pipeline.cleaning?.[1].fill)).toBeCloseTo(trainMean, 12);
    const enc = base.pipeline.encoders[0];
    expect(enc).toMatchObject({ kind: 'min-max', min: Math.min(...trainAges), max: Math.max(...trainAges) });
    // Same rows, but every validation and test age is extreme (and missing ones filled): statistics unchanged.
    const extreme = rows.map((r, i) => (base.assignment[i] === 0 ? r : [String(1e9 * (i % 2 ? 1 : -1)), ...r.slice(1)]));
    const again = fitPipeline(extreme, columns, summaries, cleanSpec);
    expect(again.assignment).toEqual(base.assignment);
    expect(again.pipeline.cleaning).toEqual(base.pipeline.cleaning);
    expect(again.pipeline.encoders).toEqual(base.pipeline.encoders);
    expect(base.pipeline.featureNames).toEqual(['age', 'age_was_missing']);
  });

  it('keeps splits stable when cleaning drops rows: a dropped row just leaves its split', () => {
    const { columns, rows, summaries } = mixedTable();
    const plain = fitPipeline(rows, columns, summaries, { ...spec('label', ['age']), version: 2 });
    const dropped = fitPipeline(rows, columns, summaries, {
      ...spec('label', ['age']), version: 2, cleaning: [{ kind: 'drop-missing-rows', columns: ['age'] }, { kind: 'drop-rows', rows: [0, 1] }],
    });
    // Missing ages at rows 3, 13, ..., 73 (8 rows) plus rows 0 and 1.
    const gone = [0, 1, 3, 13, 23, 33, 43, 53, 63, 73];
    expect(dropped.pipeline.droppedByCleaning).toBe(10);
    rows.forEach((_, i) => expect(dropped.assignment[i]).toBe(gone.includes(i) ? 255 : plain.assignment[i]));
    const c = dropped.pipeline.counts;
    expect(c.train + c.validation + c.test).toBe(70);
    expect(dropped.pipeline.cleaning?.map((f) => f.droppedRows)).toEqual([8, 2]);
    expect(encodeRows(dropped.pipeline, rows, columns, dropped.assignment, 0).n).toBe(c.train);
  });

  it('gives meaningful feature names and encodes every row for prediction without the target', () => {
    const { columns, rows, summaries } = mixedTable();
    const full: PrepareSpec = {
      ...spec('label', ['age', 'age_was_missing', 'city', 'flag', 'when']), version: 2,
      cleaning: [{ kind: 'missing-indicator', column: 'age' }],
      encodings: [{ column: 'city', encoding: { kind: 'hash', buckets: 4 } }, { column: 'when', encoding: { kind: 'date-parts', parts: ['day', 'weekday'] } }],
    };
    const { pipeline, assignment } = fitPipeline(rows, columns, summaries, full);
    expect(pipeline.featureNames).toEqual([
      'age', 'age_was_missing', 'city#hash0', 'city#hash1', 'city#hash2', 'city#hash3', 'flag', 'when.day', 'when.weekday',
    ]);
    expect(pipeline.encoders.map((e) => e.kind)).toEqual(['standardize', 'boolean', 'hash', 'boolean', 'date-parts']);
    const train = encodeRows(pipeline, rows, columns, assignment, 0);
    const predicted = encodeFeatures(pipeline, rows.map((r) => r.slice(0, 4)), columns.slice(0, 4));
    expect(predicted.n).toBe(80);
    // The first training row encodes the same way for training and for prediction.
    const first = assignment.indexOf(0);
    expect(predicted.x.slice(first * 9, first * 9 + 9)).toEqual(train.x.slice(0, 9));
    // Default: 40 categories in all, more than 30 in training -> hashing into 32 buckets.
    const auto = fitPipeline(rows, columns, summaries, { ...spec('label', ['city']), version: 2 });
    expect(auto.pipeline.encoders[0]).toEqual({ kind: 'hash', column: 'city', buckets: 32 });
  });

  it('undoing the last step gives back exactly the previous pipeline', () => {
    const { columns, rows, summaries } = mixedTable();
    const one = addStep([], { kind: 'impute', column: 'age', strategy: 'median' });
    const two = addStep(one, { kind: 'outliers', column: 'age', rule: 'z-score', factor: 1, action: 'drop' });
    const fitWith = (cleaning: PrepareSpec['cleaning']) => fitPipeline(rows, columns, summaries, { ...spec('label', ['age']), version: 2, cleaning });
    const before = fitWith(one);
    expect(fitWith(two).pipeline.droppedByCleaning).toBeGreaterThan(0);
    const undone = fitWith(undoStep(two));
    expect(undone.pipeline).toEqual(before.pipeline);
    expect(undone.assignment).toEqual(before.assignment);
  });

  it('refuses specs whose cleaning or encodings do not fit the table', () => {
    const { columns, rows, summaries } = mixedTable();
    const base = { ...spec('label', ['age']), version: 2 as const };
    expect(() => fitPipeline(rows, columns, summaries, { ...base, cleaning: [{ kind: 'drop-column', column: 'label' }] })).toThrow(/target column/);
    expect(() => fitPipeline(rows, columns, summaries, { ...base, featureColumns: ['age_was_missing'] })).toThrow(/'age_was_missing' is not in the table/);
    expect(() => fitPipeline(rows, columns, summaries, { ...base, encodings: [{ column: 'age', encoding: { kind: 'one-hot', minShare: 3 } }] })).toThrow(PrepareSpecError);
    expect(() => fitPipeline(rows, columns, summaries, { ...base, featureColumns: ['flag'], encodings: [{ column: 'flag', encoding: { kind: 'log1p' } }] })).toThrow(/cannot read column 'flag'/);
    // A text column can be a feature once it has an explicit encoding.
    const textSummaries = summaries.map((s) => (s.name === 'city' ? { ...s, type: 'text' as const } : s));
    expect(() => fitPipeline(rows, columns, textSummaries, { ...base, featureColumns: ['city'] })).toThrow(/type 'text'/);
    const hashed = fitPipeline(rows, columns, textSummaries, { ...base, featureColumns: ['city'], encodings: [{ column: 'city', encoding: { kind: 'hash', buckets: 2 } }] });
    expect(hashed.pipeline.featureNames).toEqual(['city#hash0', 'city#hash1']);
    // Features a drop-missing-columns step removes are left out.
    const sparse = rows.map((r, i) => [i % 4 ? '' : r[0], ...r.slice(1)]);
    const pruned = fitPipeline(sparse, columns, summaries, { ...base, featureColumns: ['age', 'flag'], cleaning: [{ kind: 'drop-missing-columns', maxMissingShare: 0.5 }] });
    expect(pruned.pipeline.cleaning?.[0].droppedColumns).toEqual(['age']);
    expect(pruned.pipeline.featureNames).toEqual(['flag']);
  });
});

describe('defaultPrepareSpec for free text', () => {
  const summary = (name: string, type: 'text' | 'categorical' | 'numeric') => ({ name, type, missing: 0, distinct: type === 'categorical' ? 2 : 500, distinctCapped: false });

  it('predicts the class column of a label,text table and counts tokens of the text', () => {
    const spec = defaultPrepareSpec(['label', 'text'], [summary('label', 'categorical'), summary('text', 'text')]);
    expect(spec).toMatchObject({ targetColumn: 'label', task: 'classification', featureColumns: ['text'] });
    expect(spec.encodings).toEqual([{ column: 'text', encoding: { kind: 'bag-of-tokens' } }]);
  });

  it('leaves a text column out when other features exist (names or ids would add noise)', () => {
    const spec = defaultPrepareSpec(['name', 'age', 'label'], [summary('name', 'text'), summary('age', 'numeric'), summary('label', 'categorical')]);
    expect(spec).toMatchObject({ targetColumn: 'label', featureColumns: ['age'], encodings: [] });
  });
});
