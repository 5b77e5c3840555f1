// Grid search: the cartesian product of a few evenly spaced values per numeric parameter and every
// option of each choice, expanding conditional parameters only where their condition holds.
import { isActive, validateSearchSpace, type ParamSpec, type ParamValue, type SearchSpace, type TrialParams } from './search-space';

/** Most configurations `gridPoints` will list; beyond this a grid is the wrong tool. */
export const MAX_GRID_POINTS = 10_000;

/** A grid that cannot be built (too many points, bad spacing); the message says what to change. */
export class GridSearchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GridSearchError';
  }
}

/**
 * The values a grid tries for one parameter: `count` points evenly spaced from min to max (in log space for
 * scale 'log'; one point means the middle), ints rounded and deduplicated; a choice's options in order.
 */
export function gridAxis(spec: ParamSpec, count: number): ParamValue[] {
  if (spec.kind === 'choice') return [...spec.options];
  const log = spec.scale === 'log';
  const lo = log ? Math.log(spec.min) : spec.min;
  const hi = log ? Math.log(spec.max) : spec.max;
  const values: number[] = [];
  for (let i = 0; i < count; i++) {
    const t = count === 1 ? 0.5 : i / (count - 1);
    let v = log ? Math.exp(lo + t * (hi - lo)) : lo + t * (hi - lo);
    // Pin the ends exactly: exp(log(max)) can land one ulp outside the bounds.
    if (count > 1 && i === 0) v = spec.min;
    if (count > 1 && i === count - 1) v = spec.max;
    if (spec.kind === 'int') v = Math.round(v);
    if (!values.includes(v)) values.push(v);
  }
  return values;
}

/**
 * Every configuration of the grid, in a fixed order (the first parameter varies slowest). Numeric axes get
 * `pointsPerNumeric` values (a whole number ≥ 1); a parameter whose condition is false contributes nothing,
 * so no two configurations are equal. Throws SearchSpaceError for a bad space and GridSearchError when
 * the grid would hold more than `maxPoints` (default MAX_GRID_POINTS) configurations.
 */
export function gridPoints(space: SearchSpace, pointsPerNumeric: number, maxPoints: number = MAX_GRID_POINTS): TrialParams[] {
  validateSearchSpace(space);
  if (!Number.isInteger(pointsPerNumeric) || pointsPerNumeric < 1) {
    throw new GridSearchError(`Grid search needs a whole number of points per numeric parameter (1 or more), not ${pointsPerNumeric}.`);
  }
  const axes = space.params.map((spec) => gridAxis(spec, pointsPerNumeric));
  const points: TrialParams[] = [];
  // Depth-first over parameters in order: conditions only look at earlier parameters, already fixed here.
  const expand = (index: number, partial: TrialParams): void => {
    if (index === space.params.length) {
      if (points.length >= maxPoints) {
        throw new GridSearchError(
          `The grid has more than ${maxPoints} configurations; use fewer points per numeric parameter (now ${pointsPerNumeric}), fewer options, or random or Bayesian search.`,
        );
      }
      points.push({ ...partial });
      return;
    }
    const spec = space.params[index];
    if (!isActive(spec, partial)) {
      expand(index + 1, partial);
      return;
    }
    for (const value of axes[index]) {
      partial[spec.name] = value;
      expand(index + 1, partial);
    }
    delete partial[spec.name];
  };
  expand(0, {});
  return points;
}
