// Summary statistics the cleaning steps and encoders fit on train values: mean/std, median and
// quantiles, mode, and outlier bounds. All pure; inputs are plain arrays and are not modified.

/** Arithmetic mean of finite values; NaN for an empty array. */
export function meanOf(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/**
 * Mean and population std (divides by n). An std of 0 or non-finite is stored as 1 so dividing by it is
 * safe; no values give mean 0, std 1.
 */
export function meanStd(values: readonly number[]): { mean: number; std: number } {
  if (values.length === 0) return { mean: 0, std: 1 };
  const mean = meanOf(values);
  // Two passes: subtracting the mean first avoids the cancellation of sum(x^2) - n*mean^2.
  let sq = 0;
  for (const v of values) sq += (v - mean) * (v - mean);
  const std = Math.sqrt(sq / values.length);
  return { mean, std: std > 0 && Number.isFinite(std) ? std : 1 };
}

/**
 * The q-quantile (0 <= q <= 1) by linear interpolation between order statistics (Hyndman-Fan type 7,
 * the default of R, NumPy and spreadsheets): position (n-1)·q. NaN for an empty array.
 */
export function quantileOf(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  const position = (sorted.length - 1) * q;
  const lo = Math.floor(position);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (position - lo);
}

/** Median (the 0.5 quantile: mean of the two middle values for an even count). */
export function medianOf(values: readonly number[]): number {
  return quantileOf(values, 0.5);
}

/**
 * Most frequent string; ties go to the value that comes first in code-unit order, so the result does not
 * depend on row order. Undefined for an empty array.
 */
export function modeOf(values: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | undefined;
  let bestCount = 0;
  for (const [value, count] of counts) {
    if (count > bestCount || (count === bestCount && best !== undefined && value < best)) {
      best = value;
      bestCount = count;
    }
  }
  return best;
}

/** [Q1 - factor·IQR, Q3 + factor·IQR] (Tukey's fences; factor 1.5 is the usual choice). */
export function iqrBounds(values: readonly number[], factor: number): { low: number; high: number } {
  const q1 = quantileOf(values, 0.25);
  const q3 = quantileOf(values, 0.75);
  const iqr = q3 - q1;
  return { low: q1 - factor * iqr, high: q3 + factor * iqr };
}

/** mean ± factor·std with the population std (a constant column gives [mean, mean]). NaN bounds for no values. */
export function zScoreBounds(values: readonly number[], factor: number): { low: number; high: number } {
  const mean = meanOf(values);
  let sq = 0;
  for (const v of values) sq += (v - mean) * (v - mean);
  const std = Math.sqrt(sq / values.length);
  return { low: mean - factor * std, high: mean + factor * std };
}
