// Plain, structured-cloneable shapes of a dataset's data-quality report, and the accumulator's options
// with their documented defaults. Row indices everywhere are 0-based positions of data rows in the dataset.
import type { ColumnType } from '../data/table-types';
import type { TaskKind } from '../data/prepare-types';

/** Options of createQualityAccumulator. Every field has a default (see DEFAULT_QUALITY_OPTIONS). */
export interface QualityOptions {
  /** Seed of the per-column reservoir samples. Default 0. */
  seed?: number;
  /** Numeric values kept per column for quantiles and the first-pass histogram. Default 100 000. */
  reservoirSize?: number;
  /** Distinct values remembered per column; beyond this `distinct` is a lower bound. Default 10 000. */
  maxDistinct?: number;
  /** Most frequent values listed per non-numeric column. Default 10. */
  topValues?: number;
  /** Equal-width histogram bins per numeric column. Default 20. */
  histogramBins?: number;
  /** Duplicate / conflict groups listed (all are counted). Default 100. */
  maxGroups?: number;
  /** Row indices listed per group (all are counted). Default 20. */
  maxRowsPerGroup?: number;
  /** Row indices listed per outlier rule and column (all are counted). Default 10. */
  maxOutlierRows?: number;
  /**
   * Rows whose hashes are remembered for duplicate and conflict detection (about 100 bytes each);
   * later rows are not checked and the report says so. Default 1 000 000.
   */
  maxHashedRows?: number;
  /** How the target will be learned. Default: 'regression' for a numeric target, else 'classification'. */
  targetTask?: TaskKind;
}

export type ResolvedQualityOptions = Required<Omit<QualityOptions, 'targetTask'>>;

export const DEFAULT_QUALITY_OPTIONS: ResolvedQualityOptions = {
  seed: 0,
  reservoirSize: 100_000,
  maxDistinct: 10_000,
  topValues: 10,
  histogramBins: 20,
  maxGroups: 100,
  maxRowsPerGroup: 20,
  maxOutlierRows: 10,
  maxHashedRows: 1_000_000,
};

/** The quantile levels reported, in percent; values use linear interpolation (see quantiles.ts). */
export interface Quantiles {
  p0: number;
  p5: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
  p100: number;
}

/** Equal-width bins from `min` to `max`; bin i covers [min + i·w, min + (i+1)·w), the last one includes max. */
export interface Histogram {
  min: number;
  max: number;
  counts: number[];
  /** False when counted on the reservoir sample (first pass on a column larger than the reservoir). */
  exact: boolean;
}

/** One outlier rule's result for one column: the fences, how many values fell outside, the first rows. */
export interface OutlierRule {
  /** Values below `lower` or above `upper` are outliers. */
  lower: number;
  upper: number;
  count: number;
  /** First few outlier rows, ascending (at most maxOutlierRows). */
  rows: number[];
}

/** Statistics over the finite numbers of a numeric column. */
export interface NumericQuality {
  /** Finite numbers seen. */
  count: number;
  min: number;
  max: number;
  mean: number;
  /** Population standard deviation (divides by count), as in ColumnProfiler. */
  std: number;
  quantiles: Quantiles;
  /** True when every value fit in the reservoir (quantiles are exact, else estimated from the sample). */
  quantilesExact: boolean;
  /** Values the quantiles were computed from. */
  sampleSize: number;
  histogram: Histogram;
  /** Set by the second pass (createOutlierCounter / countOutliers). IQR: outside [Q1-1.5·IQR, Q3+1.5·IQR]; z: |x-mean|/std > 3. */
  outliers?: { iqr: OutlierRule; zScore: OutlierRule };
}

export interface ValueCount {
  value: string;
  count: number;
}

/** One column's findings. */
export interface ColumnQuality {
  name: string;
  /** The type given to the accumulator (types it does not know are handled like 'categorical'). */
  type: ColumnType;
  /** Missing cells by isMissingCell (blank, NA, N/A, null, NaN, ?). */
  missing: number;
  /** missing / rowCount, in [0, 1] (0 for an empty table). */
  missingShare: number;
  /** Missing cells spelled `NaN` (any case): not-a-number, so the shared rule counts them as missing. */
  nanCells: number;
  /** Distinct trimmed non-missing values; exact unless `distinctCapped`, then a lower bound. */
  distinct: number;
  distinctCapped: boolean;
  /** Non-missing cells that overflow or spell infinity: `1e999`, `Infinity`, `-inf`. Counted for every type. */
  nonFinite: number;
  /** Non-missing cells that are plain finite numbers (parseNumericCell). */
  numberCells: number;
  /** Numeric columns: non-missing cells that are neither numbers nor non-finite (e.g. `abc`, `0x10`). */
  invalid: number;
  numeric?: NumericQuality;
  /** Non-numeric, non-empty columns: most frequent trimmed values, most frequent first. */
  topValues?: ValueCount[];
}

export interface ClassCount {
  label: string;
  count: number;
  /** count / rows with a target value. */
  share: number;
}

/** Thresholds of the imbalance warning (documented in target-balance.ts). */
export interface ClassImbalance {
  smallest: ClassCount;
  largest: ClassCount;
  /** smallest.count / largest.count. */
  ratio: number;
  /** True when ratio < 0.1 or some class has fewer than 5 rows. */
  imbalanced: boolean;
}

export interface TargetQuality {
  column: string;
  columnIndex: number;
  task: TaskKind;
  /** Rows whose target cell is missing. */
  missing: number;
  /** Classification: every class, most frequent first (ties in first-seen order). */
  classes?: ClassCount[];
  /** False when the target had more distinct values than maxDistinct, so `classes` is incomplete. */
  classesComplete?: boolean;
  imbalance?: ClassImbalance;
  /** Regression on a numeric target: the target column's statistics (a copy of its `numeric`). */
  distribution?: NumericQuality;
}

export interface RowGroup {
  /** Rows in the group (all counted here). */
  count: number;
  /** First rows of the group, ascending (at most maxRowsPerGroup). */
  rows: number[];
}

/** Rows that equal an earlier row cell for cell (features raw, target trimmed). */
export interface DuplicateReport {
  /** Rows that repeat an earlier row (a group of 3 adds 2). */
  duplicateRows: number;
  groupCount: number;
  /** First maxGroups groups, in order of their first repeat. */
  groups: RowGroup[];
  /** Rows that were hashed; rows beyond maxHashedRows were not checked. */
  rowsChecked: number;
}

/** Rows whose feature cells are identical but whose (trimmed) target values differ. */
export interface LabelConflictReport {
  /** Rows in conflicting groups, all labels counted. */
  conflictingRows: number;
  groupCount: number;
  /**
   * First maxGroups groups, one entry per label (first-seen order). Listed rows of a label: the group's
   * first row (for the first label) and rows seen after the conflict appeared; `count` includes all.
   */
  groups: { count: number; labels: (RowGroup & { label: string })[] }[];
  rowsChecked: number;
}

/** The whole report: plain data, safe to structuredClone and send across a worker boundary. */
export interface QualityReport {
  rowCount: number;
  columns: ColumnQuality[];
  target?: TargetQuality;
  duplicates: DuplicateReport;
  /** Present when a target column was given. */
  conflicts?: LabelConflictReport;
  /** True once the second pass has counted outliers and exact histograms. */
  outliersCounted: boolean;
  options: ResolvedQualityOptions;
}
