// Choices the Prepare form offers: the suggested task for a target, and per-feature encodings filtered by
// the column type (from the encodings registry the data worker sends), with what "automatic" means.
import type { ColumnSummary, ColumnType } from '../engine/data/table-types';
import type { EncodingSpec, FittedPipeline, PrepareSpec, TaskKind } from '../engine/data/prepare-types';
import { copyJson } from './cleaning-plan';

/** A numeric target with more distinct values than this is treated as regression (as in the engine). */
const MAX_CLASSES_FOR_NUMERIC_TARGET = 20;

/**
 * The engine's suggestTask rule (src/engine/data/prepare-spec.ts), repeated here because the page may not
 * load engine code: numeric with more than 20 distinct values (or a capped count) or with a non-integer
 * min/max -> 'regression'; anything else -> 'classification'. Pure.
 */
export function suggestTask(summary: ColumnSummary | undefined): TaskKind {
  if (!summary || summary.type !== 'numeric') return 'classification';
  if (summary.distinctCapped || summary.distinct > MAX_CLASSES_FOR_NUMERIC_TARGET) return 'regression';
  const nonInteger = (v: number | undefined) => v !== undefined && Number.isFinite(v) && !Number.isInteger(v);
  return nonInteger(summary.min) || nonInteger(summary.max) ? 'regression' : 'classification';
}

/** What the UI needs of one encodings-registry entry. */
export interface EncodingEntry {
  label: string;
  description: string;
  defaults: EncodingSpec;
  accepts: readonly ColumnType[];
}

/** The encoding kinds (in registry order) that can read a column of `type`. */
export function encodingChoices(registry: Readonly<Record<string, EncodingEntry>>, type: ColumnType): { kind: string; entry: EncodingEntry }[] {
  return Object.entries(registry).filter(([, entry]) => entry.accepts.includes(type)).map(([kind, entry]) => ({ kind, entry }));
}

/** The label of the automatic encoding of a column of `type` (the engine's defaultEncodingFor). */
function automaticByType(registry: Readonly<Record<string, EncodingEntry>>, type: ColumnType): string {
  switch (type) {
    case 'numeric':
      return registry.standardize?.label ?? 'standardize';
    case 'boolean':
      return registry.boolean?.label ?? 'boolean';
    case 'date':
      return registry['date-parts']?.label ?? 'date parts';
    case 'categorical':
      return `${registry['one-hot']?.label ?? 'one-hot'}, or hashing above 30 categories`;
    default:
      return 'none';
  }
}

/**
 * What "Automatic" means for `column`: the encoder the fitted pipeline used when it was fitted for this
 * spec without an explicit choice, else the rule by type. E.g. "Automatic (Standardize)".
 */
export function automaticLabel(registry: Readonly<Record<string, EncodingEntry>>, column: string, type: ColumnType,
  pipeline: FittedPipeline | null): string {
  const explicit = pipeline?.spec.encodings?.some((e) => e.column === column) ?? true;
  const fitted = explicit ? undefined : pipeline?.encoders.find((e) => e.column === column);
  const label = fitted ? (registry[fitted.kind]?.label ?? fitted.kind) : automaticByType(registry, type);
  return `Automatic (${label})`;
}

/** The encoding chosen for `column` in `spec` ('' = automatic). */
export function chosenEncoding(spec: PrepareSpec, column: string): string {
  return spec.encodings?.find((e) => e.column === column)?.encoding.kind ?? '';
}

/**
 * `spec.encodings` with `column` set to the registry defaults of `kind`, or removed when `kind` is ''
 * (automatic). Keeps the other columns' choices and their order. Pure (returns plain copies).
 */
export function withEncoding(spec: PrepareSpec, registry: Readonly<Record<string, EncodingEntry>>, column: string, kind: string) {
  const others = (spec.encodings ?? []).filter((e) => e.column !== column);
  const entry = kind === '' ? undefined : registry[kind];
  return copyJson(entry ? [...others, { column, encoding: entry.defaults }] : others);
}
