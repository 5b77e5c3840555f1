// The user's preprocessing choices (PrepareSpec): task suggestion, defaults and validation against a table.
// Fitting lives in pipeline-fit.ts and encoding in pipeline-encode.ts.

import type { ColumnSummary } from './table-types';
import { DataInputError } from './table-types';
import type { PrepareSpec, SplitFractions, TaskKind } from './prepare-types';
import { validateSplitFractions } from './split';

/** Default split: 70 % train, 15 % validation, 15 % test. */
export const DEFAULT_SPLIT: Readonly<SplitFractions> = { train: 0.7, validation: 0.15, test: 0.15 };
/** Default seed of the split (and of anything else the spec seeds). */
export const DEFAULT_SEED = 42;
/** A numeric target with more distinct values than this is treated as regression. */
export const MAX_CLASSES_FOR_NUMERIC_TARGET = 20;

/**
 * A spec that does not fit the table or is malformed (unknown column, duplicate or text feature,
 * target used as a feature, bad fractions). These are programming or UI errors rather than data problems;
 * the message says which field to change.
 */
export class PrepareSpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PrepareSpecError';
  }
}

/**
 * Suggests how to predict a column: numeric with more than 20 distinct values (or a capped distinct count),
 * or numeric with a non-integer min/max (the only non-integers a summary can reveal) -> 'regression';
 * anything else (categorical, text, numeric codes such as 0/1 or 1..5) -> 'classification'. Pure.
 */
export function suggestTask(summary: ColumnSummary): TaskKind {
  if (summary.type !== 'numeric') return 'classification';
  if (summary.distinctCapped || summary.distinct > MAX_CLASSES_FOR_NUMERIC_TARGET) return 'regression';
  const nonInteger = (v: number | undefined) => v !== undefined && Number.isFinite(v) && !Number.isInteger(v);
  return nonInteger(summary.min) || nonInteger(summary.max) ? 'regression' : 'classification';
}

/**
 * The default spec for a table: target = last column, task = suggestTask(target), features = every other
 * column whose type is numeric or categorical, split 0.7/0.15/0.15, seed 42.
 * `summaries[i]` describes `columns[i]`. Throws PrepareSpecError when the table has no columns or the
 * arrays disagree. The result may have no features; fitPipeline then reports 'no-features'.
 */
export function defaultPrepareSpec(columns: string[], summaries: ColumnSummary[]): PrepareSpec {
  checkSummaries(columns, summaries);
  if (columns.length === 0) {
    throw new PrepareSpecError('The table has no columns; import a file with a header row and at least two columns.');
  }
  const targetIndex = columns.length - 1;
  const featureColumns = columns.filter(
    (_, i) => i !== targetIndex && (summaries[i].type === 'numeric' || summaries[i].type === 'categorical'),
  );
  return {
    version: 1,
    targetColumn: columns[targetIndex],
    task: suggestTask(summaries[targetIndex]),
    featureColumns,
    split: { ...DEFAULT_SPLIT },
    seed: DEFAULT_SEED,
  };
}

/** Throws PrepareSpecError unless there is exactly one summary per column, in column order. */
export function checkSummaries(columns: string[], summaries: ColumnSummary[]): void {
  if (summaries.length !== columns.length) {
    throw new PrepareSpecError(
      `Got ${summaries.length} column summaries for ${columns.length} columns; pass one summary per column, in column order.`,
    );
  }
  for (let i = 0; i < columns.length; i++) {
    if (summaries[i].name !== columns[i]) {
      throw new PrepareSpecError(
        `Column summary ${i} is for '${summaries[i].name}' but column ${i} is '${columns[i]}'; pass the summaries in column order.`,
      );
    }
  }
}

/**
 * Checks `spec` against the table before fitting. Throws PrepareSpecError for a malformed spec
 * (version, task, seed, fractions, unknown/duplicate/text/empty feature columns, target among the features)
 * and DataInputError('no-features') when no feature column is chosen. Pure.
 */
export function validatePrepareSpec(spec: PrepareSpec, columns: string[], summaries: ColumnSummary[]): void {
  checkSummaries(columns, summaries);
  if (spec.version !== 1) {
    throw new PrepareSpecError(`Unsupported PrepareSpec version ${String(spec.version)}; this build reads version 1.`);
  }
  if (spec.task !== 'classification' && spec.task !== 'regression') {
    throw new PrepareSpecError(`Unknown task '${String(spec.task)}'; use 'classification' or 'regression'.`);
  }
  if (typeof spec.seed !== 'number' || !Number.isFinite(spec.seed)) {
    throw new PrepareSpecError(`The split seed must be a finite number, got ${String(spec.seed)}; use e.g. 42.`);
  }
  try {
    validateSplitFractions(spec.split);
  } catch (err) {
    throw new PrepareSpecError((err as Error).message);
  }
  if (!columns.includes(spec.targetColumn)) {
    throw new PrepareSpecError(`The target column '${spec.targetColumn}' is not in the table; pick one of its columns.`);
  }
  if (spec.featureColumns.length === 0) {
    throw new DataInputError(
      'no-features',
      `No feature columns are selected for target '${spec.targetColumn}'; the model needs at least one numeric or ` +
        'categorical column other than the target to learn from. Select feature columns or pick another target.',
    );
  }
  const seen = new Set<string>();
  for (const name of spec.featureColumns) {
    const index = columns.indexOf(name);
    if (index < 0) throw new PrepareSpecError(`The feature column '${name}' is not in the table; remove it from the features.`);
    if (seen.has(name)) throw new PrepareSpecError(`The feature column '${name}' is listed twice; list each column once.`);
    seen.add(name);
    if (name === spec.targetColumn) {
      throw new PrepareSpecError(`The target column '${name}' is also listed as a feature; remove it from the features.`);
    }
    const type = summaries[index].type;
    if (type !== 'numeric' && type !== 'categorical') {
      throw new PrepareSpecError(
        `The column '${name}' is of type '${type}' and cannot be a feature (only numeric and categorical columns can); ` +
          'remove it from the features.',
      );
    }
  }
}
