// Which raw cell strings count as missing values; shared by the CSV profiler and the preprocessing pipeline
// so that a column's `missing` count and the rows the pipeline drops or imputes always agree.

/** Lower-cased tokens that mean "no value" (after trimming). The empty string covers blank and whitespace-only cells. */
export const MISSING_CELL_TOKENS: readonly string[] = ['', 'na', 'n/a', 'null', 'nan', '?'];

const MISSING = new Set<string>(MISSING_CELL_TOKENS);

/**
 * True when `cell` is a missing value: empty or whitespace only, or (trimmed, case-insensitive)
 * `NA`, `N/A`, `null`, `NaN` or `?`. Pure.
 */
export function isMissingCell(cell: string): boolean {
  return isMissingTrimmed(cell.trim());
}

/** isMissingCell for a cell that is already trimmed (the profiler trims each cell once). */
export function isMissingTrimmed(trimmed: string): boolean {
  // The longest token is 4 characters; skip lower-casing long cells.
  return trimmed.length <= 4 && MISSING.has(trimmed.toLowerCase());
}
