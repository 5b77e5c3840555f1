// The table's columns as the recorded cleaning steps leave them (worked out from names and types, no rows),
// and the next PrepareSpec when the steps change: features and encodings follow the new columns.
import type { ColumnType } from '../engine/data/table-types';
import type { CleaningStep, FittedCleaningStep, FittedPipeline, PrepareSpec } from '../engine/data/prepare-types';
import type { DatasetRecord } from '../engine/storage/records';

/** One column of a table: its name and type. */
export interface SchemaColumn {
  name: string;
  type: ColumnType;
}

/** Which encoding kinds read which column types (the `accepts` of the encodings registry). */
export type EncodingAccepts = Readonly<Record<string, { readonly accepts: readonly ColumnType[] }>>;

/** Column types that become features by default (mirrors the engine's defaultPrepareSpec: text needs an encoding). */
export const DEFAULT_FEATURE_TYPES: readonly ColumnType[] = ['numeric', 'categorical', 'boolean', 'date'];

/** The imported table's columns with their profiled types ([] before the import finished). */
export function rawSchema(dataset: Pick<DatasetRecord, 'layout' | 'summaries'>): SchemaColumn[] {
  const columns = dataset.layout?.columns ?? [];
  return columns.map((name, i) => ({ name, type: dataset.summaries?.[i]?.type ?? 'empty' }));
}

/**
 * The columns after `steps`, in table order, as the engine's cleanedSchema computes them: a missing
 * indicator `<c>_was_missing` (boolean) right after `c`; date parts `<c>.<part>` (numeric) in place of
 * `c`; renames, drops and type changes. 'drop-missing-columns' drops nothing here (what it drops depends
 * on the training rows). A step naming an absent column changes nothing (the engine reports it). Pure.
 */
export function cleanedColumns(raw: readonly SchemaColumn[], steps: readonly CleaningStep[]): SchemaColumn[] {
  const table = raw.map((c) => ({ ...c }));
  const has = (name: string) => table.some((c) => c.name === name);
  for (const step of steps) {
    if (!('column' in step)) continue;
    const at = table.findIndex((c) => c.name === step.column);
    if (at < 0) continue;
    switch (step.kind) {
      case 'missing-indicator':
        if (!has(`${step.column}_was_missing`)) table.splice(at + 1, 0, { name: `${step.column}_was_missing`, type: 'boolean' });
        break;
      case 'drop-column':
        table.splice(at, 1);
        break;
      case 'rename-column':
        if (step.to === step.column || !has(step.to)) table[at].name = step.to;
        break;
      case 'change-type':
        table[at].type = step.to;
        break;
      case 'date-parts':
        table.splice(at, 1, ...step.parts.map((p) => ({ name: `${step.column}.${p}`, type: 'numeric' as ColumnType })));
        break;
      default:
        break; // impute and outliers change cells only
    }
  }
  return table;
}

/**
 * The fitted version of each step, aligned with `steps`: entry i is set only while the pipeline was
 * fitted with the same target, split, seed and steps 0..i (a step's statistics depend only on what comes
 * before it), else undefined (e.g. a step the worker refused). Pure.
 */
export function fittedSteps(steps: readonly CleaningStep[], spec: PrepareSpec, pipeline: FittedPipeline | null): (FittedCleaningStep | undefined)[] {
  const fitted = pipeline?.cleaning ?? [];
  const sameRows = pipeline !== null && pipeline.spec.targetColumn === spec.targetColumn && pipeline.spec.seed === spec.seed &&
    JSON.stringify(pipeline.spec.split) === JSON.stringify(spec.split);
  let matching = sameRows;
  return steps.map((step, i) => {
    matching = matching && i < fitted.length && JSON.stringify(fitted[i].step) === JSON.stringify(step);
    return matching ? fitted[i] : undefined;
  });
}

/** Columns the fitted 'drop-missing-columns' steps removed (they stay in the schema but are not encoded). */
export function columnsDroppedByCleaning(fitted: readonly (FittedCleaningStep | undefined)[]): Set<string> {
  return new Set(fitted.flatMap((f) => f?.droppedColumns ?? []));
}

/** True when a column of `type` may be a feature, given whether the user chose an encoding for it. */
export function canBeFeature(type: ColumnType, hasEncoding: boolean): boolean {
  return DEFAULT_FEATURE_TYPES.includes(type) || (type === 'text' && hasEncoding);
}

/**
 * `spec` with cleaning `next` and its features and encodings moved along: features still present stay
 * chosen (if their type still allows it), columns that appear (e.g. `age_was_missing`, `when.year`, a
 * column back after undoing its drop) or become usable (a type change) are chosen when their type is a
 * default feature type, and an encoding whose column is gone or no longer of an accepted type is
 * removed (back to automatic). Pure: the result shares nothing with `spec` or `next` (proxies are fine).
 */
export function specWithCleaning(spec: PrepareSpec, raw: readonly SchemaColumn[], next: readonly CleaningStep[], accepts: EncodingAccepts): PrepareSpec {
  const before = new Map(cleanedColumns(raw, spec.cleaning ?? []).map((c) => [c.name, c.type]));
  const after = cleanedColumns(raw, next);
  const typeOf = new Map(after.map((c) => [c.name, c.type]));
  const encodings = (spec.encodings ?? []).filter((e) => {
    const type = typeOf.get(e.column);
    return type !== undefined && (accepts[e.encoding.kind]?.accepts.includes(type) ?? false);
  });
  const featureColumns = after.filter((c) => {
    if (c.name === spec.targetColumn) return false;
    if (spec.featureColumns.includes(c.name)) return canBeFeature(c.type, encodings.some((e) => e.column === c.name));
    const was = before.get(c.name);
    const newlyUsable = was === undefined || !DEFAULT_FEATURE_TYPES.includes(was);
    return newlyUsable && DEFAULT_FEATURE_TYPES.includes(c.type);
  }).map((c) => c.name);
  return {
    ...copyJson(spec),
    version: 2,
    cleaning: copyJson([...next]),
    featureColumns,
    encodings: copyJson(encodings.filter((e) => featureColumns.includes(e.column))),
  };
}

/** A deep copy of JSON data; unlike structuredClone it also copies Svelte $state proxies. */
export function copyJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
