// Tests for exact duplicate rows and label conflicts, on a hand-made table and at 100k rows.
import { describe, expect, it } from 'vitest';
import type { ColumnType } from '../../../src/engine/data/table-types';
import { createQualityAccumulator } from '../../../src/engine/quality/quality-accumulator';
import type { QualityOptions } from '../../../src/engine/quality/quality-types';

function run(rows: string[][], target?: string, options?: QualityOptions) {
  const columns = ['n', 'k', 'y'].slice(0, rows[0].length);
  const types = columns.map((): ColumnType => 'categorical');
  const acc = createQualityAccumulator({ columns, types, target, options });
  acc.addRows(rows, 0);
  return acc.finish();
}

// Row: features (n, k), target y.
const TABLE = [
  ['1', 'a', 'x'], // 0
  ['2', 'b', 'y'], // 1
  ['1', 'a', 'x'], // 2 duplicate of 0
  ['1', 'a', 'z'], // 3 same features as 0, other label: conflict
  ['2', 'b', 'y'], // 4 duplicate of 1
  ['1', 'a', 'x'], // 5 duplicate of 0
  ['3', 'c', ' y '], // 6
  ['3', 'c', 'y'], // 7 duplicate of 6 (the target is compared trimmed)
  [' 3', 'c', 'y'], // 8 not a duplicate (features are compared raw)
  ['1', 'a', 'NA'], // 9 missing target: a new full row, no conflict
];

describe('exact duplicates', () => {
  it('groups identical rows and counts every repeat', () => {
    const d = run(TABLE, 'y').duplicates;
    expect(d.rowsChecked).toBe(10);
    expect(d.duplicateRows).toBe(4);
    expect(d.groupCount).toBe(3);
    expect(d.groups).toEqual([
      { count: 3, rows: [0, 2, 5] },
      { count: 2, rows: [1, 4] },
      { count: 2, rows: [6, 7] },
    ]);
  });

  it('compares raw cells without a target and keeps cell boundaries apart', () => {
    const d = run([['ab', 'c'], ['a', 'bc'], ['ab', 'c'], ['ab', 'c ']]).duplicates;
    expect(d.groups).toEqual([{ count: 2, rows: [0, 2] }]);
  });

  it('caps listed groups and rows but counts all', () => {
    const rows = [['1', 'a'], ['1', 'a'], ['1', 'a'], ['1', 'a'], ['2', 'b'], ['2', 'b'], ['3', 'c'], ['3', 'c']];
    const d = run(rows, undefined, { maxGroups: 1, maxRowsPerGroup: 2 }).duplicates;
    expect(d).toMatchObject({ duplicateRows: 5, groupCount: 3, groups: [{ count: 4, rows: [0, 1] }] });
  });

  it('stops hashing after maxHashedRows and says how many rows it checked', () => {
    const d = run([['1'], ['1'], ['1'], ['1']], undefined, { maxHashedRows: 2 }).duplicates;
    expect(d).toMatchObject({ rowsChecked: 2, duplicateRows: 1 });
  });

  it('finds the duplicates among 100k rows in well under 2 s', () => {
    // 99 000 distinct rows, then 1 000 copies of rows 0, 37, 74, ...
    const rows: string[][] = [];
    for (let i = 0; i < 99_000; i++) rows.push([`r${i}`, String(i % 97), `t${i % 5}`, 'const']);
    for (let j = 0; j < 1000; j++) rows.push([...rows[j * 37]]);
    const acc = createQualityAccumulator({ columns: ['a', 'b', 'c', 'd'], types: ['text', 'numeric', 'categorical', 'categorical'] });
    const start = performance.now();
    acc.addRows(rows, 0);
    const d = acc.finish().duplicates;
    expect(performance.now() - start).toBeLessThan(2000);
    expect(d.duplicateRows).toBe(1000);
    expect(d.groupCount).toBe(1000);
    expect(d.groups[0]).toEqual({ count: 2, rows: [0, 99_000] });
    expect(d.groups[99]).toEqual({ count: 2, rows: [99 * 37, 99_099] });
  });
});

describe('label conflicts', () => {
  it('lists groups of identical features with different labels', () => {
    const c = run(TABLE, 'y').conflicts!;
    expect(c.groupCount).toBe(1);
    // Rows 0, 2, 3, 5 share features (1, a); 9 has no label. Before the conflict only the first row is kept.
    expect(c.conflictingRows).toBe(4);
    expect(c.groups).toEqual([
      {
        count: 4,
        labels: [
          { label: 'x', count: 3, rows: [0, 5] },
          { label: 'z', count: 1, rows: [3] },
        ],
      },
    ]);
  });

  it('reports no conflicts when labels agree, and none without a target', () => {
    expect(run([['1', 'a', 'x'], ['1', 'a', 'x ']], 'y').conflicts).toMatchObject({ conflictingRows: 0, groups: [] });
    expect(run(TABLE).conflicts).toBeUndefined();
  });

  it('counts conflicts beyond maxGroups without listing them', () => {
    const rows = [['1', 'a', 'x'], ['1', 'a', 'y'], ['2', 'a', 'x'], ['2', 'a', 'y'], ['2', 'a', 'z']];
    const c = run(rows, 'y', { maxGroups: 1 }).conflicts!;
    expect(c).toMatchObject({ groupCount: 2, conflictingRows: 5 });
    expect(c.groups).toHaveLength(1);
  });
});
