// Early stopping as a plain-data state machine fed once per epoch: tracks the best value and epoch of a
// monitored metric and says when to stop; the state goes into checkpoints as is (no Infinity, no tensors).
import { isImprovement, type MonitorMode } from './metric-monitor';

export interface EarlyStoppingConfig {
  /** Metric name in the epoch's metrics, e.g. 'valLoss' or 'valAccuracy'. */
  monitor: string;
  mode: MonitorMode;
  /** Epochs in a row without improvement before stopping (whole number; 0 acts like 1). */
  patience: number;
  /** Smallest change (metric units, >= 0) that counts as an improvement. */
  minDelta: number;
  /** At the end, put back the weights of the best epoch (the caller keeps them when `improved`). */
  restoreBestWeights: boolean;
}

/** Watch validation loss; stop after 5 epochs without improvement; restore the best weights. */
export const DEFAULT_EARLY_STOPPING: EarlyStoppingConfig = { monitor: 'valLoss', mode: 'min', patience: 5, minDelta: 0, restoreBestWeights: true };

export interface EarlyStoppingState {
  /** Best metric value so far; null before the first finite value. */
  bestValue: number | null;
  /** 1-based epoch of bestValue; null before it. */
  bestEpoch: number | null;
  /** Epochs in a row since the last improvement. */
  badEpochs: number;
  /** The epoch after which stopping was decided; null while running. */
  stoppedEpoch: number | null;
}

/** An early-stopping option out of range; the message names it. */
export class EarlyStoppingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EarlyStoppingError';
  }
}

/** The state before the first epoch. */
export function createEarlyStoppingState(): EarlyStoppingState {
  return { bestValue: null, bestEpoch: null, badEpochs: 0, stoppedEpoch: null };
}

/** Throws EarlyStoppingError for the first bad option. */
export function validateEarlyStopping(config: EarlyStoppingConfig): void {
  const { monitor, mode, patience, minDelta, restoreBestWeights } = config;
  if (typeof monitor !== 'string' || monitor.length === 0) throw new EarlyStoppingError('Early stopping needs the name of the metric to watch, such as valLoss.');
  if (mode !== 'min' && mode !== 'max') throw new EarlyStoppingError(`Early stopping mode must be min (losses) or max (accuracies), not ${String(mode)}.`);
  if (!Number.isInteger(patience) || patience < 0) throw new EarlyStoppingError(`Early stopping patience must be a whole number of epochs (0 or more), not ${String(patience)}.`);
  if (!Number.isFinite(minDelta) || minDelta < 0) throw new EarlyStoppingError(`Early stopping min delta must be 0 or more, not ${String(minDelta)}.`);
  if (typeof restoreBestWeights !== 'boolean') throw new EarlyStoppingError('Early stopping “restore best weights” must be true or false.');
}

/**
 * Feeds the monitored `value` of 1-based `epoch`. Pure: returns a new state; `improved` when this epoch is
 * the new best (the caller copies the weights now if it restores them later); `stop` once `patience`
 * epochs in a row have not improved, and on every call after that. NaN counts as no improvement.
 */
export function updateEarlyStopping(
  config: EarlyStoppingConfig,
  state: EarlyStoppingState,
  epoch: number,
  value: number,
): { state: EarlyStoppingState; improved: boolean; stop: boolean } {
  validateEarlyStopping(config);
  if (!Number.isInteger(epoch) || epoch < 1) throw new RangeError(`The epoch must be a whole number of at least 1, not ${epoch}.`);
  if (state.stoppedEpoch !== null) return { state, improved: false, stop: true };
  if (isImprovement(config.mode, value, state.bestValue, config.minDelta)) {
    return { state: { bestValue: value, bestEpoch: epoch, badEpochs: 0, stoppedEpoch: null }, improved: true, stop: false };
  }
  const badEpochs = state.badEpochs + 1;
  const stop = badEpochs >= Math.max(1, config.patience);
  return { state: { ...state, badEpochs, stoppedEpoch: stop ? epoch : null }, improved: false, stop };
}

/**
 * Whether to put back the best epoch's weights now that training ended after `lastEpoch` (stopped early
 * or not): only when configured and the last epoch was not itself the best.
 */
export function shouldRestoreBestWeights(config: EarlyStoppingConfig, state: EarlyStoppingState, lastEpoch: number): boolean {
  return config.restoreBestWeights && state.bestEpoch !== null && state.bestEpoch !== lastEpoch;
}
