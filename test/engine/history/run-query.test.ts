// Tests for sorting and filtering run summaries: each column both ways, missing values last, tie order, filters.
import { describe, expect, it } from 'vitest';
import { defaultDescending, filterRuns, queryRuns, runDatasets, sortRuns, type RunSortKey } from '../../../src/engine/history/run-query';
import { summarizeRun } from '../../../src/engine/history/run-summary';
import { epochs, makeRun } from './history-fixtures';

const T = 1_700_000_000_000;
const rows = [
  makeRun('a', { name: 'Baseline', createdAt: T + 1, status: 'completed', history: epochs([0.5], undefined, [0.8]) }),
  makeRun('b', { name: 'adam fast', createdAt: T + 3, status: 'stopped', history: epochs([0.3], undefined, [0.9]), note: 'LR 0.1 overshoots' }),
  makeRun('c', { name: 'Cnn try', createdAt: T + 2, status: 'failed', datasetId: 'd-iris', datasetName: 'iris.csv', history: [] }),
  makeRun('d', { name: 'regress', createdAt: T + 4, status: 'running', datasetId: 'd-iris', datasetName: 'iris.csv', history: epochs([0.7]) }),
].map(summarizeRun);

const ids = (list: { id: string }[]) => list.map((r) => r.id).join('');

describe('sortRuns', () => {
  const cases: [RunSortKey, boolean, string][] = [
    ['date', true, 'dbca'],
    ['date', false, 'acbd'],
    ['name', false, 'bacd'], // case-insensitive: adam, Baseline, Cnn, regress
    ['name', true, 'dcab'],
    ['dataset', false, 'dcba'], // iris (newest first within), then penguins (newest first within)
    ['valLoss', false, 'badc'], // c has no loss: last
    ['valLoss', true, 'dabc'], // still last when descending
    ['valAccuracy', true, 'badc'], // d and c have no accuracy: last, newest first
    ['status', false, 'dbca'], // running, stopped, failed, completed
  ];
  it.each(cases)('by %s (descending %s)', (key, descending, expected) => {
    expect(ids(sortRuns(rows, key, descending))).toBe(expected);
  });

  it('uses the column default direction and leaves the input alone', () => {
    expect(defaultDescending('date')).toBe(true);
    expect(defaultDescending('valLoss')).toBe(false);
    expect(ids(sortRuns(rows, 'valAccuracy'))).toBe('badc');
    expect(ids(rows)).toBe('abcd');
  });

  it('breaks ties by date then id', () => {
    const same = [makeRun('y', { createdAt: 5 }), makeRun('x', { createdAt: 5 }), makeRun('z', { createdAt: 6 })].map(summarizeRun);
    expect(ids(sortRuns(same, 'dataset', false))).toBe('zxy');
  });
});

describe('filterRuns', () => {
  it('matches every word case-insensitively in name, note, dataset or model', () => {
    expect(ids(filterRuns(rows, { text: 'ADAM' }))).toBe('b');
    expect(ids(filterRuns(rows, { text: 'overshoots' }))).toBe('b');
    expect(ids(filterRuns(rows, { text: '  iris   re ' }))).toBe('d');
    expect(ids(filterRuns(rows, { text: 'mlp' }))).toBe('abcd');
    expect(ids(filterRuns(rows, { text: 'nothing-like-this' }))).toBe('');
    expect(ids(filterRuns(rows, { text: '' }))).toBe('abcd');
  });

  it('filters by dataset and status, combined with text', () => {
    expect(ids(filterRuns(rows, { datasetId: 'd-iris' }))).toBe('cd');
    expect(ids(filterRuns(rows, { status: 'failed' }))).toBe('c');
    expect(ids(filterRuns(rows, { datasetId: 'd-pen', status: 'failed' }))).toBe('');
    expect(ids(filterRuns(rows, { datasetId: 'd-pen', text: 'base', status: '' }))).toBe('a');
  });

  it('queryRuns filters then sorts', () => {
    expect(ids(queryRuns(rows, { sort: 'name', descending: false, datasetId: 'd-iris' }))).toBe('cd');
    expect(ids(queryRuns(rows, { sort: 'valLoss', status: '' }))).toBe('badc'); // default: lowest loss first
  });
});

describe('runDatasets', () => {
  it('lists datasets with runs by name with counts', () => {
    expect(runDatasets(rows)).toEqual([
      { id: 'd-iris', name: 'iris.csv', runs: 2 },
      { id: 'd-pen', name: 'penguins.csv', runs: 2 },
    ]);
    expect(runDatasets([])).toEqual([]);
  });
});
