// The registry of cleaning steps (label, description, defaults; the UI renders from it), the shape check
// of a step, and the pure edit verbs of a recorded pipeline: addStep and undoStep.
import type { CleaningStep, CleaningStepKind } from './cleaning-types';
import { DATE_PART_NAMES } from './cell-values';

/** What the UI needs to offer a step: a short label, what it does, and a complete default step. */
export interface CleaningStepInfo<K extends CleaningStepKind> {
  label: string;
  description: string;
  /** A valid step of this kind apart from the column(s), which the UI fills in ('' / [] here). */
  defaults: Extract<CleaningStep, { kind: K }>;
}

/** Every cleaning step kind, in the order a menu lists them. */
export const CLEANING_STEPS: { readonly [K in CleaningStepKind]: CleaningStepInfo<K> } = {
  'drop-missing-rows': {
    label: 'Drop rows with missing values',
    description: 'Removes every row that has a missing cell in any of the chosen columns.',
    defaults: { kind: 'drop-missing-rows', columns: [] },
  },
  'drop-missing-columns': {
    label: 'Drop mostly-missing columns',
    description: 'Removes columns (never the target) whose share of missing cells in the training rows is above the limit.',
    defaults: { kind: 'drop-missing-columns', maxMissingShare: 0.5 },
  },
  impute: {
    label: 'Fill missing values',
    description: 'Fills missing cells with the training mean, median, most frequent value, or a constant.',
    defaults: { kind: 'impute', column: '', strategy: 'median' },
  },
  'missing-indicator': {
    label: 'Flag missing values',
    description: 'Adds a 0/1 column <name>_was_missing; add it before filling the missing values.',
    defaults: { kind: 'missing-indicator', column: '' },
  },
  outliers: {
    label: 'Handle outliers',
    description: 'Clips a numeric column to bounds fitted on the training rows, or drops rows outside them. ' +
      'IQR: [Q1 - k·IQR, Q3 + k·IQR], usually k = 1.5; z-score: mean ± k·std, usually k = 3.',
    defaults: { kind: 'outliers', column: '', rule: 'iqr', factor: 1.5, action: 'clip' },
  },
  'drop-duplicates': {
    label: 'Drop duplicate rows',
    description: 'Removes rows identical to an earlier row (cells compared after trimming); the first one stays.',
    defaults: { kind: 'drop-duplicates' },
  },
  'drop-rows': {
    label: 'Drop chosen rows',
    description: 'Removes the rows you picked, e.g. from a group of near-duplicates.',
    defaults: { kind: 'drop-rows', rows: [] },
  },
  'drop-column': {
    label: 'Drop column',
    description: 'Removes a column.',
    defaults: { kind: 'drop-column', column: '' },
  },
  'rename-column': {
    label: 'Rename column',
    description: 'Gives a column a new name; later steps and the features use the new name.',
    defaults: { kind: 'rename-column', column: '', to: '' },
  },
  'change-type': {
    label: 'Change column type',
    description: 'Treats a column as another type; cells that do not fit the type count as missing.',
    defaults: { kind: 'change-type', column: '', to: 'categorical' },
  },
  'date-parts': {
    label: 'Split a date into parts',
    description: 'Replaces a date column by numeric year, month, day and weekday (Monday = 1) columns.',
    defaults: { kind: 'date-parts', column: '', parts: [...DATE_PART_NAMES] },
  },
  'normalize-text': {
    label: 'Clean up text',
    description: 'Normalizes a text column: Unicode NFKC (full-width letters, ligatures), lower case, and removes HTML tags, web addresses, e-mail addresses and extra spaces.',
    defaults: {
      kind: 'normalize-text', column: '',
      normalization: { nfkc: true, lowercase: true, stripHtml: true, stripUrls: true, stripEmails: false, collapseWhitespace: true },
    },
  },
};

/** A step that is malformed on its own (unknown kind, empty column, bad number); the message names the field. */
export class CleaningStepError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CleaningStepError';
  }
}

function requireName(value: unknown, what: string): void {
  if (typeof value !== 'string' || value.length === 0) throw new CleaningStepError(`${what} must be a non-empty column name.`);
}

/**
 * Checks one step's shape without a table (kind known, names non-empty, numbers in range). Table-dependent
 * checks (does the column exist, is it numeric) happen when the pipeline is fitted. Throws CleaningStepError.
 */
export function checkCleaningStep(step: CleaningStep): void {
  const kind = (step as { kind?: unknown })?.kind;
  if (typeof kind !== 'string' || !Object.hasOwn(CLEANING_STEPS, kind)) {
    throw new CleaningStepError(`Unknown cleaning step '${String(kind)}'; use one of ${Object.keys(CLEANING_STEPS).join(', ')}.`);
  }
  const label = CLEANING_STEPS[step.kind].label;
  switch (step.kind) {
    case 'drop-missing-rows':
      if (!Array.isArray(step.columns) || step.columns.length === 0) throw new CleaningStepError(`${label}: choose at least one column.`);
      step.columns.forEach((c) => requireName(c, `${label}: each column`));
      return;
    case 'drop-missing-columns':
      if (!(step.maxMissingShare >= 0 && step.maxMissingShare < 1)) {
        throw new CleaningStepError(`${label}: the missing share limit must be at least 0 and below 1, got ${String(step.maxMissingShare)}.`);
      }
      return;
    case 'impute':
      requireName(step.column, `${label}: the column`);
      if (!['mean', 'median', 'mode', 'constant'].includes(step.strategy)) {
        throw new CleaningStepError(`${label}: unknown strategy '${String(step.strategy)}'; use mean, median, mode or constant.`);
      }
      if (step.strategy === 'constant' && (typeof step.constant !== 'string' || step.constant.trim() === '')) {
        throw new CleaningStepError(`${label}: strategy 'constant' needs a non-empty constant value.`);
      }
      return;
    case 'outliers':
      requireName(step.column, `${label}: the column`);
      if (step.rule !== 'iqr' && step.rule !== 'z-score') throw new CleaningStepError(`${label}: unknown rule '${String(step.rule)}'; use iqr or z-score.`);
      if (step.action !== 'clip' && step.action !== 'drop') throw new CleaningStepError(`${label}: unknown action '${String(step.action)}'; use clip or drop.`);
      if (!(Number.isFinite(step.factor) && step.factor > 0)) throw new CleaningStepError(`${label}: the factor must be a positive number, got ${String(step.factor)}.`);
      return;
    case 'drop-rows':
      if (!Array.isArray(step.rows) || !step.rows.every((r) => Number.isInteger(r) && r >= 0)) {
        throw new CleaningStepError(`${label}: rows must be 0-based row indices (integers >= 0).`);
      }
      return;
    case 'rename-column':
      requireName(step.column, `${label}: the column`);
      requireName(step.to, `${label}: the new name`);
      return;
    case 'change-type':
      requireName(step.column, `${label}: the column`);
      if (!['numeric', 'categorical', 'text', 'boolean', 'date'].includes(step.to)) {
        throw new CleaningStepError(`${label}: unknown type '${String(step.to)}'; use numeric, categorical, text, boolean or date.`);
      }
      return;
    case 'date-parts':
      requireName(step.column, `${label}: the column`);
      if (!Array.isArray(step.parts) || step.parts.length === 0 || !step.parts.every((p) => (DATE_PART_NAMES as readonly string[]).includes(p))) {
        throw new CleaningStepError(`${label}: choose parts among ${DATE_PART_NAMES.join(', ')}.`);
      }
      return;
    case 'normalize-text': {
      requireName(step.column, `${label}: the column`);
      const switches = ['nfkc', 'lowercase', 'stripHtml', 'stripUrls', 'stripEmails', 'collapseWhitespace'] as const;
      if (!step.normalization || !switches.every((k) => typeof step.normalization[k] === 'boolean')) {
        throw new CleaningStepError(`${label}: normalization needs each of ${switches.join(', ')} set to true or false.`);
      }
      return;
    }
    case 'missing-indicator':
    case 'drop-column':
      requireName(step.column, `${label}: the column`);
      return;
    case 'drop-duplicates':
      return;
  }
}

/** A new step list with `step` appended (checked with checkCleaningStep). Pure: `steps` is not modified. */
export function addStep(steps: readonly CleaningStep[], step: CleaningStep): CleaningStep[] {
  checkCleaningStep(step);
  return [...steps, structuredClone(step)];
}

/** A new step list without its last step (undo); an empty list stays empty. Pure. */
export function undoStep(steps: readonly CleaningStep[]): CleaningStep[] {
  return steps.slice(0, -1);
}
