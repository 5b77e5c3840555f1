// First pass of the data-quality report: streams a table's string rows chunk by chunk and builds the
// QualityReport (columns, target balance, duplicates, label conflicts). Outliers need a second pass.
import { DataInputError, type ColumnType } from '../data/table-types';
import { deriveSeed } from '../random';
import { ColumnQualityState } from './column-quality';
import {
  DEFAULT_QUALITY_OPTIONS,
  type QualityOptions,
  type QualityReport,
  type ResolvedQualityOptions,
  type TargetQuality,
} from './quality-types';
import { RowGroupTracker } from './row-groups';
import { assessImbalance, computeClassCounts } from './target-balance';

export interface QualityAccumulatorInput {
  /** Column names, in cell order. */
  columns: readonly string[];
  /** Types inferred by ColumnProfiler, one per column; types this module does not know count as 'categorical'. */
  types: readonly ColumnType[];
  /** Name of the target column, if any. */
  target?: string;
  options?: QualityOptions;
}

export interface QualityAccumulator {
  /**
   * Counts `rows` (one string per column; short rows count the absent cells as missing, extra cells are
   * ignored) whose first row has 0-based dataset index `firstRowIndex`, e.g. chunk.index · chunkRows.
   * Feed chunks in row order so that listed row indices come out ascending. O(total cell length).
   */
  addRows(rows: readonly (readonly string[])[], firstRowIndex: number): void;
  /** The first-pass report (no outliers yet; see createOutlierCounter). Can be called more than once. */
  finish(): QualityReport;
}

/** Fills in defaults and checks every option (RangeError naming the bad one). */
export function resolveQualityOptions(options: QualityOptions = {}): ResolvedQualityOptions {
  const resolved: ResolvedQualityOptions = { ...DEFAULT_QUALITY_OPTIONS };
  for (const key of Object.keys(DEFAULT_QUALITY_OPTIONS) as (keyof ResolvedQualityOptions)[]) {
    const value = options[key];
    if (value === undefined) continue;
    const ok = key === 'seed' ? Number.isFinite(value) : Number.isInteger(value) && value >= 1;
    if (!ok) throw new RangeError(`The quality option ${key} must be ${key === 'seed' ? 'a finite number' : 'a positive integer'}, got ${value}.`);
    resolved[key] = value;
  }
  return resolved;
}

/**
 * Creates the streaming first pass. Memory is bounded per column (reservoirSize numbers, maxDistinct
 * values) plus about 100 bytes per distinct row for duplicate detection, up to maxHashedRows rows.
 * Throws RangeError on bad options or mismatched columns/types, DataInputError('bad-target') when the
 * target is not a column.
 */
export function createQualityAccumulator(input: QualityAccumulatorInput): QualityAccumulator {
  const { columns, types, target } = input;
  if (columns.length !== types.length) {
    throw new RangeError(`Got ${columns.length} column names but ${types.length} column types; pass one type per column.`);
  }
  const options = resolveQualityOptions(input.options);
  const targetIndex = target === undefined ? -1 : columns.indexOf(target);
  if (target !== undefined && targetIndex < 0) {
    throw new DataInputError('bad-target', `The target column '${target}' is not in the table; pick one of its columns.`);
  }
  const states = columns.map((name, c) => new ColumnQualityState(name, types[c], options, deriveSeed(options.seed, c)));
  const groups = new RowGroupTracker(targetIndex, columns.length, options);
  let rowCount = 0;

  return {
    addRows(rows, firstRowIndex) {
      if (!Number.isInteger(firstRowIndex) || firstRowIndex < 0) {
        throw new RangeError(`firstRowIndex must be a non-negative integer, got ${firstRowIndex}.`);
      }
      for (let i = 0; i < rows.length; i++) {
        const cells = rows[i];
        for (let c = 0; c < states.length; c++) states[c].add(cells[c]);
        groups.add(cells, firstRowIndex + i);
      }
      rowCount += rows.length;
    },
    finish() {
      const report: QualityReport = {
        rowCount,
        columns: states.map((s) => s.finish(rowCount)),
        duplicates: groups.duplicates(),
        outliersCounted: false,
        options: { ...options },
      };
      if (targetIndex >= 0) {
        report.target = describeTarget(report, targetIndex, states[targetIndex], input.options?.targetTask);
        report.conflicts = groups.conflicts();
      }
      return report;
    },
  };
}

function describeTarget(
  report: QualityReport,
  index: number,
  state: ColumnQualityState,
  task: TargetQuality['task'] | undefined,
): TargetQuality {
  const column = report.columns[index];
  const resolvedTask = task ?? (column.type === 'numeric' ? 'regression' : 'classification');
  const result: TargetQuality = { column: column.name, columnIndex: index, task: resolvedTask, missing: column.missing };
  if (resolvedTask === 'classification') {
    result.classes = computeClassCounts(state.valueCounts());
    result.classesComplete = !state.distinctCapped;
    const imbalance = assessImbalance(result.classes);
    if (imbalance) result.imbalance = imbalance;
  } else if (column.numeric) {
    result.distribution = structuredClone(column.numeric);
  }
  return result;
}
