// The search-strategy registry the worker calls: grid, random and Bayesian search behind one stateless
// `proposeTrial`, with labels, descriptions and defaults for the UI's forms.
import { createRandom, deriveSeed } from '../random';
import { proposeBayesian, type Observation } from './bayesian-search';
import { gridPoints } from './grid-search';
import { paramsKey, sampleParams, validateSearchSpace, type SearchSpace, type TrialParams } from './search-space';

/** How to pick configurations; plain data, stored with the search. */
export type StrategySpec =
  | { kind: 'grid'; pointsPerNumeric: number }
  | { kind: 'random' }
  | { kind: 'bayesian'; initialRandom: number };

/** A strategy spec with an unknown kind or an option out of range; the message names the fix. */
export class SearchStrategyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SearchStrategyError';
  }
}

/** Every strategy with its human label, a one-line description and default options. */
export const SEARCH_STRATEGIES: Record<StrategySpec['kind'], { label: string; description: string; defaults: StrategySpec }> = {
  grid: {
    label: 'Grid search',
    description: 'Tries every combination of a few evenly spaced values per number and every option per choice.',
    defaults: { kind: 'grid', pointsPerNumeric: 3 },
  },
  random: {
    label: 'Random search',
    description: 'Draws each configuration at random (log-scaled parameters evenly over orders of magnitude).',
    defaults: { kind: 'random' },
  },
  bayesian: {
    label: 'Bayesian optimization',
    description: 'Starts with a few spread-out trials, then models the results with a Gaussian process and tries where improvement is most expected.',
    defaults: { kind: 'bayesian', initialRandom: 8 },
  },
};

/** Most points per numeric axis and initial random trials accepted: beyond these the options are typos. */
const MAX_POINTS_PER_NUMERIC = 100;
const MAX_INITIAL_RANDOM = 1000;

/** Random draws made to find a configuration not tried yet before accepting a repeat (small discrete spaces). */
const RANDOM_ATTEMPTS = 256;

/** Throws SearchStrategyError for an unknown kind or an out-of-range option. */
export function validateStrategy(strategy: StrategySpec): void {
  const kind = (strategy as { kind?: unknown } | undefined)?.kind;
  if (kind === 'grid') {
    const { pointsPerNumeric } = strategy as Extract<StrategySpec, { kind: 'grid' }>;
    if (!Number.isInteger(pointsPerNumeric) || pointsPerNumeric < 1 || pointsPerNumeric > MAX_POINTS_PER_NUMERIC) {
      throw new SearchStrategyError(`Grid search needs a whole number of points per numeric parameter from 1 to ${MAX_POINTS_PER_NUMERIC}, not ${String(pointsPerNumeric)}.`);
    }
  } else if (kind === 'bayesian') {
    const { initialRandom } = strategy as Extract<StrategySpec, { kind: 'bayesian' }>;
    if (!Number.isInteger(initialRandom) || initialRandom < 1 || initialRandom > MAX_INITIAL_RANDOM) {
      throw new SearchStrategyError(`Bayesian search needs a whole number of initial random trials from 1 to ${MAX_INITIAL_RANDOM}, not ${String(initialRandom)}.`);
    }
  } else if (kind !== 'random') {
    throw new SearchStrategyError(`Unknown search strategy ${String(kind)}; use one of ${Object.keys(SEARCH_STRATEGIES).join(', ')}.`);
  }
}

/**
 * The next configuration to try, or undefined when a grid is exhausted. Deterministic: the same seed, index and
 * history give the same answer (the caller re-runs it after a page reload, so no hidden state may be kept
 * between calls). Uses createRandom(deriveSeed(seed, trialIndex)).
 * `trialIndex` is the 0-based number of the trial being proposed; for grid search it indexes `gridPoints`
 * (the history is not consulted). Random search redraws up to 256 times to avoid repeating an observed or
 * pending configuration. Throws SearchStrategyError, SearchSpaceError or GridSearchError for bad input.
 */
export function proposeTrial(
  strategy: StrategySpec,
  space: SearchSpace,
  history: { observations: Observation[]; pending: TrialParams[] },
  seed: number,
  trialIndex: number,
): TrialParams | undefined {
  validateStrategy(strategy);
  validateSearchSpace(space);
  if (!Number.isInteger(trialIndex) || trialIndex < 0) throw new RangeError(`The trial index must be a whole number ≥ 0, not ${trialIndex}.`);
  const random = createRandom(deriveSeed(seed, trialIndex));
  switch (strategy.kind) {
    case 'grid':
      return gridPoints(space, strategy.pointsPerNumeric)[trialIndex];
    case 'random': {
      const seen = new Set([...history.observations.map((o) => paramsKey(o.params)), ...history.pending.map(paramsKey)]);
      let params = sampleParams(space, random);
      for (let attempt = 1; attempt < RANDOM_ATTEMPTS && seen.has(paramsKey(params)); attempt++) params = sampleParams(space, random);
      return params;
    }
    case 'bayesian':
      return proposeBayesian(space, history.observations, history.pending, { initialRandom: strategy.initialRandom }, random);
  }
}
