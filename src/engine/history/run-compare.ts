// Side-by-side comparison of runs: one row per setting or metric with a column per run and the
// best value marked, and their per-epoch curves aligned on one epoch axis for an overlay chart.
import type { RunRecord } from '../storage/records';
import { summarizeRun, type RunSummary } from './run-summary';

/** Which way is better for a metric row; settings rows have no direction. */
export type Better = 'lower' | 'higher';

/** One row of the comparison table. `values[i]` belongs to `runs[i]`. */
export interface ComparisonRow {
  key: string;
  label: string;
  values: (number | string | null)[];
  better?: Better;
  /** Indexes of the runs holding the best value (all of them on a tie); empty when fewer than two runs have one. */
  best: number[];
}

export interface RunComparison {
  runs: { id: string; name: string; datasetName: string }[];
  rows: ComparisonRow[];
}

type RowSpec = { key: string; label: string; better?: Better; read: (run: RunRecord, s: RunSummary) => number | string | null };

/** The rows offered, in display order; rows where every run is null are dropped. */
const ROWS: readonly RowSpec[] = [
  { key: 'dataset', label: 'Dataset', read: (_, s) => s.datasetName },
  { key: 'status', label: 'Status', read: (_, s) => s.status },
  { key: 'model', label: 'Model', read: (_, s) => s.modelKind },
  { key: 'optimizer', label: 'Optimizer', read: (r) => r.trainConfig.optimizer },
  { key: 'learningRate', label: 'Learning rate', read: (r) => r.trainConfig.learningRate },
  { key: 'batchSize', label: 'Batch size', read: (r) => r.trainConfig.batchSize },
  { key: 'seed', label: 'Seed', read: (r) => r.trainConfig.seed },
  { key: 'epochs', label: 'Epochs trained', read: (_, s) => s.epochs },
  { key: 'finalTrainLoss', label: 'Final train loss', better: 'lower', read: (_, s) => s.finalTrainLoss },
  { key: 'finalValLoss', label: 'Final validation loss', better: 'lower', read: (_, s) => s.finalValLoss },
  { key: 'bestValLoss', label: 'Best validation loss', better: 'lower', read: (_, s) => s.bestValLoss },
  { key: 'bestEpoch', label: 'Epoch of best validation loss', read: (_, s) => s.bestEpoch },
  { key: 'finalTrainAccuracy', label: 'Final train accuracy', better: 'higher', read: (_, s) => s.finalTrainAccuracy },
  { key: 'finalValAccuracy', label: 'Final validation accuracy', better: 'higher', read: (_, s) => s.finalValAccuracy },
  { key: 'testAccuracy', label: 'Test accuracy', better: 'higher', read: (_, s) => s.testAccuracy },
  { key: 'testMae', label: 'Test MAE', better: 'lower', read: (_, s) => s.testMae },
  { key: 'testR2', label: 'Test R²', better: 'higher', read: (_, s) => s.testR2 },
  { key: 'trainingSeconds', label: 'Training time (s)', better: 'lower', read: (_, s) => s.trainingMs / 1000 },
];

function bestIndexes(values: readonly (number | string | null)[], better: Better | undefined): number[] {
  if (!better) return [];
  const numbers = values.map((v) => (typeof v === 'number' && Number.isFinite(v) ? v : null));
  const present = numbers.filter((v): v is number => v !== null);
  if (present.length < 2) return [];
  const target = better === 'lower' ? Math.min(...present) : Math.max(...present);
  return numbers.flatMap((v, i) => (v === target ? [i] : []));
}

/** The comparison table of `runs`, in the given order. */
export function compareRuns(runs: readonly RunRecord[]): RunComparison {
  const summaries = runs.map(summarizeRun);
  const rows: ComparisonRow[] = [];
  for (const spec of ROWS) {
    const values = runs.map((run, i) => spec.read(run, summaries[i]));
    if (values.every((v) => v === null)) continue;
    rows.push({ key: spec.key, label: spec.label, values, better: spec.better, best: bestIndexes(values, spec.better) });
  }
  return { runs: summaries.map((s) => ({ id: s.id, name: s.name, datasetName: s.datasetName })), rows };
}

/** The per-epoch metrics a curve can show. */
export type CurveMetric = 'trainLoss' | 'valLoss' | 'trainAccuracy' | 'valAccuracy';

export const CURVE_LABELS: Record<CurveMetric, string> = {
  trainLoss: 'train loss',
  valLoss: 'validation loss',
  trainAccuracy: 'train accuracy',
  valAccuracy: 'validation accuracy',
};

/** One run's curve of one metric, aligned to OverlayCurves.epochs. */
export interface OverlaySeries {
  runId: string;
  runName: string;
  metric: CurveMetric;
  /** `values[j]` is the metric at `epochs[j]`; null where the run has no such epoch or a non-finite value. */
  values: (number | null)[];
}

/** Curves of several runs on one shared, sorted epoch axis (the layout uPlot's aligned data expects). */
export interface OverlayCurves {
  epochs: number[];
  series: OverlaySeries[];
}

/**
 * Align the `metrics` curves of `runs` on the union of their epochs. A series whose run has no finite
 * value of that metric at all (accuracy of a regression run) is left out.
 */
export function overlayCurves(runs: readonly RunRecord[], metrics: readonly CurveMetric[]): OverlayCurves {
  const epochs = [...new Set(runs.flatMap((r) => r.history.map((m) => m.epoch)))].sort((a, b) => a - b);
  const column = new Map(epochs.map((e, j) => [e, j]));
  const series: OverlaySeries[] = [];
  for (const metric of metrics) {
    for (const run of runs) {
      const values: (number | null)[] = epochs.map(() => null);
      for (const m of run.history) {
        const v = m[metric];
        if (typeof v === 'number' && Number.isFinite(v)) values[column.get(m.epoch) ?? 0] = v;
      }
      if (values.some((v) => v !== null)) series.push({ runId: run.id, runName: run.name, metric, values });
    }
  }
  return { epochs, series };
}
