// Tests for the second pass: IQR and z-score outliers against hand-computed fences, exact histograms.
import { describe, expect, it } from 'vitest';
import { createQualityAccumulator } from '../../../src/engine/quality/quality-accumulator';
import { countOutliers, createOutlierCounter } from '../../../src/engine/quality/outlier-counter';

// 1..20 with 200 at row 7 and two non-numbers; the target is the numeric column itself.
const CELLS = ['1', '2', '3', '4', '5', '6', '7', '200', '8', '9', '10', 'NA', '11', '12', '13', '14', '15', '16', '17', 'abc', '18', '19', '20'];
const ROWS = CELLS.map((c) => [c, c === '200' ? 'big' : 'small']);

function firstPass(options = {}) {
  const acc = createQualityAccumulator({ columns: ['v', 'k'], types: ['numeric', 'categorical'], target: 'v', options });
  acc.addRows(ROWS, 0);
  return acc.finish();
}

describe('countOutliers', () => {
  it('applies the IQR and z-score rules with hand-computed fences', () => {
    const first = firstPass();
    expect(first.outliersCounted).toBe(false);
    expect(first.columns[0].numeric!.outliers).toBeUndefined();
    const r = countOutliers(first, ROWS);
    const o = r.columns[0].numeric!.outliers!;
    // Sorted 1..20, 200 (n = 21): Q1 = x[5] = 6, Q3 = x[15] = 16, IQR = 10 -> fences -9 and 31.
    expect(o.iqr).toEqual({ lower: -9, upper: 31, count: 1, rows: [7] });
    // mean = 410/21; E[x²] = (2870 + 40000)/21; std = sqrt(E[x²] - mean²) ≈ 40.75; z(200) ≈ 4.43.
    const mean = 410 / 21;
    const std = Math.sqrt(42870 / 21 - mean * mean);
    expect(o.zScore.lower).toBeCloseTo(mean - 3 * std, 9);
    expect(o.zScore.upper).toBeCloseTo(mean + 3 * std, 9);
    expect(o.zScore).toMatchObject({ count: 1, rows: [7] });
    expect(r.outliersCounted).toBe(true);
    // The target (regression) carries the same completed statistics; the first report is untouched.
    expect(r.target!.distribution).toEqual(r.columns[0].numeric);
    expect(first.columns[0].numeric!.outliers).toBeUndefined();
  });

  it('finds no z-score outliers in a constant column and caps listed rows', () => {
    const acc = createQualityAccumulator({ columns: ['c', 'd'], types: ['numeric', 'numeric'], options: { maxOutlierRows: 2 } });
    const rows = Array.from({ length: 30 }, (_, i) => ['5', i % 10 === 0 ? '1000' : String(i % 3)]);
    acc.addRows(rows, 0);
    const r = countOutliers(acc.finish(), rows);
    expect(r.columns[0].numeric!.outliers!.zScore).toEqual({ lower: -Infinity, upper: Infinity, count: 0, rows: [] });
    expect(r.columns[0].numeric!.outliers!.iqr.count).toBe(0);
    // Column d: rows 0, 10, 20 hold 1000; the rest are 0..2.
    expect(r.columns[1].numeric!.outliers!.iqr).toMatchObject({ count: 3, rows: [0, 10] });
  });

  it('replaces a sampled histogram by exact counts, chunk by chunk', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => [String(i % 100)]);
    const acc = createQualityAccumulator({ columns: ['x'], types: ['numeric'], options: { reservoirSize: 50, histogramBins: 4 } });
    acc.addRows(rows, 0);
    const first = acc.finish();
    expect(first.columns[0].numeric!.histogram.exact).toBe(false);
    const counter = createOutlierCounter(first);
    for (let i = 0; i < 1000; i += 300) counter.addRows(rows.slice(i, i + 300), i);
    // 0..99 over [0, 99] in 4 bins of width 24.75: 0-24, 25-49, 50-74, 75-99 -> 25 each, ten times.
    expect(counter.finish().columns[0].numeric!.histogram).toEqual({ min: 0, max: 99, counts: [250, 250, 250, 250], exact: true });
  });
});
