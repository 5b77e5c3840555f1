// Tests for the plain-English findings built from a quality report.
import { describe, expect, it } from 'vitest';
import type { ColumnType } from '../../../src/engine/data/table-types';
import { countOutliers } from '../../../src/engine/quality/outlier-counter';
import { createQualityAccumulator } from '../../../src/engine/quality/quality-accumulator';
import { formatShare, summarizeQualityIssues } from '../../../src/engine/quality/quality-summary';

function summarize(columns: string[], types: ColumnType[], rows: string[][], target?: string) {
  const acc = createQualityAccumulator({ columns, types, target });
  acc.addRows(rows, 0);
  return summarizeQualityIssues(countOutliers(acc.finish(), rows));
}

describe('summarizeQualityIssues', () => {
  it('reports duplicates, missing cells, imbalance and outliers in plain words', () => {
    // 123 rows: ages 20..139 cycling (one missing in ten), 120 'versicolor' + 3 'setosa',
    // rows 121-122 repeat row 120, and age 999 at row 5.
    const rows: string[][] = [];
    for (let i = 0; i < 120; i++) rows.push([i % 10 === 3 ? '' : i === 5 ? '999' : String(20 + (i % 40)), `id${i}`, 'versicolor']);
    for (let i = 0; i < 3; i++) rows.push(['30', 'same', 'setosa']);
    const findings = summarize(['age', 'id', 'species'], ['numeric', 'text', 'categorical'], rows, 'species');
    const messages = findings.map((f) => f.message);
    expect(messages).toContain('2 rows (1.6%) are exact duplicates of earlier rows (1 group).');
    expect(messages).toContain("class 'setosa' has only 3 rows; classes are imbalanced (3 vs 120).");
    expect(messages).toContain('column age: 12 missing (9.8%).');
    expect(findings.find((f) => f.message.startsWith('column age: 12 missing'))).toMatchObject({ severity: 'warning', column: 'age' });
    expect(messages).toContain('column age: 1 outlier by the IQR rule (0.9%), 1 with |z| > 3.');
    // 'id' has 121 distinct values among 123 rows, so it is not flagged as an identifier.
    expect(messages.some((m) => m.includes('identifier'))).toBe(false);
    expect(findings.every((f) => f.severity === 'warning' || f.severity === 'info')).toBe(true);
  });

  it('flags conflicts, non-finite cells, constant columns and a missing target', () => {
    const rows: string[][] = [];
    for (let i = 0; i < 25; i++) rows.push([`u${i}`, 'k', i === 0 ? '1e999' : String(i), i === 3 ? ' nan' : '1', i < 2 ? 'a' : i === 24 ? '' : 'b']);
    rows.push(['u0', 'k', '1e999', '1', 'b']); // same features as row 0, other label
    const types: ColumnType[] = ['text', 'categorical', 'categorical', 'numeric', 'categorical'];
    const findings = summarize(['user', 'konst', 'score', 'w', 'y'], types, rows, 'y');
    const messages = findings.map((f) => f.message);
    expect(messages).toContain("2 rows in 1 group have identical features but different values of the target 'y'.");
    expect(messages).toContain('target y: 1 row without a value will be left out.');
    expect(messages).toContain('column score: 2 non-finite values (such as 1e999 or Infinity) keep it from being numeric.');
    expect(messages).toContain('column w: 1 missing (3.8%, 1 of them written NaN).');
    expect(messages).toContain('column konst: every filled cell has the same value, so it carries no information.');
    // 'user' repeats u0, so it is not identifier-like.
    expect(messages.some((m) => m.includes('identifier'))).toBe(false);
  });

  it('calls a column with a different value in each of at least 20 rows identifier-like', () => {
    const ids = (n: number) => summarize(['id', 'y'], ['text', 'categorical'], Array.from({ length: n }, (_, i) => [`u${i}`, i % 2 ? 'a' : 'b']), 'y');
    expect(ids(20)).toEqual([
      { severity: 'info', column: 'id', message: 'column id: every row has a different value; if it is an identifier, leave it out of the features.' },
    ]);
    expect(ids(19)).toEqual([]);
  });

  it('says nothing about a clean table and one thing about an empty one', () => {
    const rows = Array.from({ length: 10 }, (_, i) => [String(i), i % 2 ? 'a' : 'b']);
    expect(summarize(['x', 'y'], ['numeric', 'categorical'], rows, 'y')).toEqual([]);
    expect(summarize(['x'], ['numeric'], [])).toEqual([{ severity: 'warning', message: 'The table has no rows.' }]);
  });

  it('formats shares', () => {
    expect(formatShare(0.034)).toBe('3.4%');
    expect(formatShare(0.0004)).toBe('<0.1%');
    expect(formatShare(0)).toBe('0.0%');
  });
});
