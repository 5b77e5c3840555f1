// Tests for the history CSV exports: exact lines for known runs, empty cells for missing values,
// formula defusing and quoting of user text, and the export file name.
import { describe, expect, it } from 'vitest';
import { buildCurvesCsv, buildMetricsCsv, CURVES_CSV_COLUMNS, exportFileName, METRICS_CSV_COLUMNS } from '../../../src/engine/history/history-csv';
import { epochs, makeRun } from './history-fixtures';

const run = makeRun('a', {
  name: '=HYPERLINK("x")',
  note: 'lr 0.1, "fast"',
  createdAt: Date.UTC(2024, 0, 2, 3, 4, 5),
  history: epochs([0.5, 0.25], [0.75, 0.5], [0.5, 0.75]),
  evaluation: { task: 'classification', testCount: 4, accuracy: 0.75 },
});

describe('buildMetricsCsv', () => {
  it('writes one defused, quoted line per run with empty cells for missing values', () => {
    const lines = buildMetricsCsv([run, makeRun('b', { status: 'failed' })]).split('\r\n');
    expect(lines[0]).toBe(METRICS_CSV_COLUMNS.join(','));
    expect(lines[1]).toBe(
      'a,"\'=HYPERLINK(""x"")","lr 0.1, ""fast""",penguins.csv,completed,2024-01-02T03:04:05.000Z,mlp,adam,0.01,16,7,' +
      '2,0.5,0.25,0.25,2,0.76,0.75,0.75,,,0.2',
    );
    expect(lines[2]).toBe('b,run b,,penguins.csv,failed,2023-11-14T22:13:20.000Z,mlp,adam,0.01,16,7,0,,,,,,,,,,0');
    expect(lines[3]).toBe('');
    expect(lines).toHaveLength(4);
  });
});

describe('buildCurvesCsv', () => {
  it('writes one line per run and epoch in long form', () => {
    const regression = makeRun('r', { name: 'reg', history: epochs([Number.NaN]) });
    expect(buildCurvesCsv([run, regression])).toBe([
      CURVES_CSV_COLUMNS.join(','),
      'a,"\'=HYPERLINK(""x"")",1,0.75,0.5,0.51,0.5,10,100',
      'a,"\'=HYPERLINK(""x"")",2,0.5,0.25,0.76,0.75,20,100',
      'r,reg,1,,,,,10,100',
      '',
    ].join('\r\n'));
    expect(buildCurvesCsv([])).toBe(`${CURVES_CSV_COLUMNS.join(',')}\r\n`);
  });
});

describe('exportFileName', () => {
  it('uses the UTC date and never user text', () => {
    expect(exportFileName('metrics', Date.UTC(2025, 11, 31, 23, 59))).toBe('webtrain-runs-metrics-2025-12-31.csv');
    expect(exportFileName('curves', 0)).toBe('webtrain-runs-curves-1970-01-01.csv');
  });
});
