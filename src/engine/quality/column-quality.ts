// One column's streaming quality statistics: missing, distinct and top values, non-finite cells,
// Welford moments and a reservoir sample for numeric columns; turned into a ColumnQuality at the end.
import { parseNumericCell } from '../data/column-profiler';
import { isMissingCell } from '../data/missing-cells';
import type { ColumnType } from '../data/table-types';
import { computeQuantiles, countHistogram, Reservoir } from './numeric-sample';
import type { ColumnQuality, NumericQuality, ResolvedQualityOptions, ValueCount } from './quality-types';

/** Longer values are not remembered as distinct values (memory); the column is marked capped. */
const MAX_TRACKED_VALUE_CHARS = 1000;
const INFINITY_WORD = /^[+-]?inf(?:inity)?$/i;

/**
 * Whether a trimmed, non-missing cell that parseNumericCell rejected still denotes an infinite number:
 * an overflowing literal (`1e999`) or an infinity word (`Infinity`, `-inf`). `NaN` never gets here:
 * the shared missing-cell rule counts it as missing (ColumnQuality.nanCells counts those separately).
 */
export function isNonFiniteCell(trimmed: string): boolean {
  const x = Number(trimmed);
  return x === Infinity || x === -Infinity || INFINITY_WORD.test(trimmed);
}

/** Accumulates one column. `add` costs O(cell length); memory is bounded by maxDistinct and reservoirSize. */
export class ColumnQualityState {
  private missing = 0;
  private nanCells = 0;
  private nonFinite = 0;
  private numberCells = 0;
  private invalid = 0;
  private readonly values = new Map<string, number>();
  private capped = false;
  private readonly numeric: boolean;
  // Welford running moments over finite numbers (numeric columns only).
  private mean = 0;
  private m2 = 0;
  private min = Infinity;
  private max = -Infinity;
  private readonly reservoir?: Reservoir;

  constructor(
    private readonly name: string,
    private readonly type: ColumnType,
    private readonly options: ResolvedQualityOptions,
    seed: number,
  ) {
    this.numeric = type === 'numeric';
    if (this.numeric) this.reservoir = new Reservoir(options.reservoirSize, seed);
  }

  /** Counts one cell (undefined, for a short row, counts as missing). */
  add(cell: string | undefined): void {
    if (cell === undefined || isMissingCell(cell)) {
      this.missing++;
      // Missing tokens are at most 4 characters once trimmed, so this only runs on short cells.
      if (cell !== undefined && cell.trim().toLowerCase() === 'nan') this.nanCells++;
      return;
    }
    const key = cell.trim();
    const x = parseNumericCell(key);
    if (x !== undefined) {
      this.numberCells++;
      if (this.numeric) this.addNumber(x);
    } else if (isNonFiniteCell(key)) this.nonFinite++;
    else if (this.numeric) this.invalid++;
    const seen = this.values.get(key);
    if (seen !== undefined) this.values.set(key, seen + 1);
    else if (this.values.size < this.options.maxDistinct && key.length <= MAX_TRACKED_VALUE_CHARS) this.values.set(key, 1);
    else this.capped = true;
  }

  private addNumber(x: number): void {
    const n = this.reservoir!.seen + 1;
    const delta = x - this.mean;
    this.mean += delta / n;
    this.m2 += delta * (x - this.mean);
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
    this.reservoir!.add(x);
  }

  /** Count per distinct trimmed value, in first-seen order (the live map; do not mutate). */
  valueCounts(): ReadonlyMap<string, number> {
    return this.values;
  }

  get distinctCapped(): boolean {
    return this.capped;
  }

  /** The column's report so far, for a table of `rowCount` rows. Does not change the state. */
  finish(rowCount: number): ColumnQuality {
    const report: ColumnQuality = {
      name: this.name,
      type: this.type,
      missing: this.missing,
      missingShare: rowCount > 0 ? this.missing / rowCount : 0,
      nanCells: this.nanCells,
      distinct: this.values.size,
      distinctCapped: this.capped,
      nonFinite: this.nonFinite,
      numberCells: this.numberCells,
      invalid: this.invalid,
    };
    if (this.numeric) {
      const numeric = this.finishNumeric();
      if (numeric) report.numeric = numeric;
    } else if (this.type !== 'empty') {
      report.topValues = rankValues(this.values, this.options.topValues);
    }
    return report;
  }

  private finishNumeric(): NumericQuality | undefined {
    const r = this.reservoir!;
    if (r.seen === 0) return undefined;
    const sorted = r.sorted();
    const exact = r.seen === r.size;
    return {
      count: r.seen,
      min: this.min,
      max: this.max,
      mean: this.mean,
      std: Math.sqrt(this.m2 / r.seen),
      // The extremes are known exactly even when the quantiles come from a sample.
      quantiles: { ...computeQuantiles(sorted), p0: this.min, p100: this.max },
      quantilesExact: exact,
      sampleSize: r.size,
      histogram: countHistogram(sorted, this.min, this.max, this.options.histogramBins, exact),
    };
  }
}

/** The `limit` most frequent values, most frequent first; ties keep first-seen order (stable sort). */
export function rankValues(values: ReadonlyMap<string, number>, limit: number): ValueCount[] {
  return [...values]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count)
    .slice(0, limit);
}
