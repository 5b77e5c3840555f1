// Applies fitted cleaning steps to a table: value changes (fill, clip, new/renamed/dropped columns) and,
// when a row mask is given, row removal. Used at fit time, when encoding splits, and for prediction.
import { isMissingCell } from '../data/missing-cells';
import type { ColumnType } from '../data/table-types';
import { normalizeText } from '../text/text-normalize';
import { parseDateCell } from './cell-values';
import { CLEANING_STEPS, CleaningStepError } from './cleaning-registry';
import type { CleaningStep, CleaningTable, FittedCleaningStep } from './cleaning-types';

/** Name of the indicator column `missing-indicator` adds for `column`. */
export function indicatorName(column: string): string {
  return `${column}_was_missing`;
}

/** Index of `name` in the table's current columns; throws CleaningStepError naming the step when absent. */
export function findColumn(table: CleaningTable, name: string, step: CleaningStep): number {
  const index = table.columns.indexOf(name);
  if (index < 0) {
    throw new CleaningStepError(
      `${CLEANING_STEPS[step.kind].label}: there is no column '${name}' at this point of the cleaning ` +
        `(columns: ${table.columns.join(', ')}); pick an existing column or remove the step.`,
    );
  }
  return index;
}

/** The number a cell holds (trimmed), NaN when missing or not a finite number. */
export function cellNumber(cell: string | undefined): number {
  if (cell === undefined || isMissingCell(cell)) return NaN;
  const v = Number(cell.trim());
  return Number.isFinite(v) ? v : NaN;
}

function insertColumn(table: CleaningTable, at: number, names: string[], type: ColumnType, cellsOf: (row: string[]) => string[]): void {
  for (const name of names) {
    if (table.columns.includes(name)) {
      throw new CleaningStepError(`A cleaning step would add a column '${name}' but the table already has one; rename that column first.`);
    }
  }
  for (const row of table.rows) row.splice(at, 0, ...cellsOf(row));
  table.columns.splice(at, 0, ...names);
  table.types.splice(at, 0, ...names.map(() => type));
}

function removeColumn(table: CleaningTable, index: number): void {
  for (const row of table.rows) row.splice(index, 1);
  table.columns.splice(index, 1);
  table.types.splice(index, 1);
}

/** A row's cells joined unambiguously (length-prefixed), as the key for exact-duplicate detection. */
function rowKey(row: string[]): string {
  return row.map((c) => `${c.trim().length}:${c.trim()}`).join('|');
}

/** True for steps that only remove rows (and change no cell, column or type). */
export function removesRows(step: CleaningStep): boolean {
  return step.kind === 'drop-missing-rows' || step.kind === 'drop-duplicates' || step.kind === 'drop-rows' ||
    (step.kind === 'outliers' && step.action === 'drop');
}

/**
 * Applies one fitted step to `table` IN PLACE (its rows, columns and types arrays are changed).
 * `rowIds[i]` is the raw row index of `table.rows[i]` (for drop-rows). When `alive` (indexed by raw row)
 * is given, row-removing steps clear the entries of the rows they remove (rows already cleared are
 * ignored, e.g. for duplicates) and the count of newly removed rows is returned; without it those steps
 * change nothing (prediction keeps every row) and 0 is returned.
 */
export function applyFittedStep(table: CleaningTable, fitted: FittedCleaningStep, rowIds: ArrayLike<number>, alive?: Uint8Array): number {
  const step = fitted.step;
  // Without a mask there is nothing to remove: skip before looking up columns, so prediction rows
  // need not carry columns that only row filters read (e.g. the target).
  if (!alive && removesRows(step)) return 0;
  let removed = 0;
  const drop = (i: number) => {
    if (alive && alive[rowIds[i]]) {
      alive[rowIds[i]] = 0;
      removed++;
    }
  };
  switch (step.kind) {
    case 'drop-missing-rows': {
      const cols = step.columns.map((c) => findColumn(table, c, step));
      if (alive) table.rows.forEach((row, i) => cols.some((c) => isMissingCell(row[c])) && drop(i));
      break;
    }
    case 'drop-missing-columns':
      for (const name of fitted.droppedColumns ?? []) removeColumn(table, findColumn(table, name, step));
      break;
    case 'impute': {
      const c = findColumn(table, step.column, step);
      const fill = fitted.fill ?? '';
      for (const row of table.rows) if (isMissingCell(row[c])) row[c] = fill;
      break;
    }
    case 'missing-indicator': {
      const c = findColumn(table, step.column, step);
      insertColumn(table, c + 1, [indicatorName(step.column)], 'boolean', (row) => [isMissingCell(row[c]) ? '1' : '0']);
      break;
    }
    case 'outliers': {
      const c = findColumn(table, step.column, step);
      const { low, high } = fitted.bounds ?? { low: -Infinity, high: Infinity };
      table.rows.forEach((row, i) => {
        const v = cellNumber(row[c]);
        if (!(v < low || v > high)) return; // in bounds, missing or not a number: kept as it is
        if (step.action === 'drop') drop(i);
        else row[c] = String(v < low ? low : high);
      });
      break;
    }
    case 'drop-duplicates': {
      if (!alive) break;
      const seen = new Set<string>();
      table.rows.forEach((row, i) => {
        if (!alive[rowIds[i]]) return;
        const key = rowKey(row);
        if (seen.has(key)) drop(i);
        else seen.add(key);
      });
      break;
    }
    case 'drop-rows': {
      const chosen = new Set(step.rows);
      for (let i = 0; i < table.rows.length; i++) if (chosen.has(rowIds[i])) drop(i);
      break;
    }
    case 'drop-column':
      removeColumn(table, findColumn(table, step.column, step));
      break;
    case 'rename-column': {
      const c = findColumn(table, step.column, step);
      if (step.to !== step.column && table.columns.includes(step.to)) {
        throw new CleaningStepError(`Rename column: the table already has a column '${step.to}'; choose another name.`);
      }
      table.columns[c] = step.to;
      break;
    }
    case 'change-type':
      table.types[findColumn(table, step.column, step)] = step.to;
      break;
    case 'date-parts': {
      const c = findColumn(table, step.column, step);
      const names = step.parts.map((p) => `${step.column}.${p}`);
      insertColumn(table, c + 1, names, 'numeric', (row) => {
        const parts = parseDateCell(row[c]);
        return step.parts.map((p) => (parts ? String(parts[p]) : ''));
      });
      removeColumn(table, c);
      break;
    }
    case 'normalize-text': {
      const c = findColumn(table, step.column, step);
      for (const row of table.rows) row[c] = normalizeText(row[c] ?? '', step.normalization);
      break;
    }
  }
  return removed;
}

/**
 * A working copy of `rows` (only those whose raw index is in `rowIds`, each padded to `columns.length`
 * with '') that the steps may change without touching the caller's arrays.
 */
export function copyTable(rows: readonly string[][], columns: readonly string[], types: readonly ColumnType[], rowIds: ArrayLike<number>): CleaningTable {
  const copied: string[][] = new Array(rowIds.length);
  for (let i = 0; i < rowIds.length; i++) {
    const row = rows[rowIds[i]];
    copied[i] = Array.from({ length: columns.length }, (_, j) => row[j] ?? '');
  }
  return { columns: [...columns], types: [...types], rows: copied };
}

/**
 * Applies fitted steps in order to the rows `rowIds` of a raw table and returns the cleaned copy.
 * Row-removing steps are skipped (pass `alive` to apply them to that mask instead). Types of the raw
 * columns are unknown here and given as 'categorical'; only the cleaned column names and cells matter
 * to the encoders. Pure apart from `alive` (with no steps the rows are the caller's arrays, not copies).
 */
export function applyCleaning(
  fitted: readonly FittedCleaningStep[],
  rows: readonly string[][],
  columns: readonly string[],
  rowIds: ArrayLike<number>,
  alive?: Uint8Array,
): CleaningTable {
  const types = columns.map((): ColumnType => 'categorical');
  if (fitted.length === 0) return { columns: [...columns], types, rows: Array.from(rowIds, (r) => rows[r] as string[]) };
  const table = copyTable(rows, columns, types, rowIds);
  for (const step of fitted) applyFittedStep(table, step, rowIds, alive);
  return table;
}
