// Calibration results remembered per model shape: which backend and worker count trained this model
// fastest on this machine, with the table that was measured, so the next run of the same shape reuses it.
import type { IDBPDatabase } from 'idb';
import type { AppDB } from './db';

/** One measured configuration. */
export interface CalibrationRow {
  backend: string;
  workers: number;
  /** Optimizer steps per second over the timed steps (0 when it failed). */
  stepsPerSecond: number;
  samplesPerSecond: number;
  /**
   * Largest absolute difference of the parameters after the same steps from those of 1 worker on the same
   * backend (0 for 1 worker); null when it could not be compared (the configuration failed).
   */
  maxDifference: number | null;
  /** Why this configuration could not run (then it is never chosen). */
  problem?: string;
}

export interface CalibrationRecord {
  /** Model shape key (calibrationKey). */
  key: string;
  measuredAt: number;
  rows: CalibrationRow[];
  /** The fastest working configuration, or the user's override. */
  chosen: { backend: string; workers: number };
  /** True when the user picked `chosen` by hand. */
  overridden?: boolean;
}

/**
 * The key of a model shape: its spec and batch size, which decide the work per step. Stable across
 * sessions (JSON with sorted keys), so a new run of the same preset on the same data finds its record.
 */
export function calibrationKey(spec: unknown, batchSize: number): string {
  return `${batchSize}|${stableJson(spec)}`;
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The fastest row that ran without a problem and trained the same parameters as 1 worker (within 1e-4). */
export function fastestRow(rows: readonly CalibrationRow[]): CalibrationRow | undefined {
  const usable = rows.filter((r) => !r.problem && r.stepsPerSecond > 0 && r.maxDifference !== null && r.maxDifference <= 1e-4);
  return usable.reduce<CalibrationRow | undefined>((best, r) => (!best || r.stepsPerSecond > best.stepsPerSecond ? r : best), undefined);
}

export function getCalibration(db: IDBPDatabase<AppDB>, key: string): Promise<CalibrationRecord | undefined> {
  return db.get('calibrations', key);
}

export async function putCalibration(db: IDBPDatabase<AppDB>, record: CalibrationRecord): Promise<void> {
  await db.put('calibrations', record);
}
