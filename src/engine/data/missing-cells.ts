// Which raw cell strings count as missing values; shared by the CSV profiler and the preprocessing pipeline
// so that a column's `missing` count and the rows the pipeline drops or imputes always agree.

/** Lower-cased tokens that mean "no value" (after trimming). The empty string covers blank and whitespace-only cells. */
export const MISSING_CELL_TOKENS: readonly string[] = ['', 'na', 'n/a', 'null', 'nan', '?'];

const MISSING = new Set<string>(MISSING_CELL_TOKENS);
const LONGEST_TOKEN = Math.max(...MISSING_CELL_TOKENS.map((t) => t.length));
/** First characters (either case) of the non-empty tokens. */
const FIRST_CHARS = new Set(MISSING_CELL_TOKENS.filter((t) => t !== '').flatMap((t) => [t.charCodeAt(0), t.toUpperCase().charCodeAt(0)]));

/**
 * True when `cell` is a missing value: empty or whitespace only, or (trimmed, case-insensitive)
 * `NA`, `N/A`, `null`, `NaN` or `?`. Pure.
 */
export function isMissingCell(cell: string): boolean {
  return isMissingTrimmed(cell.trim());
}

/** isMissingCell for a cell that is already trimmed (the profiler trims each cell once). */
export function isMissingTrimmed(trimmed: string): boolean {
  if (trimmed.length === 0) return true;
  // Length and first character settle most cells without lower-casing (this runs once per imported cell).
  if (trimmed.length > LONGEST_TOKEN || !FIRST_CHARS.has(trimmed.charCodeAt(0))) return false;
  return MISSING.has(trimmed.toLowerCase());
}
