// One flat, cloneable row per stored run for the run history table: names, status, and the
// headline numbers read off its per-epoch history and test evaluation (no curves, no weights).
import type { RunRecord, RunStatus } from '../storage/records';

/** A run as the history table lists it. Absent numbers are null (never NaN), so rows clone and sort cleanly. */
export interface RunSummary {
  id: string;
  name: string;
  /** The user's note; '' when there is none. */
  note: string;
  datasetId: string;
  datasetName: string;
  status: RunStatus;
  /** ms since epoch. */
  createdAt: number;
  /** Model kind from the spec ('mlp', 'cnn', 'gpt', ...). */
  modelKind: string;
  /** Epochs completed (length of the stored history). */
  epochs: number;
  /** Planned epochs (TrainConfig.epochs). */
  plannedEpochs: number;
  finalTrainLoss: number | null;
  finalValLoss: number | null;
  /** Lowest finite validation loss over the history, and the 1-based epoch where it happened. */
  bestValLoss: number | null;
  bestEpoch: number | null;
  finalTrainAccuracy: number | null;
  finalValAccuracy: number | null;
  /** Test split results (classification: accuracy; regression: mae and r2), null when not evaluated. */
  testAccuracy: number | null;
  testMae: number | null;
  testR2: number | null;
  /** Sum of the epochs' wall times, in ms. */
  trainingMs: number;
}

/** `value` when it is a finite number, else null (NaN/Infinity losses of a diverged run count as unknown). */
export function finiteOrNull(value: number | undefined | null): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** The headline row of `run`. Pure; reads only the record. */
export function summarizeRun(run: RunRecord): RunSummary {
  const last = run.history.at(-1);
  let bestValLoss: number | null = null;
  let bestEpoch: number | null = null;
  for (const m of run.history) {
    // Strictly lower wins, so a tie keeps the earlier epoch (the one early stopping would keep).
    if (Number.isFinite(m.valLoss) && (bestValLoss === null || m.valLoss < bestValLoss)) {
      bestValLoss = m.valLoss;
      bestEpoch = m.epoch;
    }
  }
  const evaluation = run.evaluation;
  return {
    id: run.id,
    name: run.name,
    note: run.note ?? '',
    datasetId: run.datasetId,
    datasetName: run.datasetName,
    status: run.status,
    createdAt: run.createdAt,
    modelKind: run.modelSpec.kind,
    epochs: run.history.length,
    plannedEpochs: run.trainConfig.epochs,
    finalTrainLoss: finiteOrNull(last?.trainLoss),
    finalValLoss: finiteOrNull(last?.valLoss),
    bestValLoss,
    bestEpoch,
    finalTrainAccuracy: finiteOrNull(last?.trainAccuracy),
    finalValAccuracy: finiteOrNull(last?.valAccuracy),
    testAccuracy: finiteOrNull(evaluation?.accuracy),
    testMae: finiteOrNull(evaluation?.mae),
    testR2: finiteOrNull(evaluation?.r2),
    trainingMs: run.history.reduce((sum, m) => sum + (Number.isFinite(m.durationMs) ? m.durationMs : 0), 0),
  };
}
