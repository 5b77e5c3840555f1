// One-pass, incremental per-column statistics of an imported table (type, missing, distinct, numeric
// moments, most frequent values), plus the rule for which cells count as numbers.
import { isMissingTrimmed } from './missing-cells';
import { parseDateCell, readBooleanToken, type BooleanPair } from '../clean/cell-values';
import type { ColumnSummary, ColumnType } from './table-types';

/** Distinct values remembered per column; beyond this `distinct` is a lower bound. */
export const DEFAULT_MAX_DISTINCT = 1000;
/** Longer values are not remembered (they would hold a lot of memory); the column is marked capped. */
const MAX_TRACKED_VALUE_CHARS = 1000;
const TOP_VALUES = 10;

// Plain decimal or scientific notation: "7", "-0.5", ".5", "5.", "1e-3". No hex, no "Infinity", no thousands separators.
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * The finite number a cell holds (after trimming), or undefined when it is not a plain decimal or
 * scientific number. "1e999" overflows to Infinity and so is not a number here; "NaN", "Infinity",
 * "0x10" and "" are not numbers either. Pure.
 */
export function parseNumericCell(cell: string): number | undefined {
  return parseTrimmedNumber(cell.trim());
}

/**
 * parseNumericCell for an already trimmed cell. Fast path: `Number()` accepts a superset of the plain
 * notation (hex/binary/octal prefixes, "Infinity"), so those are ruled out by their first two characters
 * and non-finite results; whatever else `Number()` accepts is plain notation, which the NUMBER pattern
 * confirms only for the rare cells the fast checks cannot settle.
 */
function parseTrimmedNumber(trimmed: string): number | undefined {
  const first = trimmed.charCodeAt(0);
  // A plain number starts with a digit, a sign or a dot.
  if (!((first >= 48 && first <= 57) || first === 43 || first === 45 || first === 46)) return undefined;
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return undefined;
  const second = trimmed.charCodeAt(1) | 0x20; // lower-cased letter code
  if (second === 120 || second === 98 || second === 111) return NUMBER.test(trimmed) ? value : undefined; // x, b, o
  return value;
}

/** The type rule for a non-numeric column with `distinct` values among `present` non-missing cells. */
function categoricalOrText(distinct: number, present: number, capped: boolean): ColumnType {
  if (capped || distinct > 50) return 'text';
  return distinct <= 20 || distinct <= 0.5 * present ? 'categorical' : 'text';
}

interface ColumnState {
  missing: number;
  present: number;
  /** Every non-missing cell so far was numeric. */
  numeric: boolean;
  /** Every non-missing cell so far was a date (parseDateCell). */
  date: boolean;
  /** The boolean pair every non-missing cell so far belongs to; null once a cell fits none (or another pair). */
  booleanPair: BooleanPair | undefined | null;
  /** zero-one pair: which of 0 (bit 1) and 1 (bit 2) were seen. */
  bitsSeen: number;
  // Welford running moments over the numeric cells.
  mean: number;
  m2: number;
  min: number;
  max: number;
  /** Count per distinct trimmed value, in first-seen order. */
  values: Map<string, number>;
  capped: boolean;
}

/**
 * Accumulates ColumnSummary statistics row by row. `addRow` costs O(columns); memory is bounded by
 * `maxDistinct` values (of at most 1000 characters) per column. Missing cells follow isMissingCell.
 * Type rule, first match wins: no non-missing cell -> empty; boolean (every non-missing cell, trimmed and
 * case-insensitive, from one pair true/false or yes/no, or exactly both 0 and 1; see clean/cell-values.ts)
 * -> boolean; every non-missing cell parses with parseNumericCell -> numeric (so other numbers stay numeric);
 * every non-missing cell parses with parseDateCell (ISO 8601 or YYYY/MM/DD) -> date; else categorical or
 * text. `std` is the population standard deviation (divides by n).
 */
export class ColumnProfiler {
  private readonly columns: string[];
  private readonly maxDistinct: number;
  private readonly states: ColumnState[];

  constructor(columns: readonly string[], options: { maxDistinct?: number } = {}) {
    const { maxDistinct = DEFAULT_MAX_DISTINCT } = options;
    if (!Number.isInteger(maxDistinct) || maxDistinct < 1) {
      throw new RangeError(`maxDistinct must be a positive integer, got ${maxDistinct}.`);
    }
    this.columns = [...columns];
    this.maxDistinct = maxDistinct;
    this.states = this.columns.map(() => ({
      missing: 0,
      present: 0,
      numeric: true,
      date: true,
      booleanPair: undefined,
      bitsSeen: 0,
      mean: 0,
      m2: 0,
      min: Infinity,
      max: -Infinity,
      values: new Map<string, number>(),
      capped: false,
    }));
  }

  /** Count one row; a missing trailing cell counts as a missing value, extra cells are ignored. */
  addRow(cells: readonly string[]): void {
    for (let c = 0; c < this.states.length; c++) {
      const cell = cells[c] ?? '';
      const s = this.states[c];
      // Trim once: every rule below looks at the trimmed cell.
      const key = cell.trim();
      if (isMissingTrimmed(key)) {
        s.missing++;
        continue;
      }
      s.present++;
      if (s.booleanPair !== null) trackBoolean(s, key);
      if (s.date && parseDateCell(key) === undefined) s.date = false;
      if (s.numeric) {
        const x = parseTrimmedNumber(key);
        if (x === undefined) s.numeric = false;
        else {
          const delta = x - s.mean;
          s.mean += delta / s.present;
          s.m2 += delta * (x - s.mean);
          if (x < s.min) s.min = x;
          if (x > s.max) s.max = x;
          // A numeric column reports no top values, only `distinct`; once that is capped (a lower bound)
          // there is nothing left to count, and skipping the map keeps wide numeric tables fast.
          if (s.capped) continue;
        }
      }
      const seen = s.values.get(key);
      if (seen !== undefined) s.values.set(key, seen + 1);
      else if (s.values.size < this.maxDistinct && key.length <= MAX_TRACKED_VALUE_CHARS) s.values.set(key, 1);
      else s.capped = true;
    }
  }

  /** The summaries so far, one per column in column order. Does not reset the profiler. */
  summaries(): ColumnSummary[] {
    return this.states.map((s, c): ColumnSummary => {
      const base = { name: this.columns[c], missing: s.missing, distinct: s.values.size, distinctCapped: s.capped };
      if (s.present === 0) return { ...base, type: 'empty', topValues: [] };
      const moments = { min: s.min, max: s.max, mean: s.mean, std: Math.sqrt(s.m2 / s.present) };
      if (isBoolean(s)) return { ...base, type: 'boolean', ...(s.numeric ? moments : {}), topValues: topValues(s.values) };
      if (s.numeric) return { ...base, type: 'numeric', ...moments };
      if (s.date) return { ...base, type: 'date', topValues: topValues(s.values) };
      return { ...base, type: categoricalOrText(s.values.size, s.present, s.capped), topValues: topValues(s.values) };
    });
  }
}

/** Narrows the column's boolean pair by one non-missing cell. */
function trackBoolean(s: ColumnState, cell: string): void {
  const token = readBooleanToken(cell);
  if (!token || (s.booleanPair !== undefined && s.booleanPair !== token.pair)) {
    s.booleanPair = null;
    return;
  }
  s.booleanPair = token.pair;
  s.bitsSeen |= token.value === 0 ? 1 : 2;
}

/** Words (true/false, yes/no) make a boolean column alone; 0/1 only when both values occur. */
function isBoolean(s: ColumnState): boolean {
  if (s.booleanPair === null || s.booleanPair === undefined) return false;
  return s.booleanPair !== 'zero-one' || s.bitsSeen === 3;
}

/** The most frequent values, most frequent first; ties keep first-seen order (Array.sort is stable). */
function topValues(values: Map<string, number>): { value: string; count: number }[] {
  return [...values]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count)
    .slice(0, TOP_VALUES);
}
