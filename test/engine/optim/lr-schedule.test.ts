// Learning-rate schedules at known points (worked out by hand from the formulas in lr-schedule.ts),
// the reduce-on-plateau state machine, and option validation.
import { describe, expect, it } from 'vitest';
import { learningRateAt, LR_SCHEDULE_KINDS, LR_SCHEDULE_REGISTRY, LrScheduleError, resolveLrSchedule, type LrScheduleSpec, type PlateauSchedule } from '../../../src/engine/optim/lr-schedule';
import { createPlateauState, updatePlateau, type PlateauState } from '../../../src/engine/optim/lr-plateau';

const at = (spec: LrScheduleSpec, step: number, stepsPerEpoch = 10, totalSteps = 100, base = 0.1) => learningRateAt(spec, base, step, stepsPerEpoch, totalSteps);

describe('learningRateAt', () => {
  it('constant stays at the base rate', () => {
    expect([0, 50, 99, 500].map((s) => at({ kind: 'constant' }, s))).toEqual([0.1, 0.1, 0.1, 0.1]);
  });

  it('step halves every 2 epochs (10 steps per epoch) or every 15 steps', () => {
    const spec: LrScheduleSpec = { kind: 'step', everyEpochs: 2, factor: 0.5 };
    expect([0, 19, 20, 39, 40].map((s) => at(spec, s))).toEqual([0.1, 0.1, 0.05, 0.05, 0.025]);
    expect([14, 15, 30].map((s) => at({ kind: 'step', everySteps: 15, factor: 0.5 }, s))).toEqual([0.1, 0.05, 0.025]);
    // Defaults: every 10 epochs × 0.5.
    expect(at({ kind: 'step' }, 99)).toBe(0.1);
    expect(at({ kind: 'step' }, 100, 10, 200)).toBe(0.05);
  });

  it('exponential multiplies by the rate per epoch or per step', () => {
    expect(at({ kind: 'exponential', decayRate: 0.5 }, 9)).toBe(0.1);
    expect(at({ kind: 'exponential', decayRate: 0.5 }, 25)).toBeCloseTo(0.025, 12);
    expect(at({ kind: 'exponential', decayRate: 0.5, per: 'step' }, 3)).toBeCloseTo(0.0125, 12);
  });

  it('cosine warms up linearly to the base rate, is halfway at mid-decay, and ends at minLr', () => {
    const spec: LrScheduleSpec = { kind: 'cosine', warmupSteps: 10, minLr: 0.001 };
    const total = 110;
    expect(at(spec, 0, 10, total)).toBeCloseTo(0.01, 12);
    expect(at(spec, 4, 10, total)).toBeCloseTo(0.05, 12);
    expect(at(spec, 9, 10, total)).toBeCloseTo(0.1, 12);
    expect(at(spec, 10, 10, total)).toBeCloseTo(0.1, 12); // warmup end = base
    expect(at(spec, 60, 10, total)).toBeCloseTo(0.0505, 12); // p = 0.5: (base + minLr) / 2
    expect(at(spec, 110, 10, total)).toBeCloseTo(0.001, 12); // end = minLr
    expect(at(spec, 500, 10, total)).toBeCloseTo(0.001, 12); // and stays there
    // No warmup, minLr 0: a plain half cosine from the base.
    expect(at({ kind: 'cosine' }, 0)).toBeCloseTo(0.1, 12);
    expect(at({ kind: 'cosine' }, 25)).toBeCloseTo(0.05 * (1 + Math.SQRT1_2), 12);
  });

  it('one-cycle rises from maxLr/div to maxLr at pctStart and falls to maxLr/(div·finalDiv) at the last step', () => {
    const spec: LrScheduleSpec = { kind: 'one-cycle', maxLr: 1, pctStart: 0.4, divFactor: 25, finalDivFactor: 1e4 };
    const lr = (s: number) => at(spec, s, 11, 11);
    const final = 0.04 / 1e4;
    expect(lr(0)).toBeCloseTo(0.04, 12);
    expect(lr(2)).toBeCloseTo(0.52, 12); // halfway up: (0.04 + 1) / 2
    expect(lr(4)).toBeCloseTo(1, 12); // peak at 0.4 · (11 - 1)
    expect(lr(7)).toBeCloseTo((1 + final) / 2, 12); // halfway down
    expect(lr(10)).toBeCloseTo(final, 12);
    expect(lr(20)).toBeCloseTo(final, 12);
    // maxLr defaults to the base rate.
    expect(at({ kind: 'one-cycle' }, 0)).toBeCloseTo(0.1 / 25, 12);
  });

  it('reduce-on-plateau reads the rate from its state', () => {
    const state: PlateauState = { ...createPlateauState(0.1), lr: 0.01 };
    expect(learningRateAt({ kind: 'reduce-on-plateau' }, 0.1, 5, 10, 100)).toBe(0.1);
    expect(learningRateAt({ kind: 'reduce-on-plateau' }, 0.1, 5, 10, 100, state)).toBe(0.01);
  });

  it('validates options with messages that say what to change', () => {
    expect(() => at({ kind: 'step', everyEpochs: 2, everySteps: 5 }, 0)).toThrow(/exactly one of/);
    expect(() => at({ kind: 'step', factor: 2 }, 0)).toThrow(/factor must be above 0 and at most 1, not 2/);
    expect(() => at({ kind: 'exponential', decayRate: 0 }, 0)).toThrow(LrScheduleError);
    expect(() => at({ kind: 'cosine', warmupSteps: 100 }, 0)).toThrow(/below the run's 100 steps/);
    expect(() => at({ kind: 'cosine', minLr: 0.5 }, 0)).toThrow(/from 0 to the base rate 0.1/);
    expect(() => at({ kind: 'one-cycle', pctStart: 1 }, 0)).toThrow(/warm-up fraction/);
    expect(() => at({ kind: 'warm-restarts' } as unknown as LrScheduleSpec, 0)).toThrow(/Unknown learning-rate schedule “warm-restarts”/);
    expect(() => at({ kind: 'constant' }, -1)).toThrow(/step index/);
    expect(() => at({ kind: 'constant' }, 0, 0)).toThrow(/Steps per epoch/);
    expect(() => learningRateAt({ kind: 'constant' }, 0, 0, 1, 1)).toThrow(/base learning rate/);
    expect(() => resolveLrSchedule({ kind: 'reduce-on-plateau', mode: 'up' as 'min' }, 0.1, 1, 1)).toThrow(/mode must be min or max/);
    for (const kind of LR_SCHEDULE_KINDS) expect(() => resolveLrSchedule(LR_SCHEDULE_REGISTRY[kind].defaults, 0.1, 10, 100)).not.toThrow();
  });
});

/** Feeds metrics one epoch at a time; returns the rate after each and the final state. */
function feed(spec: PlateauSchedule, metrics: number[], base = 1): { rates: number[]; reducedAt: number[]; state: PlateauState } {
  let state = createPlateauState(base);
  const rates: number[] = [];
  const reducedAt: number[] = [];
  metrics.forEach((m, i) => {
    const r = updatePlateau(spec, state, m);
    state = r.state;
    rates.push(state.lr);
    if (r.reduced) reducedAt.push(i + 1);
  });
  return { rates, reducedAt, state };
}

describe('updatePlateau', () => {
  it('cuts the rate after `patience` epochs without improvement, then waits out the cooldown', () => {
    const spec: PlateauSchedule = { kind: 'reduce-on-plateau', factor: 0.5, patience: 2, minDelta: 0, cooldown: 1 };
    // Epoch 1 sets best 1.0; 2 and 3 do not improve -> cut after epoch 3; epoch 4 is cooldown (not
    // counted); 5 and 6 bad -> cut after 6; epoch 7 improves.
    const { rates, reducedAt, state } = feed(spec, [1, 1.2, 1.1, 1.3, 1.0, 1.05, 0.9]);
    expect(rates).toEqual([1, 1, 0.5, 0.5, 0.5, 0.25, 0.25]);
    expect(reducedAt).toEqual([3, 6]);
    expect(state).toEqual({ lr: 0.25, best: 0.9, badEpochs: 0, cooldownLeft: 0, reductions: 2 });
  });

  it('needs more than minDelta to count as better, supports max mode, and never goes below minLr', () => {
    const min: PlateauSchedule = { kind: 'reduce-on-plateau', factor: 0.1, patience: 1, minDelta: 0.05, minLr: 0.05 };
    // 0.97 and 0.96 beat 1.0 by less than 0.05: not improvements.
    expect(feed(min, [1, 0.97, 0.96, 0.5]).rates).toEqual([1, 0.1, 0.05, 0.05]);
    expect(feed(min, [1, 0.97, 0.96, 0.9, 0.9]).reducedAt).toEqual([2, 3]); // none once at minLr
    const max: PlateauSchedule = { kind: 'reduce-on-plateau', mode: 'max', factor: 0.5, patience: 1, minDelta: 0 };
    expect(feed(max, [0.5, 0.6, 0.55, 0.7]).rates).toEqual([1, 1, 0.5, 0.5]);
  });

  it('treats NaN as no improvement and keeps its state JSON-safe', () => {
    const spec: PlateauSchedule = { kind: 'reduce-on-plateau', factor: 0.5, patience: 1 };
    const { rates, state } = feed(spec, [NaN, NaN]);
    expect(rates).toEqual([0.5, 0.25]);
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
    const before = createPlateauState(1);
    updatePlateau(spec, before, 2);
    expect(before).toEqual(createPlateauState(1)); // pure: the input state is not changed
  });
});
