// Tests for the first pass of the quality report: per-column statistics, target balance, options,
// chunked feeding and cloneability, on small tables worked out by hand.
import { describe, expect, it } from 'vitest';
import type { ColumnType } from '../../../src/engine/data/table-types';
import { DataInputError } from '../../../src/engine/data/table-types';
import { createQualityAccumulator } from '../../../src/engine/quality/quality-accumulator';
import type { QualityOptions } from '../../../src/engine/quality/quality-types';

function report(columns: string[], types: ColumnType[], rows: string[][], target?: string, options?: QualityOptions) {
  const acc = createQualityAccumulator({ columns, types, target, options });
  acc.addRows(rows, 0);
  return acc.finish();
}

describe('createQualityAccumulator: columns', () => {
  it('computes numeric statistics, quantiles and histogram of 1..10 with missing cells', () => {
    const cells = ['3', '', '1', '2', 'NA', '10', '4', '5', '6', '7', '8', '9'];
    const r = report(['x'], ['numeric'], cells.map((c) => [c]), undefined, { histogramBins: 3 });
    const col = r.columns[0];
    expect(r.rowCount).toBe(12);
    expect(col).toMatchObject({ missing: 2, nanCells: 0, distinct: 10, distinctCapped: false, numberCells: 10, nonFinite: 0, invalid: 0 });
    expect(col.missingShare).toBeCloseTo(2 / 12, 12);
    const n = col.numeric!;
    // 1..10: mean 5.5, population variance (n² - 1) / 12 = 99 / 12 = 8.25.
    expect(n.count).toBe(10);
    expect(n.mean).toBeCloseTo(5.5, 12);
    expect(n.std).toBeCloseTo(Math.sqrt(8.25), 12);
    expect(n.quantiles.p25).toBeCloseTo(3.25, 12);
    expect(n.quantiles.p95).toBeCloseTo(9.55, 12);
    expect(n.quantilesExact).toBe(true);
    // [1, 4), [4, 7), [7, 10]: {1,2,3} {4,5,6} {7,8,9,10}.
    expect(n.histogram).toEqual({ min: 1, max: 10, counts: [3, 3, 4], exact: true });
    expect(col.topValues).toBeUndefined();
  });

  it('counts non-finite and invalid cells; NaN is missing by the shared rule', () => {
    const cells = ['1', '1e999', 'Infinity', '-inf', 'NaN', 'abc', ' 2 '];
    const r = report(['n', 'c'], ['numeric', 'categorical'], cells.map((c) => [c, c]));
    expect(r.columns[0]).toMatchObject({ missing: 1, nanCells: 1, nonFinite: 3, invalid: 1, numberCells: 2 });
    expect(r.columns[0].numeric).toMatchObject({ count: 2, min: 1, max: 2 });
    expect(r.columns[1]).toMatchObject({ missing: 1, nonFinite: 3, invalid: 0, numberCells: 2, distinct: 6 });
  });

  it('lists top values for categorical, text and unknown types; caps distinct values', () => {
    const cells = ['b', 'a', 'b', 'c', 'a', 'b', 'd', ''];
    const rows = cells.map((c) => [c, c, c]);
    const r = report(['cat', 'txt', 'bool'], ['categorical', 'text', 'boolean' as ColumnType], rows);
    for (const col of r.columns) {
      expect(col.topValues).toEqual([
        { value: 'b', count: 3 },
        { value: 'a', count: 2 },
        { value: 'c', count: 1 },
        { value: 'd', count: 1 },
      ]);
      expect(col.distinct).toBe(4);
    }
    const capped = report(['x'], ['categorical'], rows.map((c) => [c[0]]), undefined, { maxDistinct: 2, topValues: 1 });
    expect(capped.columns[0]).toMatchObject({ distinct: 2, distinctCapped: true, topValues: [{ value: 'b', count: 3 }] });
  });

  it('reports an empty column and an empty table', () => {
    const r = report(['e'], ['empty'], [[''], ['NA']]);
    expect(r.columns[0]).toMatchObject({ missing: 2, missingShare: 1, distinct: 0 });
    expect(r.columns[0].numeric).toBeUndefined();
    expect(r.columns[0].topValues).toBeUndefined();
    const none = report(['x'], ['numeric'], []);
    expect(none.rowCount).toBe(0);
    expect(none.columns[0].missingShare).toBe(0);
    expect(none.columns[0].numeric).toBeUndefined();
  });

  it('counts short rows as missing and ignores extra cells', () => {
    const r = report(['a', 'b'], ['categorical', 'categorical'], [['x'], ['y', 'z', 'extra']]);
    expect(r.columns[1]).toMatchObject({ missing: 1, distinct: 1 });
  });

  it('gives the same report whether rows come in one chunk or many', () => {
    const rows = Array.from({ length: 50 }, (_, i) => [String((i * 37) % 11), i % 3 ? 'p' : 'q']);
    const one = report(['n', 'k'], ['numeric', 'categorical'], rows, 'k');
    const acc = createQualityAccumulator({ columns: ['n', 'k'], types: ['numeric', 'categorical'], target: 'k' });
    for (let i = 0; i < 50; i += 7) acc.addRows(rows.slice(i, i + 7), i);
    expect(acc.finish()).toEqual(one);
    expect(structuredClone(one)).toEqual(one);
  });

  it('estimates quantiles from a reproducible sample when the column is larger than the reservoir', () => {
    const rows = Array.from({ length: 5000 }, (_, i) => [String(i)]);
    const run = (seed: number) => report(['x'], ['numeric'], rows, undefined, { reservoirSize: 500, seed }).columns[0].numeric!;
    const a = run(1);
    expect(a).toMatchObject({ count: 5000, sampleSize: 500, quantilesExact: false, min: 0, max: 4999 });
    expect(a.quantiles.p0).toBe(0);
    expect(a.quantiles.p100).toBe(4999);
    expect(Math.abs(a.quantiles.p50 - 2499.5)).toBeLessThan(300);
    expect(a.histogram.exact).toBe(false);
    expect(a.histogram.counts.reduce((s, c) => s + c, 0)).toBe(500);
    expect(run(1)).toEqual(a);
    expect(run(2).quantiles.p50).not.toBe(a.quantiles.p50);
  });
});

describe('createQualityAccumulator: target', () => {
  it('reports class balance and flags imbalance (3 vs 120)', () => {
    const rows = [...Array.from({ length: 120 }, (_, i) => [String(i), 'versicolor']), ...Array.from({ length: 3 }, (_, i) => [String(i), 'setosa']), ['1', '']];
    const t = report(['f', 'y'], ['numeric', 'categorical'], rows, 'y').target!;
    expect(t).toMatchObject({ column: 'y', columnIndex: 1, task: 'classification', missing: 1, classesComplete: true });
    expect(t.classes).toEqual([
      { label: 'versicolor', count: 120, share: 120 / 123 },
      { label: 'setosa', count: 3, share: 3 / 123 },
    ]);
    expect(t.imbalance).toMatchObject({ smallest: { label: 'setosa', count: 3 }, largest: { count: 120 }, imbalanced: true });
    expect(t.imbalance!.ratio).toBeCloseTo(3 / 120, 12);
  });

  it('applies the documented thresholds: ratio < 0.1 or fewer than 5 rows', () => {
    const classes = (a: number, b: number) => {
      const rows = [...Array.from({ length: a }, () => ['a']), ...Array.from({ length: b }, () => ['b'])];
      return report(['y'], ['categorical'], rows, 'y').target!.imbalance!.imbalanced;
    };
    expect(classes(50, 10)).toBe(false);
    expect(classes(50, 5)).toBe(false); // ratio exactly 0.1 is not below it
    expect(classes(51, 5)).toBe(true);
    expect(classes(6, 4)).toBe(true); // 4 < 5 rows
    expect(report(['y'], ['categorical'], [['a'], ['a']], 'y').target!.imbalance).toBeUndefined();
  });

  it('describes a numeric target as a distribution, or as classes when asked', () => {
    const rows = [['1'], ['2'], ['2'], ['5']];
    const reg = report(['y'], ['numeric'], rows, 'y').target!;
    expect(reg.task).toBe('regression');
    expect(reg.classes).toBeUndefined();
    expect(reg.distribution).toMatchObject({ count: 4, min: 1, max: 5, mean: 2.5 });
    const cls = report(['y'], ['numeric'], rows, 'y', { targetTask: 'classification' }).target!;
    expect(cls.classes!.map((c) => [c.label, c.count])).toEqual([['2', 2], ['1', 1], ['5', 1]]);
  });
});

describe('createQualityAccumulator: arguments', () => {
  it('rejects bad input with messages that name the problem', () => {
    expect(() => createQualityAccumulator({ columns: ['a'], types: [] })).toThrow(/one type per column/);
    expect(() => createQualityAccumulator({ columns: ['a'], types: ['numeric'], target: 'b' })).toThrow(DataInputError);
    expect(() => createQualityAccumulator({ columns: ['a'], types: ['numeric'], options: { histogramBins: 0 } })).toThrow(/histogramBins/);
    expect(() => createQualityAccumulator({ columns: ['a'], types: ['numeric'], options: { seed: NaN } })).toThrow(/seed/);
    const acc = createQualityAccumulator({ columns: ['a'], types: ['numeric'] });
    expect(() => acc.addRows([['1']], -1)).toThrow(RangeError);
  });

  it('streams 100k rows x 10 columns quickly', () => {
    const columns = Array.from({ length: 10 }, (_, c) => `c${c}`);
    const types: ColumnType[] = columns.map((_, c) => (c < 6 ? 'numeric' : 'categorical'));
    const chunk: string[][] = Array.from({ length: 1000 }, (_, i) =>
      columns.map((_, c) => (c < 6 ? String(((i * 7919 + c * 13) % 1000) / 10) : `v${(i + c) % 17}`)),
    );
    const acc = createQualityAccumulator({ columns, types, target: 'c9' });
    const start = performance.now();
    for (let k = 0; k < 100; k++) acc.addRows(chunk, k * 1000);
    const r = acc.finish();
    const ms = performance.now() - start;
    expect(r.rowCount).toBe(100_000);
    expect(r.duplicates.duplicateRows).toBe(99_000); // 100 copies of 1000 distinct rows
    expect(ms).toBeLessThan(3000);
  });
});
