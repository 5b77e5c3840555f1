// Encodes table rows with a FittedPipeline into row-major Float32 arrays: one split for training, or
// every row for prediction. The fitted cleaning runs first, then the encoders.
// Columns are found by name with `columns.indexOf` (never as object keys, so `__proto__` is a safe name).

import type { EncodedSplit, FittedPipeline } from './prepare-types';
import { isMissingCell } from './missing-cells';
import { applyCleaning } from '../clean/cleaning-apply';
import { encoderWidth, encoderWriter, type CellWriter } from '../clean/encoder-apply';
import type { CleaningTable } from '../clean/cleaning-types';

export { encoderWidth } from '../clean/encoder-apply';

/** Parses a cell as a number: NaN when missing or not numeric (`Infinity` parses but callers check finiteness). */
export function cellToNumber(cell: string | undefined): number {
  if (cell === undefined || isMissingCell(cell)) return NaN;
  return Number(cell.trim());
}

/** Index of `name` in `columns`; throws a clear Error when absent. */
export function requireColumn(columns: string[], name: string, role: string): number {
  const index = columns.indexOf(name);
  if (index < 0) {
    throw new Error(`The ${role} column '${name}' is not in the table being encoded; encode a table with the columns the pipeline was fitted on.`);
  }
  return index;
}

/** Writes every encoder's outputs for one cleaned row into `out` at `base`. */
type RowWriter = (row: string[], out: Float32Array, base: number) => void;

/** Binds the pipeline's encoders to the cleaned table's columns; checks the widths add up. */
function bindEncoders(pipeline: FittedPipeline, columns: string[]): RowWriter {
  const bound: { col: number; offset: number; write: CellWriter }[] = [];
  let offset = 0;
  for (const encoder of pipeline.encoders) {
    bound.push({ col: requireColumn(columns, encoder.column, 'feature'), offset, write: encoderWriter(encoder) });
    offset += encoderWidth(encoder);
  }
  const featureCount = pipeline.featureNames.length;
  if (offset !== featureCount) {
    throw new Error(`The pipeline's encoders produce ${offset} outputs but it names ${featureCount} features; refit the pipeline.`);
  }
  return (row, out, base) => {
    for (const b of bound) b.write(row[b.col], out, base + b.offset);
  };
}

/** The cleaned rows `rowIds` of a raw table (fitted cleaning without row removal; none for version 1). */
function cleanRows(pipeline: FittedPipeline, rows: string[][], columns: string[], rowIds: number[]): CleaningTable {
  return applyCleaning(pipeline.cleaning ?? [], rows, columns, rowIds);
}

/** Encodes the features of a cleaned table into a new row-major Float32Array [rows, featureCount]. */
function encodeTable(pipeline: FittedPipeline, table: CleaningTable): Float32Array {
  const write = bindEncoders(pipeline, table.columns);
  const featureCount = pipeline.featureNames.length;
  const x = new Float32Array(table.rows.length * featureCount);
  table.rows.forEach((row, i) => write(row, x, i * featureCount));
  return x;
}

/**
 * Encodes the rows whose `assignment` equals `split` (0 train, 1 validation, 2 test), in row order.
 * `rows` are raw string cells in the order of `columns` (need not be the fit-time order); the fitted
 * cleaning is applied to them first (rows that cleaning removed carry 255 in the assignment fitPipeline
 * returns, so they are not selected). The target is read from the RAW rows.
 * x: row-major Float32Array [n, featureCount]; y: class index (classification) or standardized target
 * (regression). Throws when the lengths disagree, a column is absent, or a selected row's target is
 * missing or unknown (i.e. `assignment` does not come from fitting these rows). Pure: allocates new arrays.
 */
export function encodeRows(
  pipeline: FittedPipeline,
  rows: string[][],
  columns: string[],
  assignment: Uint8Array,
  split: 0 | 1 | 2,
): EncodedSplit {
  if (assignment.length !== rows.length) {
    throw new Error(`The assignment has ${assignment.length} entries for ${rows.length} rows; pass the assignment fitPipeline returned for these rows.`);
  }
  if (split !== 0 && split !== 1 && split !== 2) {
    throw new Error(`Unknown split ${String(split)}; use 0 (train), 1 (validation) or 2 (test).`);
  }
  const targetName = pipeline.spec.targetColumn;
  const targetCol = requireColumn(columns, targetName, 'target');
  const classIndex = pipeline.classes ? new Map<string, number>(pipeline.classes.map((c, i) => [c, i])) : undefined;
  const scale = pipeline.targetScale;
  if (!classIndex && !scale) throw new Error('The pipeline has neither classes nor a target scale; refit it with fitPipeline.');

  const rowIds: number[] = [];
  for (let r = 0; r < assignment.length; r++) if (assignment[r] === split) rowIds.push(r);
  const featureCount = pipeline.featureNames.length;
  const x = encodeTable(pipeline, cleanRows(pipeline, rows, columns, rowIds));
  const y = new Float32Array(rowIds.length);
  rowIds.forEach((r, i) => {
    const cell = rows[r][targetCol];
    if (classIndex) {
      const k = cell === undefined || isMissingCell(cell) ? undefined : classIndex.get(cell.trim());
      if (k === undefined) {
        throw new Error(`Row index ${r} has target '${cell ?? ''}' in column '${targetName}', which is not a fitted class; pass the rows and assignment used in fitPipeline.`);
      }
      y[i] = k;
    } else if (scale) {
      const v = cellToNumber(cell);
      if (!Number.isFinite(v)) {
        throw new Error(`Row index ${r} has no numeric target in column '${targetName}'; pass the rows and assignment used in fitPipeline.`);
      }
      y[i] = (v - scale.mean) / scale.std;
    }
  });
  return { x, y, n: rowIds.length, featureCount };
}

/**
 * Encodes the features of EVERY row for prediction: the fitted cleaning without its row-removing steps
 * (a prediction is made for each row given), then the encoders. The target column need not be present.
 * Returns x as row-major [n, featureCount]. Throws when a column the pipeline needs is absent. Pure.
 */
export function encodeFeatures(pipeline: FittedPipeline, rows: string[][], columns: string[]): { x: Float32Array; n: number; featureCount: number } {
  const rowIds = Array.from({ length: rows.length }, (_, i) => i);
  const x = encodeTable(pipeline, cleanRows(pipeline, rows, columns, rowIds));
  return { x, n: rows.length, featureCount: pipeline.featureNames.length };
}
