// CSV exports of the run history: one row of headline metrics per run, or the per-epoch curves of
// several runs in long form (one row per run and epoch). Quoting and formula defusing: csv-export.ts.
import { csvLines } from '../data/csv-export';
import type { RunRecord } from '../storage/records';
import { summarizeRun } from './run-summary';

/** A number as full-precision text; absent or non-finite values are empty cells (not "NaN"). */
function numberCell(value: number | null | undefined): string {
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : '';
}

export const METRICS_CSV_COLUMNS = [
  'run_id', 'run_name', 'note', 'dataset', 'status', 'created', 'model', 'optimizer', 'learning_rate', 'batch_size', 'seed',
  'epochs', 'final_train_loss', 'final_val_loss', 'best_val_loss', 'best_epoch', 'final_train_accuracy',
  'final_val_accuracy', 'test_accuracy', 'test_mae', 'test_r2', 'training_seconds',
] as const;

export const CURVES_CSV_COLUMNS = [
  'run_id', 'run_name', 'epoch', 'train_loss', 'val_loss', 'train_accuracy', 'val_accuracy', 'optimizer_step', 'duration_ms',
] as const;

/**
 * One line per run (in the given order) with its settings and headline metrics; `created` is an ISO 8601
 * UTC time. Returns the whole file as text with CRLF line ends. User text (names, notes) is defused.
 */
export function buildMetricsCsv(runs: readonly RunRecord[]): string {
  const rows = runs.map((run) => {
    const s = summarizeRun(run);
    return [
      s.id, s.name, s.note, s.datasetName, s.status, new Date(s.createdAt).toISOString(), s.modelKind,
      run.trainConfig.optimizer, numberCell(run.trainConfig.learningRate), numberCell(run.trainConfig.batchSize),
      numberCell(run.trainConfig.seed), String(s.epochs), numberCell(s.finalTrainLoss), numberCell(s.finalValLoss),
      numberCell(s.bestValLoss), numberCell(s.bestEpoch), numberCell(s.finalTrainAccuracy), numberCell(s.finalValAccuracy),
      numberCell(s.testAccuracy), numberCell(s.testMae), numberCell(s.testR2), numberCell(s.trainingMs / 1000),
    ];
  });
  return [...csvLines(METRICS_CSV_COLUMNS, rows)].join('');
}

/** One line per run and stored epoch, runs in the given order, epochs as stored. CRLF line ends. */
export function buildCurvesCsv(runs: readonly RunRecord[]): string {
  const rows = runs.flatMap((run) =>
    run.history.map((m) => [
      run.id, run.name, String(m.epoch), numberCell(m.trainLoss), numberCell(m.valLoss), numberCell(m.trainAccuracy),
      numberCell(m.valAccuracy), numberCell(m.optimizerStep), numberCell(m.durationMs),
    ]),
  );
  return [...csvLines(CURVES_CSV_COLUMNS, rows)].join('');
}

/**
 * A file name for an export: `webtrain-runs-<what>-<yyyy-mm-dd>.csv` in UTC. Never built from run names,
 * so user text never reaches a path.
 */
export function exportFileName(what: 'metrics' | 'curves', now: number): string {
  return `webtrain-runs-${what}-${new Date(now).toISOString().slice(0, 10)}.csv`;
}
