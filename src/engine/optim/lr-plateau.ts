// Reduce-on-plateau as a plain-data state machine, updated once per epoch with the monitored metric;
// its state goes into checkpoints as is (JSON- and structured-clone-safe: no Infinity, no tensors).
import { resolvePlateauSchedule, type PlateauSchedule } from './lr-schedule';
import { isImprovement } from './metric-monitor';

export interface PlateauState {
  /** The learning rate to use now (learningRateAt returns it). */
  lr: number;
  /** Best metric value so far; null before the first finite value. */
  best: number | null;
  /** Epochs in a row without improvement (outside cooldown). */
  badEpochs: number;
  /** Epochs of cooldown left after the last reduction. */
  cooldownLeft: number;
  /** Reductions made so far. */
  reductions: number;
}

/** The state at the start of a run at `baseLr`. */
export function createPlateauState(baseLr: number): PlateauState {
  return { lr: baseLr, best: null, badEpochs: 0, cooldownLeft: 0, reductions: 0 };
}

/**
 * Feeds one epoch's monitored metric to the schedule. Pure: returns a new state, and `reduced` when the
 * rate was just cut to max(lr·factor, minLr). Semantics follow Keras's ReduceLROnPlateau: during cooldown
 * bad epochs are not counted; once `patience` epochs in a row did not improve (0 acts like 1) the rate is
 * cut (only if it is still above minLr), cooldown starts and the count restarts. A NaN or infinite metric counts as no improvement.
 */
export function updatePlateau(spec: PlateauSchedule, state: PlateauState, metric: number): { state: PlateauState; reduced: boolean } {
  const s = resolvePlateauSchedule(spec);
  const next: PlateauState = { ...state };
  const inCooldown = next.cooldownLeft > 0;
  if (inCooldown) {
    next.cooldownLeft -= 1;
    next.badEpochs = 0;
  }
  if (isImprovement(s.mode, metric, next.best, s.minDelta)) {
    next.best = metric;
    next.badEpochs = 0;
    return { state: next, reduced: false };
  }
  if (inCooldown) return { state: next, reduced: false };
  next.badEpochs += 1;
  if (next.badEpochs < s.patience) return { state: next, reduced: false };
  next.badEpochs = 0;
  if (next.lr <= s.minLr) return { state: next, reduced: false };
  next.lr = Math.max(next.lr * s.factor, s.minLr);
  next.cooldownLeft = s.cooldown;
  next.reductions += 1;
  return { state: next, reduced: true };
}
