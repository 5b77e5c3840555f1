// The "Add a step" form as plain data: which columns make sense for a step kind, the form's fields, and
// the step they build from the registry's defaults (with a hint when the step is not complete yet).
import type { ColumnType } from '../engine/data/table-types';
import type { CleaningStep, CleaningStepKind } from '../engine/clean/cleaning-types';
import type { DatePartName } from '../engine/clean/cell-values';
import type { TextNormalization } from '../engine/text/text-normalize';
import { copyJson, type SchemaColumn } from './cleaning-plan';

/** What the form edits; each kind reads the fields it has. */
export interface StepFields {
  column: string;
  /** drop-missing-rows */
  columns: string[];
  /** impute */
  strategy: 'mean' | 'median' | 'mode' | 'constant';
  constant: string;
  /** outliers */
  rule: 'iqr' | 'z-score';
  factor: number;
  action: 'clip' | 'drop';
  /** drop-missing-columns, 0..1 */
  maxMissingShare: number;
  /** rename-column: the new name */
  to: string;
  /** change-type */
  toType: Exclude<ColumnType, 'empty'>;
  /** date-parts */
  parts: DatePartName[];
  /** drop-rows: row numbers as the preview shows them (from 1), separated by commas or spaces */
  rowsText: string;
  /** normalize-text: which clean-ups to apply */
  normalization: TextNormalization;
}

/** The suffix of the column a missing-value flag adds (the engine's indicatorName). */
const FLAG = '_was_missing';

/** Kinds whose form has one column picker. */
const ONE_COLUMN = new Set<CleaningStepKind>(['impute', 'missing-indicator', 'outliers', 'drop-column', 'rename-column', 'change-type', 'date-parts', 'normalize-text']);

/** True when a step of `kind` is about one column (it shows a column picker). */
export function needsColumn(kind: CleaningStepKind): boolean {
  return ONE_COLUMN.has(kind);
}

/**
 * The columns (after the recorded steps) a new step of `kind` may use: outliers need numbers, date parts a
 * date; steps that change a column leave out the target (cleaning may only drop rows by it); a flag is
 * offered for columns not flagged yet (and not for flags); 'drop rows with
 * missing values' may use any column, the target included. [] for kinds without columns. Pure.
 */
export function columnsFor(kind: CleaningStepKind, columns: readonly SchemaColumn[], target: string): SchemaColumn[] {
  if (kind === 'drop-missing-rows') return [...columns];
  if (!needsColumn(kind)) return [];
  const others = columns.filter((c) => c.name !== target);
  if (kind === 'outliers') return others.filter((c) => c.type === 'numeric');
  if (kind === 'date-parts') return others.filter((c) => c.type === 'date');
  if (kind === 'normalize-text') return others.filter((c) => c.type === 'text' || c.type === 'categorical');
  if (kind === 'missing-indicator') {
    // A column flagged already would clash with its flag; a flag itself is never missing.
    const names = new Set(columns.map((c) => c.name));
    const isFlag = (name: string) => name.endsWith(FLAG) && names.has(name.slice(0, -FLAG.length));
    return others.filter((c) => !names.has(`${c.name}${FLAG}`) && !isFlag(c.name));
  }
  return others;
}

/** The impute strategies a column of `type` allows (mean and median need numbers). */
export function strategiesFor(type: ColumnType | undefined): StepFields['strategy'][] {
  return type === 'numeric' ? ['median', 'mean', 'mode', 'constant'] : ['mode', 'constant'];
}

/** "3, 7 12" (numbered from 1) -> [2, 6, 11]; undefined when a token is not a whole number >= 1. */
export function parseRowNumbers(text: string): number[] | undefined {
  const tokens = text.split(/[\s,;]+/).filter((t) => t !== '');
  const rows = tokens.map(Number);
  return rows.every((r) => Number.isInteger(r) && r >= 1) ? [...new Set(rows.map((r) => r - 1))] : undefined;
}

/**
 * The step of `kind` the fields describe: the registry's `defaults` with the fields of that kind filled in,
 * or a hint saying what is still missing (e.g. "Choose a column."). Pure.
 */
export function buildStep(defaults: CleaningStep, f: StepFields): { step: CleaningStep } | { hint: string } {
  const step = copyJson(defaults);
  if ('column' in step) {
    if (f.column === '') return { hint: 'Choose a column.' };
    step.column = f.column;
  }
  switch (step.kind) {
    case 'drop-missing-rows':
      if (f.columns.length === 0) return { hint: 'Tick at least one column.' };
      step.columns = [...f.columns];
      break;
    case 'drop-missing-columns':
      if (!(f.maxMissingShare >= 0 && f.maxMissingShare < 1)) return { hint: 'The missing share must be at least 0 and below 1.' };
      step.maxMissingShare = f.maxMissingShare;
      break;
    case 'impute':
      step.strategy = f.strategy;
      if (f.strategy === 'constant') {
        if (f.constant.trim() === '') return { hint: 'Type the constant value.' };
        step.constant = f.constant.trim();
      }
      break;
    case 'outliers':
      if (!(Number.isFinite(f.factor) && f.factor > 0)) return { hint: 'The factor must be a positive number.' };
      Object.assign(step, { rule: f.rule, factor: f.factor, action: f.action });
      break;
    case 'rename-column':
      if (f.to.trim() === '') return { hint: 'Type the new name.' };
      step.to = f.to.trim();
      break;
    case 'change-type':
      step.to = f.toType;
      break;
    case 'date-parts':
      if (f.parts.length === 0) return { hint: 'Tick at least one date part.' };
      step.parts = [...f.parts];
      break;
    case 'normalize-text':
      if (!Object.values(f.normalization).some(Boolean)) return { hint: 'Tick at least one clean-up.' };
      step.normalization = { ...f.normalization };
      break;
    case 'drop-rows': {
      const rows = parseRowNumbers(f.rowsText);
      if (!rows?.length) return { hint: 'Type row numbers (from 1, as the preview numbers rows), e.g. 3, 17.' };
      step.rows = rows;
      break;
    }
    default:
      break;
  }
  return { step };
}
