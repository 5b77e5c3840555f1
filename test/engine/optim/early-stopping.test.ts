// Early stopping: best epoch tracking, patience, min delta, max mode, NaN, restore decision, validation,
// and reading the monitored metric from an epoch's record.
import { describe, expect, it } from 'vitest';
import {
  createEarlyStoppingState, DEFAULT_EARLY_STOPPING, EarlyStoppingError, shouldRestoreBestWeights, updateEarlyStopping,
  type EarlyStoppingConfig, type EarlyStoppingState,
} from '../../../src/engine/optim/early-stopping';
import { isImprovement, readMonitoredMetric } from '../../../src/engine/optim/metric-monitor';

/** Runs epochs 1..n with the given values until stop; returns improved flags, the stop epoch and the state. */
function run(config: EarlyStoppingConfig, values: number[]): { improved: boolean[]; stoppedAt: number | null; state: EarlyStoppingState } {
  let state = createEarlyStoppingState();
  const improved: boolean[] = [];
  for (let i = 0; i < values.length; i += 1) {
    const r = updateEarlyStopping(config, state, i + 1, values[i]);
    state = r.state;
    improved.push(r.improved);
    if (r.stop) return { improved, stoppedAt: i + 1, state };
  }
  return { improved, stoppedAt: null, state };
}

describe('updateEarlyStopping', () => {
  it('stops after `patience` epochs without improvement and remembers the best epoch', () => {
    const config = { ...DEFAULT_EARLY_STOPPING, patience: 2 };
    const { improved, stoppedAt, state } = run(config, [1.0, 0.8, 0.85, 0.7, 0.75, 0.71, 0.5]);
    expect(improved).toEqual([true, true, false, true, false, false]);
    expect(stoppedAt).toBe(6);
    expect(state).toEqual({ bestValue: 0.7, bestEpoch: 4, badEpochs: 2, stoppedEpoch: 6 });
    // Once stopped it keeps saying stop and does not change.
    expect(updateEarlyStopping(config, state, 7, 0.1)).toEqual({ state, improved: false, stop: true });
  });

  it('runs to the end when the metric keeps improving', () => {
    expect(run({ ...DEFAULT_EARLY_STOPPING, patience: 1 }, [5, 4, 3, 2, 1]).stoppedAt).toBeNull();
  });

  it('needs more than minDelta to improve, and maximizes in max mode', () => {
    const delta = { ...DEFAULT_EARLY_STOPPING, patience: 2, minDelta: 0.1 };
    // 0.95 and 0.91 are within 0.1 of the best 1.0: no improvement.
    expect(run(delta, [1, 0.95, 0.91]).stoppedAt).toBe(3);
    const max = { ...DEFAULT_EARLY_STOPPING, monitor: 'valAccuracy', mode: 'max' as const, patience: 1 };
    const r = run(max, [0.5, 0.6, 0.55]);
    expect(r.improved).toEqual([true, true, false]);
    expect(r.state.bestEpoch).toBe(2);
  });

  it('counts NaN as no improvement; patience 0 stops at the first epoch that does not improve', () => {
    expect(run({ ...DEFAULT_EARLY_STOPPING, patience: 2 }, [NaN, 1, NaN, NaN]).state).toEqual({ bestValue: 1, bestEpoch: 2, badEpochs: 2, stoppedEpoch: 4 });
    expect(run({ ...DEFAULT_EARLY_STOPPING, patience: 0 }, [1, 0.5, 0.6]).stoppedAt).toBe(3);
  });

  it('is pure and its state survives JSON', () => {
    const state = createEarlyStoppingState();
    const r = updateEarlyStopping(DEFAULT_EARLY_STOPPING, state, 1, 0.3);
    expect(state).toEqual(createEarlyStoppingState());
    expect(JSON.parse(JSON.stringify(r.state))).toEqual(r.state);
  });

  it('validates the config and the epoch', () => {
    const s = createEarlyStoppingState();
    expect(() => updateEarlyStopping({ ...DEFAULT_EARLY_STOPPING, patience: 1.5 }, s, 1, 1)).toThrow(/patience must be a whole number/);
    expect(() => updateEarlyStopping({ ...DEFAULT_EARLY_STOPPING, minDelta: -1 }, s, 1, 1)).toThrow(EarlyStoppingError);
    expect(() => updateEarlyStopping({ ...DEFAULT_EARLY_STOPPING, mode: 'lower' as 'min' }, s, 1, 1)).toThrow(/mode must be min/);
    expect(() => updateEarlyStopping({ ...DEFAULT_EARLY_STOPPING, monitor: '' }, s, 1, 1)).toThrow(/name of the metric/);
    expect(() => updateEarlyStopping(DEFAULT_EARLY_STOPPING, s, 0, 1)).toThrow(/epoch must be/);
  });
});

describe('shouldRestoreBestWeights', () => {
  const state: EarlyStoppingState = { bestValue: 0.7, bestEpoch: 4, badEpochs: 2, stoppedEpoch: 6 };
  it('restores only when asked, when a best exists and it is not the last epoch', () => {
    expect(shouldRestoreBestWeights(DEFAULT_EARLY_STOPPING, state, 6)).toBe(true);
    expect(shouldRestoreBestWeights(DEFAULT_EARLY_STOPPING, state, 4)).toBe(false);
    expect(shouldRestoreBestWeights({ ...DEFAULT_EARLY_STOPPING, restoreBestWeights: false }, state, 6)).toBe(false);
    expect(shouldRestoreBestWeights(DEFAULT_EARLY_STOPPING, createEarlyStoppingState(), 3)).toBe(false);
  });
});

describe('metric-monitor', () => {
  it('isImprovement honours direction and min delta', () => {
    expect(isImprovement('min', 0.5, null, 0)).toBe(true);
    expect(isImprovement('min', 0.5, 0.5, 0)).toBe(false);
    expect(isImprovement('min', 0.39, 0.5, 0.1)).toBe(true);
    expect(isImprovement('min', 0.41, 0.5, 0.1)).toBe(false);
    expect(isImprovement('max', 0.61, 0.5, 0.1)).toBe(true);
    expect(isImprovement('max', Infinity, 0.5, 0)).toBe(false);
  });

  it('reads a metric from an epoch record and names the available ones when it is missing', () => {
    const metrics = { epoch: 3, trainLoss: 0.4, valLoss: 0.5, optimizerStep: 30, durationMs: 12 };
    expect(readMonitoredMetric(metrics, 'valLoss')).toBe(0.5);
    expect(() => readMonitoredMetric(metrics, 'valAccuracy')).toThrow(/“valAccuracy” is not reported by this run; choose one of epoch, trainLoss, valLoss/);
  });
});
