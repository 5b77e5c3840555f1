// One plain sentence per cleaning step, with the numbers it fitted on the training rows when known,
// so a student can read the recorded pipeline top to bottom.
import type { TextNormalization } from '../engine/text/text-normalize';
import type { CleaningStep, FittedCleaningStep } from '../engine/data/prepare-types';

/** A number with up to 4 significant digits and no trailing zeros: 43.9219 -> "43.92", 2.5 -> "2.5", 4050.2 -> "4050". */
export function formatNumber(value: number): string {
  return String(Number(value.toPrecision(4)));
}

/** A fitted cell value for reading: numbers with up to 4 significant digits, anything else quoted. */
export function formatFill(fill: string): string {
  const value = Number(fill);
  return fill.trim() !== '' && Number.isFinite(value) ? formatNumber(value) : `“${fill}”`;
}

/** "a", "a and b", "a, b and c". */
export function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function rowsWord(n: number): string {
  return `${n} row${n === 1 ? '' : 's'}`;
}

/** " (removed 3 rows)" once fitted, '' before. */
function removed(fitted: FittedCleaningStep | undefined): string {
  return fitted ? ` (removed ${rowsWord(fitted.droppedRows)})` : '';
}

const IMPUTE_SOURCES = {
  mean: 'the training mean',
  median: 'the training median',
  mode: 'the most frequent training value',
  constant: 'a constant',
} as const;

function describeImpute(step: Extract<CleaningStep, { kind: 'impute' }>, fitted: FittedCleaningStep | undefined): string {
  if (step.strategy === 'constant') return `Fill missing values in ${step.column} with the constant ${formatFill(step.constant ?? '')}.`;
  const value = fitted?.fill !== undefined ? ` (fitted: ${formatFill(fitted.fill)})` : '';
  return `Fill missing values in ${step.column} with ${IMPUTE_SOURCES[step.strategy]}${value}.`;
}

function describeOutliers(step: Extract<CleaningStep, { kind: 'outliers' }>, fitted: FittedCleaningStep | undefined): string {
  const k = formatNumber(step.factor);
  const rule = step.rule === 'iqr' ? `Q1 − ${k}·IQR to Q3 + ${k}·IQR` : `mean ± ${k}·std`;
  const bounds = fitted?.bounds ? `, fitted: ${formatNumber(fitted.bounds.low)} to ${formatNumber(fitted.bounds.high)}` : '';
  return step.action === 'clip'
    ? `Clip ${step.column} to the range ${rule} of the training values${bounds}.`
    : `Drop rows whose ${step.column} is outside ${rule} of the training values${bounds}${fitted ? `; removed ${rowsWord(fitted.droppedRows)}` : ''}.`;
}

/**
 * One sentence saying what `step` does, e.g. "Fill missing values in age with the training median
 * (fitted: 28)." With `fitted` (the same step from the fitted pipeline) it adds what was learned or
 * removed: fill values, bounds, dropped columns, removed rows. Rows are numbered from 1 as the preview shows them.
 */
export function describeStep(step: CleaningStep, fitted?: FittedCleaningStep): string {
  switch (step.kind) {
    case 'drop-missing-rows':
      return `Drop rows with a missing value in ${listNames(step.columns)}${removed(fitted)}.`;
    case 'drop-missing-columns': {
      const dropped = fitted?.droppedColumns;
      const result = dropped === undefined ? '' : dropped.length === 0 ? ' (none was dropped)' : ` (dropped: ${listNames(dropped)})`;
      return `Drop columns other than the target with more than ${formatNumber(step.maxMissingShare * 100)}% missing training cells${result}.`;
    }
    case 'impute':
      return describeImpute(step, fitted);
    case 'missing-indicator':
      return `Add a column ${step.column}_was_missing: 1 where ${step.column} is missing, 0 elsewhere.`;
    case 'outliers':
      return describeOutliers(step, fitted);
    case 'drop-duplicates':
      return `Drop rows that repeat an earlier row, keeping the first${removed(fitted)}.`;
    case 'drop-rows': {
      const shown = step.rows.slice(0, 8).map((r) => r + 1).join(', ');
      return `Drop ${rowsWord(step.rows.length)} chosen by hand (${shown}${step.rows.length > 8 ? ', …' : ''})${removed(fitted)}.`;
    }
    case 'drop-column':
      return `Drop the column ${step.column}.`;
    case 'rename-column':
      return `Rename the column ${step.column} to ${step.to}.`;
    case 'change-type':
      return `Treat ${step.column} as ${step.to}; cells that do not fit count as missing.`;
    case 'date-parts':
      return `Replace the date column ${step.column} by the numbers ${listNames(step.parts.map((p) => `${step.column}.${p}`))}.`;
    case 'normalize-text':
      return `Clean up the text of ${step.column}: ${describeNormalization(step.normalization)}.`;
  }
}

/** "Unicode NFKC, lower case and without HTML, web addresses, extra spaces". */
function describeNormalization(n: TextNormalization): string {
  const keep = [n.nfkc && 'Unicode NFKC', n.lowercase && 'lower case'].filter(Boolean) as string[];
  const strip = [n.stripHtml && 'HTML', n.stripUrls && 'web addresses', n.stripEmails && 'e-mail addresses', n.collapseWhitespace && 'extra spaces']
    .filter(Boolean) as string[];
  const parts = [...keep, ...(strip.length ? [`without ${listNames(strip)}`] : [])];
  return parts.length ? listNames(parts) : 'nothing changed';
}
