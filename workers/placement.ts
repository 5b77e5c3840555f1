// Where a run trains: which backend and how many data-parallel workers. Explicit choices are used as
// given; "auto" reuses the configuration remembered for this model shape, else measures a quick one.
import * as tf from '@tensorflow/tfjs';
import type { AnyModelSpec } from '../src/engine/model/model-types';
import type { TrainerData } from '../src/engine/train/training-loop';
import type { TrainConfig } from '../src/engine/train/train-types';
import type { AppDB } from '../src/engine/storage/db';
import type { IDBPDatabase } from 'idb';
import { calibrationKey, fastestRow, getCalibration, putCalibration, type CalibrationRecord, type CalibrationRow } from '../src/engine/storage/calibrations-repo';
import { measureConfigurations } from './calibrate';

/** What the user asked for: the calibrated choice, or a backend and worker count by hand. */
export type PlacementRequest = 'auto' | { backend: string; workers: number };

/** A run's placement request: the user's, or 'single' (one worker on the model's default backend) for a search trial. */
export type RunPlacementRequest = PlacementRequest | 'single';

export interface Placement {
  backend: string;
  workers: number;
  /** How it was decided, in words the UI shows. */
  how: string;
}

/** Switch this worker's tfjs backend; false when it cannot start (unregistered backends included). */
export async function switchBackend(name: string): Promise<boolean> {
  if (tf.getBackend() === name) return true;
  const ok = await tf.setBackend(name).catch(() => false);
  if (ok) await tf.ready();
  return ok;
}

/** Worker counts a full calibration measures: 1 to 4 (more than the cores only shows that they do not help). */
export const CALIBRATION_WORKER_COUNTS = [1, 2, 3, 4] as const;

export interface CalibrationContext {
  db: IDBPDatabase<AppDB>;
  spec: AnyModelSpec;
  config: TrainConfig;
  data: TrainerData;
  /** The backend this model trains on by default (start-up choice, or WebGL for routed kinds). */
  baseBackend: string;
  onRow?: (row: CalibrationRow) => void;
}

/**
 * Measures `backends` × `workerCounts` on this model and data, remembers the fastest working configuration
 * for the model shape (unless the user had overridden it) and returns the record. Leaves `baseBackend` active.
 */
export async function calibrate(context: CalibrationContext, backends: readonly string[], workerCounts: readonly number[], steps?: number): Promise<CalibrationRecord> {
  const { db, spec, config, data } = context;
  try {
    const rows = await measureConfigurations({ spec, config: { ...config, workers: 1 }, data, backends, workerCounts, steps }, { setBackend: switchBackend, onRow: context.onRow });
    const best = fastestRow(rows) ?? { backend: context.baseBackend, workers: 1 };
    const key = calibrationKey(spec, config.batchSize);
    const previous = await getCalibration(db, key);
    const record: CalibrationRecord = {
      key, measuredAt: Date.now(), rows,
      chosen: previous?.overridden ? previous.chosen : { backend: best.backend, workers: best.workers },
      overridden: previous?.overridden,
    };
    await putCalibration(db, record);
    return record;
  } finally {
    await switchBackend(context.baseBackend);
  }
}

/** The candidate backends of a full calibration: the default one first, then WebGL and the CPU. */
export function calibrationBackends(baseBackend: string): string[] {
  return [...new Set([baseBackend, 'webgl', 'cpu'])];
}

/**
 * The placement of a new run. Explicit requests are used as given; 'auto' takes the remembered choice for
 * this shape, else measures 1 and 2 workers on the default backend (a few steps each) and remembers that.
 */
export async function choosePlacement(context: CalibrationContext, request: RunPlacementRequest): Promise<Placement> {
  // A search trial: trials run side by side in workers of their own instead of sharing one run.
  if (request === 'single') return { backend: context.baseBackend, workers: 1, how: `1 worker on ${context.baseBackend} (a search trial; trials train side by side).` };
  if (request !== 'auto') return { ...request, how: `${request.workers} worker${request.workers > 1 ? 's' : ''} on ${request.backend}, as chosen.` };
  const remembered = await getCalibration(context.db, calibrationKey(context.spec, context.config.batchSize));
  if (remembered) {
    const { backend, workers } = remembered.chosen;
    return { backend, workers, how: `${workers} worker${workers > 1 ? 's' : ''} on ${backend}, ${remembered.overridden ? 'as you chose' : 'the fastest when this model was calibrated'}.` };
  }
  const record = await calibrate(context, [context.baseBackend], [1, 2], 4);
  const { backend, workers } = record.chosen;
  const speed = record.rows.find((r) => r.backend === backend && r.workers === workers)?.stepsPerSecond ?? 0;
  return { backend, workers, how: `${workers} worker${workers > 1 ? 's' : ''} on ${backend}: the faster of 1 and 2 workers in a quick calibration (${speed.toFixed(1)} steps/s).` };
}

/** Remember the user's own choice for this model shape (it wins over later calibrations). */
export async function overridePlacement(db: IDBPDatabase<AppDB>, spec: AnyModelSpec, batchSize: number, chosen: { backend: string; workers: number }): Promise<void> {
  const key = calibrationKey(spec, batchSize);
  const previous = await getCalibration(db, key);
  await putCalibration(db, { key, measuredAt: previous?.measuredAt ?? Date.now(), rows: previous?.rows ?? [], chosen, overridden: true });
}
