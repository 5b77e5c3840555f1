// Tests for feature encodings: each encoder fitted on small arrays with hand-computed answers,
// Yeo-Johnson against SciPy, hashing against published FNV-1a vectors, and the registry's defaults.
import { describe, expect, it } from 'vitest';
import { fitEncoder } from '../../../src/engine/clean/encoder-fit';
import { encoderFeatureNames, encoderWidth, encoderWriter } from '../../../src/engine/clean/encoder-apply';
import { ENCODINGS, defaultEncodingFor, encodingProblem } from '../../../src/engine/clean/encoding-registry';
import type { EncodingSpec, FeatureEncoder } from '../../../src/engine/clean/encoding-types';
import { fnv1a32, hashBucket } from '../../../src/engine/clean/feature-hash';
import { fitYeoJohnsonLambda, yeoJohnson, yeoJohnsonLogLikelihood } from '../../../src/engine/clean/yeo-johnson';
import { DataInputError, type ColumnType } from '../../../src/engine/data/table-types';

/** Encodes each cell with `encoder`; one array of outputs per cell. */
function encode(encoder: FeatureEncoder, cells: (string | undefined)[]): number[][] {
  const write = encoderWriter(encoder);
  return cells.map((cell) => {
    const out = new Float32Array(encoderWidth(encoder));
    write(cell, out, 0);
    return Array.from(out);
  });
}

function fit(encoding: EncodingSpec, train: string[], all: string[] = train): FeatureEncoder {
  return fitEncoder(encoding, 'c', train, all);
}

describe('numeric encodings', () => {
  it('standardize and min-max use the training values; missing cells get the training mean', () => {
    // 1, 2, 3: mean 2, population variance 2/3.
    const std = fit({ kind: 'standardize' }, ['1', '2', '', '3']);
    expect(std).toMatchObject({ kind: 'standardize', mean: 2 });
    if (std.kind === 'standardize') expect(std.std).toBeCloseTo(Math.sqrt(2 / 3), 12);
    expect(encode(std, ['2', 'NA', 'abc'])).toEqual([[0], [0], [0]]);
    // 2, 4, 6, 10: min 2, max 10; mean 5.5 -> fill (5.5 - 2) / 8 = 0.4375.
    const mm = fit({ kind: 'min-max' }, ['2', '4', '6', '10']);
    expect(mm).toEqual({ kind: 'min-max', column: 'c', min: 2, max: 10, fill: 0.4375 });
    expect(encode(mm, ['6', '', '18'])).toEqual([[0.5], [0.4375], [2]]);
  });

  it('log1p standardizes log(1 + x), refuses negatives with a clear message, clamps later negatives', () => {
    // log1p(0) = 0, log1p(e - 1) = 1: mean 0.5, std 0.5.
    const enc = fit({ kind: 'log1p' }, ['0', String(Math.E - 1)]);
    expect(enc.kind === 'log1p' && [enc.mean, enc.std]).toEqual([0.5, 0.5]);
    const [[a], [b]] = encode(enc, [String(Math.E - 1), '-5']);
    expect(a).toBeCloseTo(1, 6);
    expect(b).toBeCloseTo(-1, 6); // clamped to 0 -> (0 - 0.5) / 0.5
    let error: unknown;
    try {
      fit({ kind: 'log1p' }, ['1', '2'], ['1', '2', '-3']); // the negative is in a validation row
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(DataInputError);
    expect((error as DataInputError).code).toBe('bad-feature');
    expect((error as Error).message).toMatch(/'c' has negative values \(e\.g\. -3\).*Yeo-Johnson/);
  });

  it('Yeo-Johnson matches hand values and SciPy’s maximum-likelihood lambda', () => {
    // ψ(0.5, 0.5) = 2(√1.5 - 1); ψ(-3, 0.5) = -(4^1.5 - 1) / 1.5 = -14/3; λ = 0 and λ = 2 give ±log(1 + |x|).
    expect(yeoJohnson(0.5, 0.5)).toBeCloseTo(2 * (Math.sqrt(1.5) - 1), 12);
    expect(yeoJohnson(-3, 0.5)).toBeCloseTo(-14 / 3, 12);
    expect(yeoJohnson(Math.E - 1, 0)).toBeCloseTo(1, 12);
    expect(yeoJohnson(1 - Math.E, 2)).toBeCloseTo(-1, 12);
    expect(yeoJohnson(3, 1)).toBe(3); // λ = 1 is the identity for x >= 0
    // Golden values from scipy.stats.yeojohnson / yeojohnson_llf (SciPy 1.17.1) on this array.
    const x = [-2, -0.5, 0, 1, 2.5, 4, 7, 12, 30];
    expect(fitYeoJohnsonLambda(x)).toBeCloseTo(0.31471482582640403, 6);
    expect(yeoJohnsonLogLikelihood(x, 0.31471482582640403)).toBeCloseTo(-15.435048614035678, 9);
    expect(fitYeoJohnsonLambda([1, 2, 3, 4, 5, 6, 7, 8, 100])).toBeCloseTo(-0.5515254657043571, 6);
    expect(fitYeoJohnsonLambda([4, 4, 4])).toBe(1); // no variance: identity
    const enc = fit({ kind: 'yeo-johnson' }, x.map(String));
    if (enc.kind !== 'yeo-johnson') throw new Error('expected yeo-johnson');
    // The encoded training values have mean 0 and std 1.
    const out = encode(enc, x.map(String)).map((o) => o[0]);
    const mean = out.reduce((s, v) => s + v, 0) / out.length;
    expect(mean).toBeCloseTo(0, 5);
    expect(Math.sqrt(out.reduce((s, v) => s + (v - mean) ** 2, 0) / out.length)).toBeCloseTo(1, 5);
  });

  it('none passes numbers through and fills missing cells with the training mean', () => {
    const enc = fit({ kind: 'none' }, ['1', '5', '']);
    expect(encode(enc, ['7', '?'])).toEqual([[7], [3]]);
  });
});

describe('categorical encodings', () => {
  const train = ['a', 'a', 'a', 'a', 'a', 'b', 'b', 'b', 'c', 'd'];

  it('one-hot keeps training categories; rare grouping by count or share makes __other__', () => {
    const plain = fit({ kind: 'one-hot' }, [' b', 'a', 'NA']);
    expect(plain).toEqual({ kind: 'one-hot', column: 'c', categories: ['a', 'b'] });
    expect(encode(plain, ['b', 'zzz', ''])).toEqual([[0, 1], [0, 0], [0, 0]]);
    const byCount = fit({ kind: 'one-hot', minCount: 2 }, train);
    expect(byCount).toEqual({ kind: 'one-hot', column: 'c', categories: ['a', 'b', '__other__'], other: true });
    expect(encode(byCount, ['a', 'c', 'unseen', 'NA'])).toEqual([[1, 0, 0], [0, 0, 1], [0, 0, 1], [0, 0, 0]]);
    // Shares: a 0.5, b 0.3, c 0.1, d 0.1; min share 0.35 keeps only a.
    expect(fit({ kind: 'one-hot', minShare: 0.35 }, train)).toMatchObject({ categories: ['a', '__other__'] });
    expect(encoderFeatureNames(byCount)).toEqual(['c=a', 'c=b', 'c=__other__']);
  });

  it('ordinal scales positions to 0..1, sorts numbers numerically, takes a given order and fills with the mean code', () => {
    const numeric = fit({ kind: 'ordinal' }, ['10', '2', '1', '2']);
    expect(numeric).toMatchObject({ categories: ['1', '2', '10'] });
    // Codes 1, 0.5, 0, 0.5 -> mean 0.5.
    expect(encode(numeric, ['10', '2', 'NA', 'new'])).toEqual([[1], [0.5], [0.5], [0.5]]);
    const ordered = fit({ kind: 'ordinal', order: ['low', 'medium', 'high'] }, ['high', 'low', 'low', 'low']);
    // Codes 1, 0, 0, 0 -> fill 0.25.
    expect(ordered).toEqual({ kind: 'ordinal', column: 'c', categories: ['low', 'medium', 'high'], fill: 0.25 });
    expect(encode(ordered, ['medium', 'huge'])).toEqual([[0.5], [0.25]]);
    const grouped = fit({ kind: 'ordinal', minCount: 2 }, train);
    expect(grouped).toMatchObject({ categories: ['a', 'b', '__other__'], other: true });
    expect(encode(grouped, ['d'])).toEqual([[1]]);
  });

  it('hashes with FNV-1a over UTF-8 (published vectors), the same bucket in every run', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
    // Non-ASCII checked against an independent Python FNV-1a over UTF-8 bytes.
    expect(fnv1a32('Zürich')).toBe(0xd7007f20);
    expect(fnv1a32('東京')).toBe(0x68dea76f);
    expect([hashBucket('a', 8), hashBucket(' red ', 8), hashBucket('東京', 8)]).toEqual([4, 4, 7]);
    const enc = fit({ kind: 'hash', buckets: 8 }, ['anything']);
    expect(enc).toEqual({ kind: 'hash', column: 'c', buckets: 8 });
    expect(encoderFeatureNames(enc)).toEqual(Array.from({ length: 8 }, (_, i) => `c#hash${i}`));
    expect(encode(enc, ['東京', 'NA'])).toEqual([[0, 0, 0, 0, 0, 0, 0, 1], [0, 0, 0, 0, 0, 0, 0, 0]]);
  });
});

describe('boolean and date encodings', () => {
  it('boolean maps true/yes/1 to 1 and false/no/0 to 0, case-insensitively; others get the training share', () => {
    const enc = fit({ kind: 'boolean' }, ['yes', 'No', 'TRUE', 'no']);
    expect(enc).toEqual({ kind: 'boolean', column: 'c', fill: 0.5 });
    expect(encode(enc, [' Yes ', 'false', '1', '0', 'maybe', ''])).toEqual([[1], [0], [1], [0], [0.5], [0.5]]);
  });

  it('date parts are standardized with training statistics; ISO weekday, Monday = 1', () => {
    // 2024-01-31 is a Wednesday (3), 2024-02-29 a Thursday (4).
    const enc = fit({ kind: 'date-parts' }, ['2024-01-31', '2024/02/29T10:00', '']);
    if (enc.kind !== 'date-parts') throw new Error('expected date-parts');
    expect(enc.parts).toEqual(['year', 'month', 'day', 'weekday']);
    expect(enc.mean).toEqual([2024, 1.5, 30, 3.5]);
    expect(enc.std).toEqual([1, 0.5, 1, 0.5]); // year std 0 is stored as 1
    expect(encoderFeatureNames(enc)).toEqual(['c.year', 'c.month', 'c.day', 'c.weekday']);
    expect(encode(enc, ['2024-01-31', 'not a date'])).toEqual([[0, -1, 1, -1], [0, 0, 0, 0]]);
    const some = fit({ kind: 'date-parts', parts: ['weekday'] }, ['2000-01-01', '2023-01-01']); // Saturday 6, Sunday 7
    expect(some).toMatchObject({ parts: ['weekday'], mean: [6.5], std: [0.5] });
  });
});

describe('encoding registry and defaults', () => {
  it('defaults follow the column type and cardinality (one-hot up to 30 categories, hashing above)', () => {
    expect(defaultEncodingFor('numeric', 0)).toEqual({ kind: 'standardize' });
    expect(defaultEncodingFor('boolean', 2)).toEqual({ kind: 'boolean' });
    expect(defaultEncodingFor('date', 5)).toEqual({ kind: 'date-parts', parts: ['year', 'month', 'day', 'weekday'] });
    expect(defaultEncodingFor('categorical', 30)).toEqual({ kind: 'one-hot' });
    expect(defaultEncodingFor('categorical', 31)).toEqual({ kind: 'hash', buckets: 32 });
    expect(defaultEncodingFor('empty', 0)).toBeUndefined();
  });

  it('every registry default is valid for the types it accepts, and bad choices are explained', () => {
    for (const [kind, info] of Object.entries(ENCODINGS)) {
      expect(info.defaults.kind).toBe(kind);
      expect(info.label.length).toBeGreaterThan(0);
      for (const type of info.accepts) expect(encodingProblem(info.defaults, 'c', type as ColumnType)).toBeUndefined();
    }
    expect(encodingProblem({ kind: 'log1p' }, 'city', 'categorical')).toMatch(/cannot read column 'city' of type 'categorical'/);
    expect(encodingProblem({ kind: 'hash', buckets: 0 }, 'city', 'text')).toMatch(/whole number of buckets/);
    expect(encodingProblem({ kind: 'one-hot', minShare: 2 }, 'city', 'categorical')).toMatch(/minShare/);
    expect(encodingProblem({ kind: 'nope' } as unknown as EncodingSpec, 'city', 'text')).toMatch(/Unknown encoding 'nope'/);
  });
});
