// Fits the tabular preprocessing pipeline: drops rows without a target, assigns splits, and fits the
// feature encoders and target scale on the TRAIN rows only (so validation/test never leak into training).

import type { ColumnSummary } from './table-types';
import { DataInputError } from './table-types';
import type { FeatureEncoder, FittedPipeline, PrepareSpec } from './prepare-types';
import { isMissingCell } from './missing-cells';
import { validatePrepareSpec } from './prepare-spec';
import { SPLIT_DROPPED, SPLIT_TEST, SPLIT_TRAIN, SPLIT_VALIDATION, assignSplits } from './split';
import { cellToNumber } from './pipeline-encode';

/** Code-unit order (locale-independent, so every platform sorts the same). */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Class order: numerically when every label is a number ('2' before '10'), else by code units.
 * Equal numbers with different spellings ('1', '1.0') fall back to string order so the order is total.
 */
function sortClasses(labels: string[]): string[] {
  const allNumeric = labels.every((l) => Number.isFinite(Number(l)));
  return [...labels].sort((a, b) => (allNumeric ? Number(a) - Number(b) : 0) || compareStrings(a, b));
}

/** Mean and population std of finite values; std 0 (or no values) is stored as 1, no values give mean 0. */
function meanStd(values: number[]): { mean: number; std: number } {
  if (values.length === 0) return { mean: 0, std: 1 };
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / values.length;
  // Two passes: subtracting the mean first avoids the cancellation of sum(x^2) - n*mean^2.
  let sq = 0;
  for (const v of values) sq += (v - mean) * (v - mean);
  const std = Math.sqrt(sq / values.length);
  return { mean, std: std > 0 && Number.isFinite(std) ? std : 1 };
}

function fitEncoder(rows: string[][], trainRows: number[], column: string, col: number, summary: ColumnSummary): FeatureEncoder {
  if (summary.type === 'numeric') {
    const values: number[] = [];
    for (const r of trainRows) {
      const v = cellToNumber(rows[r][col]);
      if (Number.isFinite(v)) values.push(v);
    }
    return { kind: 'standardize', column, ...meanStd(values) };
  }
  const seen = new Set<string>();
  for (const r of trainRows) {
    const cell = rows[r][col];
    if (cell !== undefined && !isMissingCell(cell)) seen.add(cell.trim());
  }
  return { kind: 'one-hot', column, categories: [...seen].sort(compareStrings) };
}

/**
 * Fits the pipeline for `spec` on a table. `rows[i][j]` is the raw string of column `columns[j]`;
 * `summaries[j]` describes `columns[j]`. Rows whose target is missing (or, for regression, not a finite
 * number) get assignment 255 and are counted in `droppedMissingTarget`; the others get 0/1/2
 * (train/validation/test), stratified by class for classification. Encoders (standardize for numeric
 * columns, one-hot over the sorted train categories for categorical ones) and the regression target
 * scale use train rows only. Throws DataInputError ('single-class', 'bad-target', 'no-features') for data
 * problems and PrepareSpecError for a spec that does not fit the table. Pure: `rows` is not modified.
 */
export function fitPipeline(
  rows: string[][],
  columns: string[],
  summaries: ColumnSummary[],
  spec: PrepareSpec,
): { pipeline: FittedPipeline; assignment: Uint8Array } {
  validatePrepareSpec(spec, columns, summaries);
  const target = spec.targetColumn;
  const targetCol = columns.indexOf(target);
  const classification = spec.task === 'classification';
  if (!classification && summaries[targetCol].type !== 'numeric') {
    throw new DataInputError(
      'bad-target',
      `The target column '${target}' is ${summaries[targetCol].type}, not numeric, so it cannot be predicted by regression; ` +
        'choose classification or pick a numeric target column.',
    );
  }

  // Usable rows and their targets (trimmed label or parsed number).
  const usable: number[] = [];
  const labels: string[] = [];
  const values: number[] = [];
  for (let r = 0; r < rows.length; r++) {
    const cell = rows[r][targetCol];
    if (cell === undefined || isMissingCell(cell)) continue;
    if (classification) {
      labels.push(cell.trim());
    } else {
      const v = cellToNumber(cell);
      if (!Number.isFinite(v)) continue;
      values.push(v);
    }
    usable.push(r);
  }
  if (usable.length === 0) {
    throw new DataInputError(
      'bad-target',
      `The target column '${target}' has no usable values (every one of the ${rows.length} rows is missing` +
        `${classification ? '' : ' or not a number'}); pick another target column.`,
    );
  }

  let classes: string[] | undefined;
  if (classification) {
    classes = sortClasses([...new Set(labels)]);
    if (classes.length < 2) {
      throw new DataInputError(
        'single-class',
        `The target column '${target}' has only one value ('${classes[0]}') in the ${usable.length} rows that have a target; ` +
          'a classifier needs at least two classes; pick another target column.',
      );
    }
  }

  const assignment = new Uint8Array(rows.length).fill(SPLIT_DROPPED);
  const usableSplit = assignSplits(classification ? labels : values, spec.split, spec.seed, classification);
  const counts = { train: 0, validation: 0, test: 0 };
  const trainRows: number[] = [];
  const trainTargets: number[] = [];
  usable.forEach((r, i) => {
    const s = usableSplit[i];
    assignment[r] = s;
    if (s === SPLIT_TRAIN) {
      counts.train++;
      trainRows.push(r);
      if (!classification) trainTargets.push(values[i]);
    } else if (s === SPLIT_VALIDATION) counts.validation++;
    else if (s === SPLIT_TEST) counts.test++;
  });

  const encoders: FeatureEncoder[] = [];
  const featureNames: string[] = [];
  for (const column of spec.featureColumns) {
    const col = columns.indexOf(column);
    const encoder = fitEncoder(rows, trainRows, column, col, summaries[col]);
    encoders.push(encoder);
    if (encoder.kind === 'standardize') featureNames.push(column);
    else for (const c of encoder.categories) featureNames.push(`${column}=${c}`);
  }

  if (featureNames.length === 0) {
    throw new DataInputError(
      'no-features',
      `The selected feature columns (${spec.featureColumns.join(', ')}) have no values in the training rows; ` +
        'select feature columns that have data.',
    );
  }

  const pipeline: FittedPipeline = {
    version: 1,
    // Copy so later edits to the caller's spec cannot change the fitted pipeline.
    spec: { ...spec, featureColumns: [...spec.featureColumns], split: { ...spec.split } },
    encoders,
    featureNames,
    droppedMissingTarget: rows.length - usable.length,
    counts,
  };
  if (classes) pipeline.classes = classes;
  else pipeline.targetScale = meanStd(trainTargets);
  return { pipeline, assignment };
}
