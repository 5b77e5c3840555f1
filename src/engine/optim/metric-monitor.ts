// What early stopping and reduce-on-plateau share: reading the monitored metric from an epoch's record
// and deciding whether a value is an improvement on the best so far.

/** Whether lower ('min', losses) or higher ('max', accuracies) values of the metric are better. */
export type MonitorMode = 'min' | 'max';

/**
 * Whether `value` beats `best` by more than `minDelta` (>= 0, in the metric's units) in direction `mode`.
 * The first finite value (best null) always improves; NaN and ±Infinity never do. Pure.
 */
export function isImprovement(mode: MonitorMode, value: number, best: number | null, minDelta: number): boolean {
  if (!Number.isFinite(value)) return false;
  if (best === null) return true;
  return mode === 'min' ? value < best - minDelta : value > best + minDelta;
}

/**
 * The metric named `monitor` in an epoch's metrics record (e.g. EpochMetrics: 'valLoss', 'valAccuracy').
 * Throws a RangeError naming the metrics that exist when it is missing or not a number (accuracy in a
 * regression run, a typo), so a bad setting fails at the first epoch instead of never stopping.
 */
export function readMonitoredMetric(metrics: object, monitor: string): number {
  const value: unknown = (metrics as Record<string, unknown>)[monitor];
  if (typeof value !== 'number') {
    const available = Object.entries(metrics).filter(([, v]) => typeof v === 'number').map(([k]) => k);
    throw new RangeError(`The monitored metric “${monitor}” is not reported by this run; choose one of ${available.join(', ')}.`);
  }
  return value;
}
