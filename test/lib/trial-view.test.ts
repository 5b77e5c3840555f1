// Tests for the Tune screen's pure view logic: parallel-coordinates scales, ticks and gaps, the score colour
// ramp, the best-so-far staircase, trial sorting (absent values last) and cell formatting.
import { describe, expect, it } from 'vitest';
import {
  axisPosition, axisTicks, bestSoFar, bestSoFarSteps, bestTrial, defaultSort, describePlot, describeRow, formatValue,
  goodnessScale, nextSort, resolveAxis, scoreColor, scoredPoints, segmentsOf, sortTrials, truncate, type SortableTrial,
} from '../../src/components/tune/trial-view';

describe('axis scales', () => {
  it('places linear values between the bounds, clamped, and fits missing bounds to the data', () => {
    const axis = resolveAxis({ name: 'd', label: 'Dropout', kind: 'linear', min: 0, max: 0.5 }, []);
    expect(axisPosition(axis, 0.25)).toBeCloseTo(0.5);
    expect(axisPosition(axis, 0.9)).toBe(1);
    expect(axisPosition(axis, undefined)).toBeNull();
    expect(axisPosition(axis, 'adam')).toBeNull();
    const fitted = resolveAxis({ name: 'u', label: 'Units', kind: 'linear' }, [8, 64, undefined, 32]);
    expect([fitted.lo, fitted.hi]).toEqual([8, 64]);
    expect(axisPosition(fitted, 36)).toBeCloseTo(0.5);
    const flat = resolveAxis({ name: 'u', label: 'Units', kind: 'linear' }, [5, 5]);
    expect(axisPosition(flat, 5)).toBe(0.5);
  });

  it('spaces log values by order of magnitude and rejects values <= 0', () => {
    const axis = resolveAxis({ name: 'lr', label: 'Learning rate', kind: 'log', min: 1e-4, max: 1e-1 }, []);
    expect(axisPosition(axis, 1e-4)).toBeCloseTo(0);
    expect(axisPosition(axis, 1e-3)).toBeCloseTo(1 / 3);
    expect(axisPosition(axis, 1e-2)).toBeCloseTo(2 / 3);
    expect(axisPosition(axis, 0)).toBeNull();
    expect(axisTicks(axis).map((t) => t.label)).toEqual(['1e-4', '0.1', '0.001', '0.01']);
  });

  it('spaces choices evenly, in declared order, adding unseen values at the end', () => {
    const axis = resolveAxis({ name: 'opt', label: 'Optimizer', kind: 'choice', options: ['sgd', 'adam', 'rmsprop'] }, ['adam', 'adagrad']);
    expect(axis.categories).toEqual(['sgd', 'adam', 'rmsprop', 'adagrad']);
    expect(axisPosition(axis, 'sgd')).toBe(0);
    expect(axisPosition(axis, 'rmsprop')).toBeCloseTo(2 / 3);
    expect(axisPosition(axis, 'nadam')).toBeNull();
    expect(axisTicks(axis).map((t) => [t.label, t.position])).toEqual([['sgd', 0], ['adam', 1 / 3], ['rmsprop', 2 / 3], ['adagrad', 1]]);
    const one = resolveAxis({ name: 'b', label: 'Bias', kind: 'choice', options: [true] }, []);
    expect(axisPosition(one, true)).toBe(0.5);
    expect(axisPosition(one, false)).toBeNull();
  });

  it('labels a linear axis with its min and max', () => {
    const axis = resolveAxis({ name: 'd', label: 'Dropout', kind: 'linear', min: 0, max: 0.5 }, []);
    expect(axisTicks(axis)).toEqual([{ position: 0, label: '0' }, { position: 1, label: '0.5' }]);
  });
});

describe('lines and colours', () => {
  it('breaks a polyline at missing values', () => {
    expect(segmentsOf([1, 2, null, 3, null, null, 4, 5])).toEqual([[1, 2], [3], [4, 5]]);
    expect(segmentsOf([null, null])).toEqual([]);
  });

  it('maps the best score to goodness 1 in either direction', () => {
    const lower = goodnessScale([0.2, 0.6, null, 1.0], true);
    expect(lower(0.2)).toBe(1);
    expect(lower(1.0)).toBe(0);
    expect(lower(0.6)).toBeCloseTo(0.5);
    expect(lower(undefined)).toBeNull();
    const higher = goodnessScale([0.2, 1.0], false);
    expect(higher(1.0)).toBe(1);
    expect(goodnessScale([3, 3], true)(3)).toBe(1);
  });

  it('darkens with goodness', () => {
    expect(scoreColor(0)).toBe('#c6dbef');
    expect(scoreColor(1)).toBe('#08306b');
    const lightness = (hex: string) => [1, 3, 5].reduce((s, k) => s + parseInt(hex.slice(k, k + 2), 16), 0);
    expect(lightness(scoreColor(0.3))).toBeGreaterThan(lightness(scoreColor(0.7)));
    expect(scoreColor(0.5)).toMatch(/^#[0-9a-f]{6}$/);
  });
});

describe('best so far', () => {
  it('keeps the running best, skipping trials without a score', () => {
    expect(bestSoFar([null, 0.5, 0.7, null, 0.3, 0.4], true)).toEqual([null, 0.5, 0.5, 0.5, 0.3, 0.3]);
    expect(bestSoFar([0.5, 0.7, 0.6], false)).toEqual([0.5, 0.7, 0.7]);
  });

  it('draws a staircase in 1-based trial numbers that runs to the last trial', () => {
    expect(bestSoFarSteps([null, 0.5, 0.7, null, 0.3, 0.4], true)).toEqual({ x: [2, 5, 5, 6], y: [0.5, 0.5, 0.3, 0.3] });
    expect(bestSoFarSteps([0.9], true)).toEqual({ x: [1], y: [0.9] });
    expect(bestSoFarSteps([null, null], true)).toEqual({ x: [], y: [] });
    expect(scoredPoints([null, 0.5, null, 0.2])).toEqual({ x: [2, 4], y: [0.5, 0.2] });
  });
});

describe('trial sorting', () => {
  const trial = (index: number, score: number | undefined, params: SortableTrial['params'] = {}): SortableTrial =>
    ({ index, status: score === undefined ? 'failed' : 'completed', params, score, epochs: 10 - index });
  const trials = [trial(0, 0.4, { lr: 0.01 }), trial(1, undefined, { lr: 0.1 }), trial(2, 0.2), trial(3, 0.9, { lr: 0.001 }), trial(4, 0.2)];

  it('puts the best score first by default and trials without a score last', () => {
    expect(sortTrials(trials, defaultSort(true)).map((t) => t.index)).toEqual([2, 4, 0, 3, 1]);
    expect(sortTrials(trials, defaultSort(false)).map((t) => t.index)).toEqual([3, 0, 2, 4, 1]);
  });

  it('keeps absent parameter values last in both directions', () => {
    expect(sortTrials(trials, { key: 'param:lr', descending: false }).map((t) => t.index)).toEqual([3, 0, 1, 2, 4]);
    expect(sortTrials(trials, { key: 'param:lr', descending: true }).map((t) => t.index)).toEqual([1, 0, 3, 2, 4]);
    expect(sortTrials(trials, { key: 'epochs', descending: false }).map((t) => t.index)).toEqual([4, 3, 2, 1, 0]);
    expect(sortTrials(trials, { key: 'status', descending: false }).map((t) => t.index)).toEqual([0, 2, 3, 4, 1]);
  });

  it('flips on a second click and starts a new column ascending (score: best first)', () => {
    const start = defaultSort(true);
    expect(nextSort(start, 'score', true)).toEqual({ key: 'score', descending: true });
    expect(nextSort(start, 'index', true)).toEqual({ key: 'index', descending: false });
    expect(nextSort({ key: 'index', descending: false }, 'score', false)).toEqual({ key: 'score', descending: true });
  });

  it('finds the best trial, the earliest on a tie', () => {
    expect(bestTrial(trials, true)).toBe(2);
    expect(bestTrial(trials, false)).toBe(3);
    expect(bestTrial([{ index: 0 }], true)).toBeUndefined();
  });
});

describe('formatting', () => {
  it('shows numbers with 3–4 significant digits and a dash when absent', () => {
    expect(formatValue(0.0123456)).toBe('0.01235');
    expect(formatValue(0.00012345)).toBe('1.23e-4');
    expect(formatValue(1e-5)).toBe('1e-5');
    expect(formatValue(123456.7)).toBe('1.23e5');
    expect(formatValue(64)).toBe(64 + '');
    expect(formatValue(0.1 + 0.2)).toBe('0.3');
    expect(formatValue(undefined)).toBe('—');
    expect(formatValue(Number.NaN)).toBe('—');
    expect(formatValue(true)).toBe('true');
    expect(formatValue('adam')).toBe('adam');
  });

  it('summarizes the plot and a row', () => {
    expect(describePlot(12, 3)).toBe('12 trials across 3 parameters');
    expect(describePlot(1, 1)).toBe('1 trial across 1 parameter');
    const axes = [{ name: 'lr', label: 'Learning rate', kind: 'log' as const }, { name: 'm', label: 'Momentum', kind: 'linear' as const }];
    expect(describeRow({ id: 3, values: { lr: 0.001 }, score: 0.25 }, axes, 'Val loss')).toBe('Trial 4\nLearning rate: 0.001\nMomentum: — (inactive)\nVal loss: 0.25');
    expect(truncate('Learning rate', 6)).toBe('Learn…');
    expect(truncate('Units', 6)).toBe('Units');
  });
});
