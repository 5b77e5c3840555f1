// How raw cell strings are read as booleans and calendar dates: the one rule shared by the column
// profiler (type inference), the cleaning steps (date parts) and the feature encoders.

/**
 * Boolean vocabularies. A column is boolean when its distinct non-missing values, trimmed and lower-cased,
 * all come from ONE pair: {true,false} or {yes,no} (one or both values present), or exactly {0,1} with both
 * present (a column of only 0s or only 1s, or with other numbers, stays numeric).
 */
export type BooleanPair = 'true-false' | 'yes-no' | 'zero-one';

const BOOLEAN_WORDS = new Map<string, { pair: BooleanPair; value: 0 | 1 }>([
  ['true', { pair: 'true-false', value: 1 }],
  ['false', { pair: 'true-false', value: 0 }],
  ['yes', { pair: 'yes-no', value: 1 }],
  ['no', { pair: 'yes-no', value: 0 }],
  ['1', { pair: 'zero-one', value: 1 }],
  ['0', { pair: 'zero-one', value: 0 }],
]);

/** The boolean token a cell holds (trimmed, case-insensitive), with its pair, or undefined. Pure. */
export function readBooleanToken(cell: string): { pair: BooleanPair; value: 0 | 1 } | undefined {
  const trimmed = cell.trim();
  return trimmed.length <= 5 ? BOOLEAN_WORDS.get(trimmed.toLowerCase()) : undefined;
}

/** 1 for true/yes/1, 0 for false/no/0 (trimmed, case-insensitive), NaN for anything else. Pure. */
export function parseBooleanCell(cell: string | undefined): number {
  if (cell === undefined) return NaN;
  return readBooleanToken(cell)?.value ?? NaN;
}

/** The calendar parts of a date cell. `weekday` is ISO: 1 = Monday ... 7 = Sunday. */
export interface DateParts {
  year: number;
  month: number;
  day: number;
  weekday: number;
}

/** Names of the numeric parts a date column can be split into, in output order. */
export const DATE_PART_NAMES = ['year', 'month', 'day', 'weekday'] as const;
export type DatePartName = (typeof DATE_PART_NAMES)[number];

// YYYY-MM-DD or YYYY/MM/DD (one separator kind per cell), optionally followed by a time
// (T or one space, HH:MM, optional :SS and fraction) and an optional zone (Z, +HH, +HH:MM, +HHMM).
const DATE =
  /^(\d{4})([-/])(\d{2})\2(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/** A UTC Date for a calendar day; setUTCFullYear because Date.UTC maps years 0-99 to 1900-1999. */
function utcDay(year: number, monthIndex: number, day: number): Date {
  const date = new Date(0);
  date.setUTCFullYear(year, monthIndex, day);
  return date;
}

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one (UTC, so no time-zone shifts).
  return utcDay(year, month, 0).getUTCDate();
}

/**
 * Parses an ISO 8601 calendar date or date-time (`2024-01-31`, `2024-01-31T13:45`, `2024-01-31 13:45:07.5Z`,
 * `2024-01-31T13:45:07+02:00`) or the same with slashes (`2024/01/31`). Month, day, hour (0-23), minute and
 * second (0-59) must be valid for the calendar. The parts are those of the date AS WRITTEN: time and zone
 * are checked but do not shift the day. Returns undefined for anything else (week dates, ordinal dates,
 * `31/01/2024`, plain numbers). Pure.
 */
export function parseDateCell(cell: string | undefined): DateParts | undefined {
  if (cell === undefined) return undefined;
  const trimmed = cell.trim();
  if (trimmed.length < 10 || trimmed.length > 40) return undefined;
  const m = DATE.exec(trimmed);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[3]);
  const day = Number(m[4]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (m[5] !== undefined && (Number(m[5]) > 23 || Number(m[6]) > 59 || (m[7] !== undefined && Number(m[7]) > 59))) {
    return undefined;
  }
  const sundayZero = utcDay(year, month - 1, day).getUTCDay();
  return { year, month, day, weekday: sundayZero === 0 ? 7 : sundayZero };
}
