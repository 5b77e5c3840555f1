// Rune state of the live monitoring dashboard: one MonitorRecorder per TrainingState, fed by its event
// listener, and a `version` counter that tells charts the typed arrays grew (they are not reactive).
import type { TrainEvent } from '../../workers/train-api';
import { MonitorRecorder } from './monitor-recorder';
import type { TrainingState } from './training-state.svelte';

/** Shortest time between two redraws of the live charts and figures, ms. */
const REDRAW_MS = 500;

export class MonitorState {
  readonly recorder = new MonitorRecorder();
  /** Bumped on every event that changed a series or marker; read it to redraw. */
  version = $state(0);
  /** Whether the live charts are drawn (closing them lets training run without any chart work). */
  open = $state(true);
  /** Smoothing weight of the per-step loss in [0, 0.99]. */
  smoothing = $state(0.6);

  constructor(training: TrainingState) {
    this.recorder.adopt(training.run);
    // Lives as long as the page's TrainingState, so the listener is never removed.
    training.subscribe((event: TrainEvent) => {
      if (this.recorder.record(event)) this.redrawSoon();
    });
  }

  private pending = false;
  private lastRedraw = 0;

  /**
   * Bump `version` at most every REDRAW_MS: each bump redraws every open chart, and on a busy machine
   * that main-thread work competes with the training worker for the CPU.
   */
  private redrawSoon(): void {
    if (this.pending) return;
    this.pending = true;
    setTimeout(() => {
      this.pending = false;
      this.lastRedraw = Date.now();
      this.version += 1;
    }, Math.max(0, this.lastRedraw + REDRAW_MS - Date.now()));
  }
}

const monitors = new WeakMap<TrainingState, MonitorState>();

/**
 * The page's monitor for `training`, made (and subscribed) on first use. Components call this instead of
 * holding their own, so the series survive the progress panel being hidden and shown again.
 */
export function monitorFor(training: TrainingState): MonitorState {
  let monitor = monitors.get(training);
  if (!monitor) {
    monitor = new MonitorState(training);
    monitors.set(training, monitor);
  }
  return monitor;
}
