// Bayesian optimization against random search on two standard test functions (Branin: minimum 0.397887 on
// [-5, 10] × [0, 15]; Hartmann-6: minimum −3.32237 on [0, 1]^6; constants from Surjanovic & Bingham's
// Virtual Library of Simulation Experiments), through the public proposeTrial, averaged over 10 seeds.
import { describe, expect, it } from 'vitest';
import { proposeTrial, type StrategySpec } from '../../../src/engine/search/strategy';
import type { Observation } from '../../../src/engine/search/bayesian-search';
import type { SearchSpace, TrialParams } from '../../../src/engine/search/search-space';

const branin = (p: TrialParams): number => {
  const x1 = p.x1 as number;
  const x2 = p.x2 as number;
  const b = 5.1 / (4 * Math.PI ** 2);
  const c = 5 / Math.PI;
  const t = 1 / (8 * Math.PI);
  return (x2 - b * x1 * x1 + c * x1 - 6) ** 2 + 10 * (1 - t) * Math.cos(x1) + 10;
};
const A = [[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14], [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]];
const P = [[1312, 1696, 5569, 124, 8283, 5886], [2329, 4135, 8307, 3736, 1004, 9991], [2348, 1451, 3522, 2883, 3047, 6650], [4047, 8828, 8732, 5743, 1091, 381]]
  .map((row) => row.map((v) => v * 1e-4));
const ALPHA = [1, 1.2, 3, 3.2];
const hartmann6 = (p: TrialParams): number => {
  const x = [1, 2, 3, 4, 5, 6].map((i) => p[`x${i}`] as number);
  return -ALPHA.reduce((sum, a, i) => sum + a * Math.exp(-A[i].reduce((e, aij, j) => e + aij * (x[j] - P[i][j]) ** 2, 0)), 0);
};
const BRANIN_SPACE: SearchSpace = { version: 1, params: [
  { kind: 'float', name: 'x1', min: -5, max: 10, scale: 'linear' }, { kind: 'float', name: 'x2', min: 0, max: 15, scale: 'linear' },
] };
const HARTMANN_SPACE: SearchSpace = { version: 1, params: [1, 2, 3, 4, 5, 6].map((i) => ({ kind: 'float' as const, name: `x${i}`, min: 0, max: 1, scale: 'linear' as const })) };
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

/** Evaluations until the best value is at or below `threshold`; `budget` when it never is (a censored count). */
function evaluationsToReach(strategy: StrategySpec, space: SearchSpace, f: (p: TrialParams) => number, threshold: number, budget: number, seed: number): { evaluations: number; reached: boolean } {
  const observations: Observation[] = [];
  for (let i = 0; i < budget; i++) {
    // Random search draws independently, so it is given no history (its duplicate check would make it O(n²)).
    const history = strategy.kind === 'random' ? { observations: [], pending: [] } : { observations, pending: [] };
    const params = proposeTrial(strategy, space, history, seed, i)!;
    const value = f(params);
    observations.push({ params, value });
    if (value <= threshold) return { evaluations: i + 1, reached: true };
  }
  return { evaluations: budget, reached: false };
}

function compare(space: SearchSpace, f: (p: TrialParams) => number, threshold: number, bayesBudget: number, randomBudget: number) {
  const bayes = SEEDS.map((s) => evaluationsToReach({ kind: 'bayesian', initialRandom: 8 }, space, f, threshold, bayesBudget, s));
  const random = SEEDS.map((s) => evaluationsToReach({ kind: 'random' }, space, f, threshold, randomBudget, s));
  const mean = (runs: { evaluations: number }[]) => runs.reduce((sum, r) => sum + r.evaluations, 0) / runs.length;
  return { bayes, random, bayesMean: mean(bayes), randomMean: mean(random) };
}

describe('Bayesian optimization beats random search', () => {
  it('Branin: within 1% of the minimum in every seed, in far fewer evaluations on average', () => {
    const result = compare(BRANIN_SPACE, branin, 0.397887 * 1.01, 80, 5000);
    expect(result.bayes.every((r) => r.reached), JSON.stringify(result.bayes)).toBe(true);
    // Measured: Bayesian 24.7 on average (20–31); random search reached it in 2 of 10 seeds within 5,000.
    expect(result.bayesMean).toBeLessThan(40);
    expect(result.bayesMean * 10).toBeLessThan(result.randomMean);
  });

  it('Hartmann-6: within 0.1 of the minimum in fewer evaluations than random search, averaged over 10 seeds', () => {
    const result = compare(HARTMANN_SPACE, hartmann6, -3.32237 + 0.1, 100, 5000);
    // Counts are censored at the budgets (100 and 5,000): a seed that never got there counts its whole budget,
    // which favours random search. Measured: Bayesian 70.7 on average, reaching it in 5 of 10 seeds (the others
    // settle in the local minimum −3.2032); random search reached it in no seed within 5,000.
    expect(result.bayesMean).toBeLessThan(result.randomMean);
    expect(result.bayes.filter((r) => r.reached).length).toBeGreaterThanOrEqual(5);
    expect(result.bayes.filter((r) => r.reached).length).toBeGreaterThan(result.random.filter((r) => r.reached).length);
  }, 120_000);
});
