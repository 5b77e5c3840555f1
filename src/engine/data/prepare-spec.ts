// The user's preprocessing choices (PrepareSpec): task suggestion, defaults and validation against a table.
// Fitting lives in pipeline-fit.ts and encoding in pipeline-encode.ts.

import type { ColumnSummary, ColumnType } from './table-types';
import { DataInputError } from './table-types';
import type { PrepareSpec, SplitFractions, TaskKind } from './prepare-types';
import { validateSplitFractions } from './split';
import { cleanedSchema } from '../clean/cleaning-fit';
import { encodingProblem } from '../clean/encoding-registry';

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

/** Column types that are features by default (text needs an explicit encoding, empty has nothing to learn). */
const DEFAULT_FEATURE_TYPES: readonly ColumnType[] = ['numeric', 'categorical', 'boolean', 'date'];

/**
 * The default spec for a table (version 2): target = last column, task = suggestTask(target), features =
 * every other column whose type is numeric, categorical, boolean or date, split 0.7/0.15/0.15, seed 42,
 * no cleaning steps, default encodings.
 * `summaries[i]` describes `columns[i]`. Throws PrepareSpecError when the table has no columns or the
 * arrays disagree. The result may have no features; fitPipeline then reports 'no-features'.
 */
export function defaultPrepareSpec(columns: string[], summaries: ColumnSummary[]): PrepareSpec {
  checkSummaries(columns, summaries);
  if (columns.length === 0) {
    throw new PrepareSpecError('The table has no columns; import a file with a header row and at least two columns.');
  }
  const targetIndex = defaultTargetIndex(summaries);
  const featureColumns = columns.filter((_, i) => i !== targetIndex && DEFAULT_FEATURE_TYPES.includes(summaries[i].type));
  // Free text becomes token counts, but only when nothing else can be a feature: a text column of
  // names or ids next to real features would add noise, while a text-only table (messages and their
  // labels) has nothing else to learn from.
  const textColumns = featureColumns.length > 0 ? [] : columns.filter((_, i) => i !== targetIndex && summaries[i].type === 'text');
  return {
    version: 2,
    targetColumn: columns[targetIndex],
    task: suggestTask(summaries[targetIndex]),
    featureColumns: [...featureColumns, ...textColumns],
    encodings: textColumns.map((column) => ({ column, encoding: { kind: 'bag-of-tokens' as const } })),
    split: { ...DEFAULT_SPLIT },
    seed: DEFAULT_SEED,
    cleaning: [],
  };
}

/**
 * The last column, unless it is free text and another column could be a class: then the last such
 * column (a `text,label` or `label,text` table predicts the label either way).
 */
function defaultTargetIndex(summaries: ColumnSummary[]): number {
  const last = summaries.length - 1;
  if (summaries[last].type !== 'text') return last;
  for (let i = last - 1; i >= 0; i -= 1) if (summaries[i].type === 'categorical' || summaries[i].type === 'boolean') return i;
  return last;
}

/**
 * The same spec as version 2: a version-1 spec gains `cleaning: []` and `encodings: []` (no cleaning,
 * default encodings); arrays are copied so the result shares nothing with `spec`. Pure.
 */
export function upgradePrepareSpec(spec: PrepareSpec): PrepareSpec {
  return {
    ...spec,
    version: 2,
    featureColumns: [...spec.featureColumns],
    split: { ...spec.split },
    cleaning: structuredClone(spec.cleaning ?? []),
    encodings: structuredClone(spec.encodings ?? []),
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
 * Checks `spec` against the table before fitting: version (1 or 2), task, seed, fractions, cleaning steps
 * (shape, known columns, target untouched; see cleanedSchema), and the feature columns against the
 * table AFTER cleaning (known, listed once, not the target, a usable type; text only with an explicit
 * encoding) and their encodings. Throws PrepareSpecError for a malformed spec (CleaningStepError for a
 * bad step) and DataInputError('no-features') when no feature column is chosen. Pure.
 */
export function validatePrepareSpec(spec: PrepareSpec, columns: string[], summaries: ColumnSummary[]): void {
  checkSummaries(columns, summaries);
  if (spec.version !== 1 && spec.version !== 2) {
    throw new PrepareSpecError(`Unsupported PrepareSpec version ${String(spec.version)}; this build reads versions 1 and 2.`);
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
  const schema = cleanedSchema(columns, summaries.map((s) => s.type), spec.cleaning ?? [], spec.targetColumn);
  const encodings = spec.encodings ?? [];
  const seen = new Set<string>();
  for (const name of spec.featureColumns) {
    const index = schema.columns.indexOf(name);
    if (index < 0) throw new PrepareSpecError(`The feature column '${name}' is not in the table; remove it from the features.`);
    if (seen.has(name)) throw new PrepareSpecError(`The feature column '${name}' is listed twice; list each column once.`);
    seen.add(name);
    if (name === spec.targetColumn) {
      throw new PrepareSpecError(`The target column '${name}' is also listed as a feature; remove it from the features.`);
    }
    const type = schema.types[index];
    const chosen = encodings.find((e) => e.column === name)?.encoding;
    if (type === 'empty' || (type === 'text' && !chosen)) {
      throw new PrepareSpecError(
        `The column '${name}' is of type '${type}' and cannot be a feature (numeric, categorical, boolean and date columns can; ` +
          'a text column needs an encoding such as feature hashing); remove it from the features or choose an encoding.',
      );
    }
    const problem = chosen && encodingProblem(chosen, name, type);
    if (problem) throw new PrepareSpecError(problem);
  }
}
