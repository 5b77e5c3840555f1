// Second pass of the data-quality report: with the first pass's quantiles, mean and std known, re-reads
// the rows to count outliers (IQR and z-score rules) and exact histograms of every numeric column.
import { parseNumericCell } from '../data/column-profiler';
import { createHistogram, histogramBin } from './numeric-sample';
import type { Histogram, NumericQuality, OutlierRule, QualityReport } from './quality-types';

/** Tukey's fences: values below Q1 - 1.5·IQR or above Q3 + 1.5·IQR. */
export const IQR_FENCE = 1.5;
/** z-score rule: |x - mean| / std > 3 (population std, as in the report). */
export const Z_LIMIT = 3;

export interface OutlierCounter {
  /** Counts `rows` again (same rows, same indices as in the first pass). O(numeric cells). */
  addRows(rows: readonly (readonly string[])[], firstRowIndex: number): void;
  /** A copy of the report with `numeric.outliers` and exact histograms filled in, `outliersCounted` true. */
  finish(): QualityReport;
}

interface NumericColumnPass {
  column: number;
  stats: NumericQuality;
  iqr: OutlierRule;
  zScore: OutlierRule;
  histogram: Histogram;
}

function emptyRule(lower: number, upper: number): OutlierRule {
  return { lower, upper, count: 0, rows: [] };
}

/**
 * Starts the second pass over the rows summarized by `report` (from QualityAccumulator.finish). The
 * report is not modified. Fences: IQR from the report's p25/p75 (estimates when the column was larger
 * than the reservoir); z-score fences mean ± 3·std, none when std = 0 (fences at ±Infinity).
 */
export function createOutlierCounter(report: QualityReport): OutlierCounter {
  const { histogramBins, maxOutlierRows } = report.options;
  const passes: NumericColumnPass[] = [];
  report.columns.forEach((col, column) => {
    const stats = col.numeric;
    if (!stats) return;
    const q1 = stats.quantiles.p25;
    const q3 = stats.quantiles.p75;
    const spread = q3 - q1;
    const zLower = stats.std > 0 ? stats.mean - Z_LIMIT * stats.std : -Infinity;
    const zUpper = stats.std > 0 ? stats.mean + Z_LIMIT * stats.std : Infinity;
    passes.push({
      column,
      stats,
      iqr: emptyRule(q1 - IQR_FENCE * spread, q3 + IQR_FENCE * spread),
      zScore: emptyRule(zLower, zUpper),
      histogram: createHistogram(stats.min, stats.max, histogramBins, true),
    });
  });

  const countRule = (rule: OutlierRule, x: number, row: number) => {
    if (x >= rule.lower && x <= rule.upper) return;
    rule.count++;
    if (rule.rows.length < maxOutlierRows) rule.rows.push(row);
  };

  return {
    addRows(rows, firstRowIndex) {
      for (const pass of passes) {
        const bins = pass.histogram.counts.length;
        for (let i = 0; i < rows.length; i++) {
          const cell = rows[i][pass.column];
          const x = cell === undefined ? undefined : parseNumericCell(cell);
          if (x === undefined) continue;
          const row = firstRowIndex + i;
          countRule(pass.iqr, x, row);
          countRule(pass.zScore, x, row);
          pass.histogram.counts[histogramBin(x, pass.stats.min, pass.stats.max, bins)]++;
        }
      }
    },
    finish() {
      const out = structuredClone(report);
      for (const pass of passes) {
        const numeric = out.columns[pass.column].numeric!;
        numeric.outliers = structuredClone({ iqr: pass.iqr, zScore: pass.zScore });
        numeric.histogram = structuredClone(pass.histogram);
        if (out.target?.columnIndex === pass.column && out.target.distribution) {
          out.target.distribution = structuredClone(numeric);
        }
      }
      out.outliersCounted = true;
      return out;
    },
  };
}

/**
 * Convenience second pass over all rows at once: `rows` yields the table's rows in order, row i having
 * index i. Returns the completed report (see OutlierCounter.finish).
 */
export function countOutliers(report: QualityReport, rows: Iterable<readonly string[]>): QualityReport {
  const counter = createOutlierCounter(report);
  const batch: (readonly string[])[] = [];
  let first = 0;
  for (const row of rows) {
    batch.push(row);
    if (batch.length === 4096) {
      counter.addRows(batch, first);
      first += batch.length;
      batch.length = 0;
    }
  }
  counter.addRows(batch, first);
  return counter.finish();
}
