// Turns a QualityReport into short plain-English findings for the UI, most important first:
// table-wide problems, then the target, then each column in order.
import { MIN_CLASS_ROWS } from './target-balance';
import type { ColumnQuality, QualityReport, TargetQuality } from './quality-types';

export interface QualityFinding {
  severity: 'info' | 'warning';
  message: string;
  /** The column the finding is about, when it is about one. */
  column?: string;
}

/** A column with at least this share of missing cells gets a warning rather than an info line. */
export const MISSING_WARNING_SHARE = 0.05;
/** Columns with fewer filled cells are not called identifiers (every value differs by chance). */
const MIN_ROWS_FOR_IDENTIFIER = 20;

/** "3.4%" (one decimal); "<0.1%" for a tiny non-zero share. */
export function formatShare(share: number): string {
  if (share > 0 && share < 0.001) return '<0.1%';
  return `${(share * 100).toFixed(1)}%`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Findings for a report (first pass, or completed with outliers). Pure; returns [] for a clean table. */
export function summarizeQualityIssues(report: QualityReport): QualityFinding[] {
  const out: QualityFinding[] = [];
  const { rowCount, duplicates, conflicts, target } = report;
  if (rowCount === 0) return [{ severity: 'warning', message: 'The table has no rows.' }];
  if (duplicates.duplicateRows > 0) {
    out.push({
      severity: 'warning',
      message:
        `${plural(duplicates.duplicateRows, 'row')} (${formatShare(duplicates.duplicateRows / rowCount)}) ` +
        `${duplicates.duplicateRows === 1 ? 'is an exact duplicate' : 'are exact duplicates'} of earlier rows ` +
        `(${plural(duplicates.groupCount, 'group')}).`,
    });
  }
  if (duplicates.rowsChecked < rowCount) {
    out.push({ severity: 'info', message: `Only the first ${duplicates.rowsChecked} of ${rowCount} rows were checked for duplicates.` });
  }
  if (conflicts && target && conflicts.conflictingRows > 0) {
    out.push({
      severity: 'warning',
      column: target.column,
      message:
        `${plural(conflicts.conflictingRows, 'row')} in ${plural(conflicts.groupCount, 'group')} have identical features ` +
        `but different values of the target '${target.column}'.`,
    });
  }
  if (target) out.push(...describeTarget(target));
  for (const column of report.columns) out.push(...describeColumn(column, rowCount, column.name === target?.column));
  return out;
}

function describeTarget(target: TargetQuality): QualityFinding[] {
  const out: QualityFinding[] = [];
  const column = target.column;
  if (target.missing > 0) {
    out.push({ severity: 'warning', column, message: `target ${column}: ${plural(target.missing, 'row')} without a value will be left out.` });
  }
  const classes = target.classes ?? [];
  if (target.task === 'classification' && classes.length === 1) {
    out.push({ severity: 'warning', column, message: `target ${column} has a single class '${classes[0].label}'; a classifier needs at least two.` });
  }
  const imbalance = target.imbalance;
  if (imbalance?.imbalanced) {
    const { smallest, largest } = imbalance;
    const why = smallest.count < MIN_CLASS_ROWS ? `only ${plural(smallest.count, 'row')}` : plural(smallest.count, 'row');
    out.push({
      severity: 'warning',
      column,
      message: `class '${smallest.label}' has ${why}; classes are imbalanced (${smallest.count} vs ${largest.count}).`,
    });
  }
  if (target.classesComplete === false) {
    out.push({ severity: 'info', column, message: `target ${column} has more than ${classes.length} distinct values; is it really a class label?` });
  }
  return out;
}

function describeColumn(col: ColumnQuality, rowCount: number, isTarget: boolean): QualityFinding[] {
  const out: QualityFinding[] = [];
  const column = col.name;
  const add = (severity: QualityFinding['severity'], message: string) => out.push({ severity, column, message: `column ${column}: ${message}` });
  if (col.type === 'empty' || col.missing === rowCount) {
    add('warning', 'every cell is missing.');
    return out;
  }
  if (col.missing > 0 && !isTarget) {
    const nan = col.nanCells > 0 ? `, ${col.nanCells} of them written NaN` : '';
    add(col.missingShare >= MISSING_WARNING_SHARE ? 'warning' : 'info', `${col.missing} missing (${formatShare(col.missingShare)}${nan}).`);
  }
  const present = rowCount - col.missing;
  if (col.nonFinite > 0) {
    const blocksNumeric = col.type !== 'numeric' && col.numberCells + col.nonFinite === present;
    add('warning', `${plural(col.nonFinite, 'non-finite value')} (such as 1e999 or Infinity)${blocksNumeric ? ` ${col.nonFinite === 1 ? 'keeps' : 'keep'} it from being numeric` : ''}.`);
  }
  if (col.invalid > 0) add('warning', `${plural(col.invalid, 'cell')} in this numeric column ${col.invalid === 1 ? 'is' : 'are'} not a number.`);
  if (col.distinct === 1 && !col.distinctCapped && !isTarget) add('info', 'every filled cell has the same value, so it carries no information.');
  const identifierLike = col.type !== 'numeric' && !col.distinctCapped && present >= MIN_ROWS_FOR_IDENTIFIER && col.distinct === present;
  if (identifierLike && !isTarget) add('info', 'every row has a different value; if it is an identifier, leave it out of the features.');
  const outliers = col.numeric?.outliers;
  if (outliers && (outliers.iqr.count > 0 || outliers.zScore.count > 0)) {
    add(
      'info',
      `${plural(outliers.iqr.count, 'outlier')} by the IQR rule (${formatShare(outliers.iqr.count / col.numeric!.count)}), ` +
        `${outliers.zScore.count} with |z| > 3.`,
    );
  }
  return out;
}
