// Bayesian optimization as a stateless proposer: a space-filling start, then a Gaussian process on the
// encoded observations, constant-liar imputation of pending trials, and log expected improvement maximized
// over random and local candidates. Values are MINIMIZED; every call recomputes from the history it is given.
import type { RandomSource } from '../random';
import { logExpectedImprovement } from './acquisition';
import { fitGaussianProcess, type GaussianProcess } from './gaussian-process';
import {
  decodeParams, encodeParams, paramsKey, sampleParams, validateSearchSpace, type SearchSpace, type TrialParams,
} from './search-space';

/** A finished trial: its configuration and the value it reached (lower is better; NaN for a diverged run). */
export interface Observation {
  params: TrialParams;
  value: number;
}

export interface BayesianOptions {
  /** Trials (observed plus pending) proposed by the space-filling design before the GP takes over (whole number ≥ 1). */
  initialRandom: number;
  /** Random candidates scored per proposal, before local refinement (whole number ≥ 1; default 1000). */
  candidates?: number;
}

/** Random candidates per proposal when `BayesianOptions.candidates` is not given. */
export const DEFAULT_BAYESIAN_CANDIDATES = 1000;

/** Draws per space-filling proposal: the one farthest from every earlier trial wins (greedy maximin). */
const SPACE_FILLING_DRAWS = 64;

function normal(random: RandomSource): number {
  // Box–Muller; 1 − u keeps the logarithm's argument in (0, 1].
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

function squaredDistance(a: number[], b: number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
  return s;
}

/** Greedy maximin design: among several random draws, the unseen one farthest from the earlier trials. */
function proposeSpaceFilling(space: SearchSpace, earlier: number[][], seen: Set<string>, random: RandomSource): TrialParams {
  let best: TrialParams | undefined;
  let bestDistance = -1;
  for (let draw = 0; draw < SPACE_FILLING_DRAWS; draw++) {
    const params = sampleParams(space, random);
    if (seen.has(paramsKey(params))) continue;
    const point = encodeParams(space, params);
    const distance = earlier.reduce((m, e) => Math.min(m, squaredDistance(point, e)), Infinity);
    if (distance > bestDistance) { best = params; bestDistance = distance; }
    if (earlier.length === 0) break;
  }
  return best ?? sampleParams(space, random);
}

/** Moves `center` by Gaussian steps of `scale` per unit-cube coordinate, then snaps it to a valid configuration. */
function perturb(space: SearchSpace, center: number[], scale: number, random: RandomSource): number[] {
  const moved = center.map((c) => Math.min(1, Math.max(0, c + scale * normal(random))));
  return encodeParams(space, decodeParams(space, moved));
}

/**
 * The next configuration to evaluate. With fewer than `initialRandom` observed-plus-pending trials (or fewer
 * than two finite observations) it returns a space-filling random draw. Otherwise it fits a GP to the
 * encoded observations (non-finite values count as the worst finite one), conditions it on the pending
 * trials at the best value so far (constant liar: parallel proposals spread out), and returns the
 * candidate of highest log expected improvement that is not already observed or pending. Deterministic for
 * a given `random` stream; throws SearchSpaceError or RangeError for a bad space or options.
 */
export function proposeBayesian(
  space: SearchSpace, observations: Observation[], pending: TrialParams[], options: BayesianOptions, random: RandomSource,
): TrialParams {
  validateSearchSpace(space);
  const { initialRandom, candidates = DEFAULT_BAYESIAN_CANDIDATES } = options;
  if (!Number.isInteger(initialRandom) || initialRandom < 1) throw new RangeError(`Bayesian search needs a whole number of initial random trials (1 or more), not ${initialRandom}.`);
  if (!Number.isInteger(candidates) || candidates < 1) throw new RangeError(`Bayesian search needs a whole number of candidates per proposal (1 or more), not ${candidates}.`);
  const seen = new Set([...observations.map((o) => paramsKey(o.params)), ...pending.map(paramsKey)]);
  const finite = observations.filter((o) => Number.isFinite(o.value));
  if (observations.length + pending.length < initialRandom || finite.length < 2) {
    const earlier = [...observations.map((o) => o.params), ...pending].map((p) => encodeParams(space, p));
    return proposeSpaceFilling(space, earlier, seen, random);
  }
  const worst = Math.max(...finite.map((o) => o.value));
  const x = observations.map((o) => encodeParams(space, o.params));
  const y = observations.map((o) => (Number.isFinite(o.value) ? o.value : worst));
  const best = Math.min(...y);
  let gp: GaussianProcess = fitGaussianProcess(x, y, random);
  if (pending.length > 0) gp = gp.withObservations(pending.map((p) => encodeParams(space, p)), pending.map(() => best));
  // Plain EI (xi = 0): on Branin and Hartmann-6 a positive margin only slowed the final approach.
  const score = (point: number[]): number => {
    const { mean, variance } = gp.predict(point);
    return logExpectedImprovement(mean, variance, best, 0);
  };
  const scored: { point: number[]; score: number }[] = [];
  const add = (point: number[]): void => { scored.push({ point, score: score(point) }); };
  for (let c = 0; c < candidates; c++) add(encodeParams(space, sampleParams(space, random)));
  // Local candidates around the best observations: EI's maximum usually sits near the incumbent, where
  // uniform candidates in many dimensions are too sparse to find it.
  const incumbents = y.map((value, i) => ({ value, i })).sort((a, b) => a.value - b.value).slice(0, 5);
  const localPerIncumbent = Math.max(10, Math.round(candidates / 20));
  for (const { i } of incumbents) {
    for (let c = 0; c < localPerIncumbent; c++) add(perturb(space, x[i], [0.2, 0.05, 0.01][c % 3], random));
  }
  // Refine the leaders with shrinking steps (a cheap derivative-free hill climb on the acquisition).
  scored.sort((a, b) => b.score - a.score);
  const leaders = scored.slice(0, 5);
  for (let round = 0, step = 0.05; round < 4; round++, step *= 0.4) {
    for (const leader of leaders) {
      for (let c = 0; c < 8; c++) {
        const point = perturb(space, leader.point, step, random);
        const s = score(point);
        if (s > leader.score) { leader.point = point; leader.score = s; }
      }
    }
  }
  const ranked = [...leaders, ...scored].sort((a, b) => b.score - a.score);
  for (const { point } of ranked) {
    const params = decodeParams(space, point);
    if (!seen.has(paramsKey(params))) return params;
  }
  // Every candidate was tried already (a small discrete space): fall back to the space-filling draw.
  return proposeSpaceFilling(space, x, seen, random);
}
