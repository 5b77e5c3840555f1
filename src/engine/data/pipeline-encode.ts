// Encodes table rows with a FittedPipeline into row-major Float32 arrays for one split.
// Columns are found by name with `columns.indexOf` (never as object keys, so `__proto__` is a safe name).

import type { EncodedSplit, FeatureEncoder, FittedPipeline } from './prepare-types';
import { isMissingCell } from './missing-cells';

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

/** Output width of one encoder. */
export function encoderWidth(encoder: FeatureEncoder): number {
  return encoder.kind === 'standardize' ? 1 : encoder.categories.length;
}

/** An encoder bound to a column index, writing its outputs at `offset` of a feature row. */
interface BoundEncoder {
  write: (row: string[], out: Float32Array, base: number) => void;
}

function bindEncoder(encoder: FeatureEncoder, columns: string[], offset: number): BoundEncoder {
  const col = requireColumn(columns, encoder.column, 'feature');
  if (encoder.kind === 'standardize') {
    const { mean, std } = encoder;
    return {
      write: (row, out, base) => {
        const v = cellToNumber(row[col]);
        // Missing or non-finite -> 0, which is the training mean after standardization.
        out[base + offset] = Number.isFinite(v) ? (v - mean) / std : 0;
      },
    };
  }
  const position = new Map<string, number>(encoder.categories.map((c, i) => [c, i]));
  return {
    write: (row, out, base) => {
      const cell = row[col];
      if (cell === undefined || isMissingCell(cell)) return; // all zeros
      const i = position.get(cell.trim());
      if (i !== undefined) out[base + offset + i] = 1; // unseen category -> all zeros
    },
  };
}

/**
 * Encodes the rows whose `assignment` equals `split` (0 train, 1 validation, 2 test), in row order.
 * `rows` are raw string cells in the order of `columns` (need not be the fit-time order).
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
  const featureCount = pipeline.featureNames.length;
  const bound: BoundEncoder[] = [];
  let offset = 0;
  for (const encoder of pipeline.encoders) {
    bound.push(bindEncoder(encoder, columns, offset));
    offset += encoderWidth(encoder);
  }
  if (offset !== featureCount) {
    throw new Error(`The pipeline's encoders produce ${offset} outputs but it names ${featureCount} features; refit the pipeline.`);
  }
  const targetName = pipeline.spec.targetColumn;
  const targetCol = requireColumn(columns, targetName, 'target');
  const classIndex = pipeline.classes ? new Map<string, number>(pipeline.classes.map((c, i) => [c, i])) : undefined;
  const scale = pipeline.targetScale;
  if (!classIndex && !scale) throw new Error('The pipeline has neither classes nor a target scale; refit it with fitPipeline.');

  let n = 0;
  for (let r = 0; r < assignment.length; r++) if (assignment[r] === split) n++;
  const x = new Float32Array(n * featureCount);
  const y = new Float32Array(n);
  let i = 0;
  for (let r = 0; r < rows.length; r++) {
    if (assignment[r] !== split) continue;
    const row = rows[r];
    for (const b of bound) b.write(row, x, i * featureCount);
    const cell = row[targetCol];
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
    i++;
  }
  return { x, y, n, featureCount };
}
