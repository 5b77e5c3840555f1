// Guesses a CSV file's layout from its first text: the delimiter, whether the first row is a header,
// and clean, unique column names. Column names are user data: kept in arrays and Sets, never object keys.
import { parseNumericCell } from './column-profiler';

/** Delimiters considered, in order of preference when they score the same. */
export const DELIMITER_CANDIDATES: readonly string[] = [',', ';', '\t', '|'];

/** How much leading text the delimiter sniffing looks at, in characters. */
export const SNIFF_CHARS = 64 * 1024;

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

/**
 * Pick the delimiter from `sample` (the start of the file). For each candidate, counts the fields of
 * every sampled record (ignoring delimiters inside quotes and blank lines), and keeps the candidate
 * whose most common field count (at least 2) covers the largest share of records; ties go to the larger
 * field count, then to the order of DELIMITER_CANDIDATES. Returns ',' when no candidate splits the lines.
 * `complete` is false when the sample was cut off, so its last record is ignored. Pure.
 */
export function detectDelimiter(sample: string, complete = true): string {
  const codes = DELIMITER_CANDIDATES.map((d) => d.charCodeAt(0));
  const perRecord: number[][] = codes.map(() => []);
  const counts = codes.map(() => 0);
  let inQuotes = false;
  let hasContent = false;
  const endRecord = () => {
    if (hasContent) codes.forEach((_, k) => perRecord[k].push(counts[k] + 1));
    counts.fill(0);
    hasContent = false;
  };
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === QUOTE) {
      inQuotes = !inQuotes; // "" toggles twice: no net change, as it should
      hasContent = true;
    } else if (inQuotes) {
      continue;
    } else if (c === LF || c === CR) {
      endRecord();
    } else {
      const k = codes.indexOf(c);
      if (k >= 0) counts[k]++;
      if (c !== 0x20) hasContent = true; // a line of spaces is blank; one of delimiters is a row of empty cells
    }
  }
  if (complete) endRecord();

  let best = ',';
  let bestShare = 0;
  let bestFields = 0;
  codes.forEach((_, k) => {
    const records = perRecord[k];
    if (records.length === 0) return;
    const { value, count } = mostCommon(records);
    if (value < 2) return;
    const share = count / records.length;
    if (share > bestShare || (share === bestShare && value > bestFields)) {
      best = DELIMITER_CANDIDATES[k];
      bestShare = share;
      bestFields = value;
    }
  });
  return best;
}

/** The most frequent value (the first seen among equals) and how often it occurs. */
function mostCommon(values: number[]): { value: number; count: number } {
  const tally = new Map<number, number>();
  for (const v of values) tally.set(v, (tally.get(v) ?? 0) + 1);
  let value = 0;
  let count = 0;
  for (const [v, c] of tally) {
    if (c > count) {
      value = v;
      count = c;
    }
  }
  return { value, count };
}

/** True when `firstRow` is a header: none of its cells looks like a number. Pure. */
export function detectHeader(firstRow: readonly string[]): boolean {
  return !firstRow.some((cell) => parseNumericCell(cell) !== undefined);
}

/** `column_1` ... `column_n`, the names of a file without a header row. */
export function genericColumnNames(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `column_${i + 1}`);
}

/**
 * Clean header cells into unique column names: strip byte-order marks, trim, name blanks `column_N`
 * (N = 1-based position), and rename repeats `a_1`, `a_2`... (skipping names already in use).
 * Returns the names (same length as `cells`) and one human-readable note per change. Names such as
 * `__proto__` are kept verbatim. Pure.
 */
export function cleanHeader(cells: readonly string[]): { columns: string[]; notes: string[] } {
  const notes: string[] = [];
  const wanted = cells.map((cell, i) => {
    const name = cell.replace(/^\uFEFF+/, '').trim();
    return name === '' ? `column_${i + 1}` : name;
  });
  cells.forEach((cell, i) => {
    if (cell.replace(/^\uFEFF+/, '').trim() === '') notes.push(`Column ${i + 1} has no name in the header; it is called "${wanted[i]}".`);
  });
  // Every name that appears anywhere is reserved, so a generated `a_1` never collides with a real one.
  const used = new Set<string>(wanted);
  const taken = new Set<string>();
  const columns = wanted.map((name, i) => {
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
    let k = 1;
    while (used.has(`${name}_${k}`)) k++;
    const renamed = `${name}_${k}`;
    used.add(renamed);
    taken.add(renamed);
    notes.push(`Column ${i + 1} repeats the name "${name}"; it was renamed "${renamed}".`);
    return renamed;
  });
  return { columns, notes };
}
