// Fits a recorded cleaning pipeline: runs the steps in order and learns each step's statistics (fill
// values, outlier bounds, columns to drop) from the TRAIN rows that are still present at that step.
import { isMissingCell } from '../data/missing-cells';
import type { ColumnType } from '../data/table-types';
import { CLEANING_STEPS, CleaningStepError, checkCleaningStep } from './cleaning-registry';
import { applyFittedStep, cellNumber, copyTable, findColumn } from './cleaning-apply';
import type { CleaningStep, CleaningTable, FittedCleaningStep } from './cleaning-types';
import { iqrBounds, meanOf, medianOf, modeOf, zScoreBounds } from './column-stats';

/** Input of fitCleaning: the raw table, which rows are in play and which are training rows. */
export interface CleaningFitInput {
  rows: readonly string[][];
  columns: readonly string[];
  types: readonly ColumnType[];
  /** Raw indices of the rows to clean (e.g. those with a target), ascending. */
  rowIds: ArrayLike<number>;
  /** Per raw row: 1 = training row. Statistics use training rows that are still alive. */
  isTrain: Uint8Array;
  /** Per raw row: 1 = still present; row-removing steps clear entries (IN PLACE). */
  alive: Uint8Array;
  /** A column steps may not change (the target): only row removal may use it. */
  protectedColumn?: string;
}

/** Steps that change a column's cells, name or type; the protected (target) column refuses them. */
const CHANGES_COLUMN = new Set<CleaningStep['kind']>(['impute', 'outliers', 'drop-column', 'rename-column', 'change-type', 'date-parts', 'normalize-text']);

function checkProtected(step: CleaningStep, protectedColumn: string | undefined): void {
  if (protectedColumn === undefined || !('column' in step) || step.column !== protectedColumn) return;
  if (CHANGES_COLUMN.has(step.kind) && !(step.kind === 'outliers' && step.action === 'drop')) {
    throw new CleaningStepError(
      `${CLEANING_STEPS[step.kind].label}: '${protectedColumn}' is the target column, which cleaning may only use to drop rows; ` +
        'remove the step or pick another target.',
    );
  }
}

/** Trimmed non-missing cells of column `c` in the alive training rows. */
function trainCells(table: CleaningTable, c: number, input: CleaningFitInput): string[] {
  const out: string[] = [];
  table.rows.forEach((row, i) => {
    const r = input.rowIds[i];
    if (input.isTrain[r] && input.alive[r] && !isMissingCell(row[c])) out.push(row[c].trim());
  });
  return out;
}

function trainNumbers(table: CleaningTable, c: number, input: CleaningFitInput, step: CleaningStep): number[] {
  if (table.types[c] !== 'numeric') {
    throw new CleaningStepError(
      `${CLEANING_STEPS[step.kind].label}: '${table.columns[c]}' is ${table.types[c]}, not numeric; ` +
        'pick a numeric column (or change its type first).',
    );
  }
  const values = trainCells(table, c, input).map(cellNumber).filter(Number.isFinite);
  if (values.length === 0) {
    throw new CleaningStepError(
      `${CLEANING_STEPS[step.kind].label}: '${table.columns[c]}' has no numbers in the training rows to fit on; remove the step or drop the column.`,
    );
  }
  return values;
}

/** What one step learns from the current table's training rows (nothing for most steps). */
function fitStep(table: CleaningTable, step: CleaningStep, input: CleaningFitInput): FittedCleaningStep {
  const fitted: FittedCleaningStep = { step: structuredClone(step), droppedRows: 0 };
  if (step.kind === 'impute') {
    const c = findColumn(table, step.column, step);
    if (step.strategy === 'constant') fitted.fill = step.constant?.trim() ?? '';
    else if (step.strategy === 'mode') {
      const mode = modeOf(trainCells(table, c, input));
      if (mode === undefined) {
        throw new CleaningStepError(`Fill missing values: '${step.column}' has no values in the training rows; use a constant instead.`);
      }
      fitted.fill = mode;
    } else {
      const values = trainNumbers(table, c, input, step);
      fitted.fill = String(step.strategy === 'mean' ? meanOf(values) : medianOf(values));
    }
  } else if (step.kind === 'outliers') {
    const values = trainNumbers(table, findColumn(table, step.column, step), input, step);
    fitted.bounds = step.rule === 'iqr' ? iqrBounds(values, step.factor) : zScoreBounds(values, step.factor);
  } else if (step.kind === 'drop-missing-columns') {
    let trainCount = 0;
    const missing = table.columns.map(() => 0);
    table.rows.forEach((row, i) => {
      const r = input.rowIds[i];
      if (!input.isTrain[r] || !input.alive[r]) return;
      trainCount++;
      row.forEach((cell, c) => isMissingCell(cell) && missing[c]++);
    });
    fitted.droppedColumns = table.columns.filter(
      (name, c) => name !== input.protectedColumn && trainCount > 0 && missing[c] / trainCount > step.maxMissingShare,
    );
  }
  return fitted;
}

/**
 * Fits `steps` in order on a copy of the rows `input.rowIds`. Each step's statistics come from the rows
 * that are training rows AND still alive after the earlier steps; then the step is applied to every row
 * (all splits), so validation and test rows are transformed with train statistics and may be removed by
 * row filters (with train-fitted bounds). Returns the fitted steps and the cleaned table (rows in rowIds
 * order, including rows removed from `alive`; with no steps the rows are the caller's own arrays, not
 * copies, so do not modify them). Throws CleaningStepError for a malformed step, a missing
 * column, a non-numeric column where a number is needed, or a change to the protected column.
 */
export function fitCleaning(steps: readonly CleaningStep[], input: CleaningFitInput): { fitted: FittedCleaningStep[]; table: CleaningTable } {
  if (steps.length === 0) {
    // Nothing changes the cells: share the caller's rows instead of copying the whole table.
    const rows = Array.from(input.rowIds, (r) => input.rows[r] as string[]);
    return { fitted: [], table: { columns: [...input.columns], types: [...input.types], rows } };
  }
  const table = copyTable(input.rows, input.columns, input.types, input.rowIds);
  const fitted: FittedCleaningStep[] = [];
  for (const step of steps) {
    checkCleaningStep(step);
    checkProtected(step, input.protectedColumn);
    const one = fitStep(table, step, input);
    one.droppedRows = applyFittedStep(table, one, input.rowIds, input.alive);
    fitted.push(one);
  }
  return { fitted, table };
}

/**
 * The columns and types `steps` produce from a table with `columns`/`types`, worked out without rows.
 * 'drop-missing-columns' is taken to drop nothing here (what it drops depends on the training rows).
 * Throws CleaningStepError as fitCleaning does for malformed steps, unknown columns, name clashes and
 * changes to the protected column. Pure.
 */
export function cleanedSchema(
  columns: readonly string[],
  types: readonly ColumnType[],
  steps: readonly CleaningStep[],
  protectedColumn?: string,
): { columns: string[]; types: ColumnType[] } {
  const table: CleaningTable = { columns: [...columns], types: [...types], rows: [] };
  for (const step of steps) {
    checkCleaningStep(step);
    checkProtected(step, protectedColumn);
    // An empty mask (there are no rows) makes row filters check their columns too.
    applyFittedStep(table, { step, droppedRows: 0 }, [], new Uint8Array(0));
  }
  return { columns: table.columns, types: table.types };
}
