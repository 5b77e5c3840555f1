// Successive halving: the rung ladder, ASHA's promote-or-start decisions, and on a synthetic bandit with
// known means (noise shrinking as the budget grows) the true best arm survives across seeds.
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../src/engine/random';
import { nextHalvingStep, rungEpochs, successiveHalving, type HalvingTrial } from '../../../src/engine/search/successive-halving';

const trial = (id: number, rungValues: number[], running = false, open = true): HalvingTrial => ({ id, rungValues, running, open });

describe('rungEpochs', () => {
  it('multiplies by eta up to the last rung, which is maxEpochs', () => {
    expect(rungEpochs({ minEpochs: 1, maxEpochs: 9, eta: 3 })).toEqual([1, 3, 9]);
    expect(rungEpochs({ minEpochs: 2, maxEpochs: 10, eta: 3 })).toEqual([2, 6, 10]);
    expect(rungEpochs({ minEpochs: 4, maxEpochs: 4, eta: 2 })).toEqual([4]);
  });
  it('names the bad field', () => {
    expect(() => rungEpochs({ minEpochs: 0, maxEpochs: 9, eta: 3 })).toThrow(/first rung/);
    expect(() => rungEpochs({ minEpochs: 3, maxEpochs: 2, eta: 3 })).toThrow(/last rung/);
    expect(() => rungEpochs({ minEpochs: 1, maxEpochs: 9, eta: 1 })).toThrow(/eta/);
  });
});

describe('nextHalvingStep', () => {
  const spec = { minEpochs: 1, maxEpochs: 9, eta: 3 };
  it('starts new trials until a rung holds eta values, then promotes the best', () => {
    expect(nextHalvingStep(spec, [])).toEqual({ action: 'start-new', epochs: 1 });
    expect(nextHalvingStep(spec, [trial(0, [0.5]), trial(1, [0.2])])).toEqual({ action: 'start-new', epochs: 1 });
    expect(nextHalvingStep(spec, [trial(0, [0.5]), trial(1, [0.2]), trial(2, [0.9])])).toEqual({ action: 'promote', trialId: 1, toRung: 1, epochs: 3 });
  });
  it('promotes each top trial once, skips running or closed ones, and prefers higher rungs', () => {
    const promoted = [trial(0, [0.5]), trial(1, [0.2, 0.1]), trial(2, [0.9])];
    expect(nextHalvingStep(spec, promoted)).toEqual({ action: 'start-new', epochs: 1 });
    expect(nextHalvingStep(spec, [trial(0, [0.5]), trial(1, [0.2], true), trial(2, [0.9])])).toEqual({ action: 'start-new', epochs: 1 });
    expect(nextHalvingStep(spec, [trial(0, [0.5]), trial(1, [0.2], false, false), trial(2, [0.9])])).toEqual({ action: 'start-new', epochs: 1 });
    const deep = [0.1, 0.2, 0.3].map((v, i) => trial(i, [v, v])).concat([3, 4, 5, 6, 7, 8].map((i) => trial(i, [1 + i])));
    expect(nextHalvingStep(spec, deep)).toEqual({ action: 'promote', trialId: 0, toRung: 2, epochs: 9 });
  });
});

describe('successiveHalving on a bandit', () => {
  it('keeps the true best arm across seeds', () => {
    const spec = { minEpochs: 1, maxEpochs: 27, eta: 3 };
    for (let seed = 1; seed <= 10; seed++) {
      const random = createRandom(seed);
      const means = Array.from({ length: 27 }, () => random());
      const bestArm = means.indexOf(Math.min(...means));
      // The best arm is clearly best (0.05 below the next), but one pull's noise (σ 0.3) hides it at the first rung.
      means[bestArm] = Math.min(...means.filter((_, i) => i !== bestArm)) - 0.05;
      const noise = createRandom(seed + 100);
      const gaussian = () => Math.sqrt(-2 * Math.log(1 - noise())) * Math.cos(2 * Math.PI * noise());
      // A budget of e epochs averages e pulls: the noise shrinks as 1/√e.
      const result = successiveHalving(27, spec, (arm, epochs) => means[arm] + (0.3 * gaussian()) / Math.sqrt(epochs * 40));
      expect(result.rungs.map((r) => r.length)).toEqual([27, 9, 3, 1]);
      expect(result.survivor, `seed ${seed}`).toBe(bestArm);
    }
  });
});
