// Vertical chart markers of the monitor: learning-rate changes and early stopping, placed by optimizer
// step (live step charts) or by epoch (per-epoch curves). Plain data for TimeSeriesChart.
import type { ChartMarker } from '../charts/chart-types';
import type { LearningRateChange } from '../../lib/monitor-recorder';
import { isLearningRateChange } from '../../lib/monitor-series';
import { LR_CHANGE_FACTOR } from '../../lib/monitor-recorder';

const LR_COLOR = '#8a5a00';
const STOP_COLOR = '#d1495b';

/** "lr ×0.5" for a change from 0.01 to 0.005 (a factor reads better than two small numbers). */
function lrLabel(from: number, to: number): string {
  const ratio = to / from;
  return `lr ×${Number(ratio.toPrecision(2))}`;
}

/** Markers on step charts: each detected LR change at its step, and early stopping at the step that epoch ended. */
export function stepMarkers(changes: readonly LearningRateChange[], earlyStopStep: number | null): ChartMarker[] {
  const markers = changes.map((c) => ({ x: c.step, label: lrLabel(c.from, c.to), color: LR_COLOR }));
  if (earlyStopStep !== null) markers.push({ x: earlyStopStep, label: 'early stop', color: STOP_COLOR });
  return markers;
}

/**
 * Markers on per-epoch curves: the first epoch whose learning rate differs from the one before by more
 * than the change factor, and the epoch early stopping ended the run after.
 */
export function epochMarkers(history: readonly { epoch: number; learningRate?: number }[], earlyStopEpoch: number | null): ChartMarker[] {
  const markers: ChartMarker[] = [];
  for (let i = 1; i < history.length; i += 1) {
    const from = history[i - 1].learningRate, to = history[i].learningRate;
    if (from !== undefined && to !== undefined && isLearningRateChange(from, to, LR_CHANGE_FACTOR)) {
      markers.push({ x: history[i].epoch, label: lrLabel(from, to), color: LR_COLOR });
    }
  }
  if (earlyStopEpoch !== null) markers.push({ x: earlyStopEpoch, label: 'early stop', color: STOP_COLOR });
  return markers;
}
