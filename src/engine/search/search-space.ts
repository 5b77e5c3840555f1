// The hyperparameter search space: typed parameter specs (float, int, choice, optionally conditional),
// their validation, seeded sampling, the unit-cube encoding the Gaussian process works in, and a
// canonical key for spotting duplicate configurations. Everything here is plain, cloneable data.
import type { RandomSource } from '../random';

export type ParamValue = string | number | boolean;

/** Active only when another parameter takes one of the listed values (e.g. momentum only when optimizer is 'sgd'). */
export interface ParamCondition {
  /** Name of an earlier `choice` parameter in the same space. */
  param: string;
  /** Values of that parameter (each one of its options) for which this parameter exists. */
  oneOf: ParamValue[];
}

/**
 * One searched parameter. Numeric bounds are inclusive and in the parameter's own units (e.g. a learning
 * rate 1e-5..1e-1 with scale 'log'); 'log' spreads samples evenly over orders of magnitude and needs min > 0.
 * `label` is the human name shown by the UI; `name` is the key in `TrialParams`.
 */
export type ParamSpec =
  | { kind: 'float'; name: string; label?: string; min: number; max: number; scale: 'linear' | 'log'; when?: ParamCondition }
  | { kind: 'int'; name: string; label?: string; min: number; max: number; scale: 'linear' | 'log'; when?: ParamCondition }
  | { kind: 'choice'; name: string; label?: string; options: ParamValue[]; when?: ParamCondition };

/** A versioned list of parameters; a condition may only refer to a parameter listed before it. */
export interface SearchSpace {
  version: 1;
  params: ParamSpec[];
}

/** One configuration; parameters whose condition is false are absent. */
export type TrialParams = Record<string, ParamValue>;

/** A search space (or a configuration for it) that cannot be used; the message names the parameter and the fix. */
export class SearchSpaceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SearchSpaceError';
  }
}

function isParamValue(v: unknown): v is ParamValue {
  return typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
}

function validateNumeric(spec: Extract<ParamSpec, { kind: 'float' | 'int' }>): void {
  const { name, min, max, scale } = spec;
  if (!Number.isFinite(min) || !Number.isFinite(max)) throw new SearchSpaceError(`Parameter "${name}" needs finite min and max bounds, got ${min} and ${max}.`);
  if (!(min < max)) throw new SearchSpaceError(`Parameter "${name}" needs min < max (got min ${min}, max ${max}); swap them or use a choice with one option.`);
  if (scale !== 'linear' && scale !== 'log') throw new SearchSpaceError(`Parameter "${name}" has scale ${String(scale)}; use 'linear' or 'log'.`);
  if (scale === 'log' && min <= 0) throw new SearchSpaceError(`Parameter "${name}" uses a log scale, which needs min > 0 (got ${min}); raise min or use scale 'linear'.`);
  if (spec.kind === 'int' && (!Number.isInteger(min) || !Number.isInteger(max))) {
    throw new SearchSpaceError(`Integer parameter "${name}" needs whole-number bounds (got ${min} and ${max}); round them or make it a float.`);
  }
}

/**
 * Throws SearchSpaceError for the first problem: no parameters, an empty or repeated name, bad numeric bounds
 * (min < max, finite, log scale needs min > 0, int bounds whole numbers), a choice without options or with a
 * repeated option, or a condition that does not name an earlier choice parameter and values among its options.
 */
export function validateSearchSpace(space: SearchSpace): void {
  if (!space || space.version !== 1) throw new SearchSpaceError(`Search space version must be 1, got ${String(space?.version)}; re-create the space.`);
  if (!Array.isArray(space.params) || space.params.length === 0) throw new SearchSpaceError('The search space has no parameters; add at least one parameter to search over.');
  const seen = new Map<string, ParamSpec>();
  for (const spec of space.params) {
    if (typeof spec.name !== 'string' || spec.name.length === 0) throw new SearchSpaceError('Every search parameter needs a non-empty name.');
    if (seen.has(spec.name)) throw new SearchSpaceError(`Parameter name "${spec.name}" appears twice; give each parameter a unique name.`);
    if (spec.kind === 'float' || spec.kind === 'int') validateNumeric(spec);
    else if (spec.kind === 'choice') {
      if (!Array.isArray(spec.options) || spec.options.length === 0) throw new SearchSpaceError(`Choice parameter "${spec.name}" has no options; list at least one.`);
      const bad = spec.options.find((o) => !isParamValue(o));
      if (bad !== undefined) throw new SearchSpaceError(`Choice parameter "${spec.name}" has option ${String(bad)}; options must be strings, booleans or finite numbers.`);
      if (new Set(spec.options).size !== spec.options.length) throw new SearchSpaceError(`Choice parameter "${spec.name}" lists an option twice; remove the duplicate.`);
    } else throw new SearchSpaceError(`Parameter "${(spec as ParamSpec).name}" has unknown kind ${String((spec as { kind: unknown }).kind)}; use float, int or choice.`);
    if (spec.when) {
      const parent = seen.get(spec.when.param);
      if (!parent || parent.kind !== 'choice') {
        throw new SearchSpaceError(`Parameter "${spec.name}" depends on "${spec.when.param}", which must be a choice parameter listed before it.`);
      }
      if (!Array.isArray(spec.when.oneOf) || spec.when.oneOf.length === 0) throw new SearchSpaceError(`Parameter "${spec.name}" has a condition with no values; list the values of "${parent.name}" for which it applies.`);
      const stray = spec.when.oneOf.find((v) => !parent.options.includes(v));
      if (stray !== undefined) throw new SearchSpaceError(`Parameter "${spec.name}" depends on "${parent.name}" being ${String(stray)}, which is not one of its options.`);
    }
    seen.set(spec.name, spec);
  }
}

/** Whether `spec` exists in a configuration whose earlier parameters are `params` (no condition: always). */
export function isActive(spec: ParamSpec, params: TrialParams): boolean {
  if (!spec.when) return true;
  const { param, oneOf } = spec.when;
  return Object.prototype.hasOwnProperty.call(params, param) && oneOf.includes(params[param]);
}

/** Integers get cells of equal width: [min − ½, max + ½], so rounding a decoded value is fair to both ends. */
function numericRange(spec: Extract<ParamSpec, { kind: 'float' | 'int' }>): [number, number] {
  const pad = spec.kind === 'int' ? 0.5 : 0;
  const lo = spec.min - pad;
  const hi = spec.max + pad;
  return spec.scale === 'log' ? [Math.log(lo), Math.log(hi)] : [lo, hi];
}

/** Maps u in [0, 1] to the parameter's value (clamped to its bounds; ints rounded). */
function fromUnit(spec: Extract<ParamSpec, { kind: 'float' | 'int' }>, u: number): number {
  const [lo, hi] = numericRange(spec);
  const t = lo + Math.min(1, Math.max(0, u)) * (hi - lo);
  let value = spec.scale === 'log' ? Math.exp(t) : t;
  if (spec.kind === 'int') value = Math.round(value);
  return Math.min(spec.max, Math.max(spec.min, value));
}

function toUnit(spec: Extract<ParamSpec, { kind: 'float' | 'int' }>, value: number): number {
  const [lo, hi] = numericRange(spec);
  const t = spec.scale === 'log' ? Math.log(value) : value;
  return Math.min(1, Math.max(0, (t - lo) / (hi - lo)));
}

/**
 * Draws one configuration: numeric values uniform in the parameter's scale (log: uniform in log space),
 * ints uniform over their cells, choices uniform over options; inactive parameters are left out.
 * Consumes one draw of `random` per active parameter.
 */
export function sampleParams(space: SearchSpace, random: RandomSource): TrialParams {
  const params: TrialParams = {};
  for (const spec of space.params) {
    if (!isActive(spec, params)) continue;
    const u = random();
    if (spec.kind === 'choice') params[spec.name] = spec.options[Math.min(spec.options.length - 1, Math.floor(u * spec.options.length))];
    else params[spec.name] = fromUnit(spec, u);
  }
  return params;
}

/** Length of `encodeParams`' vector: one per numeric parameter plus one per choice option. */
export function encodedDimension(space: SearchSpace): number {
  return space.params.reduce((sum, spec) => sum + (spec.kind === 'choice' ? spec.options.length : 1), 0);
}

/**
 * Unit-cube encoding for the GP: numeric → [0,1] (log scale in log space), choice → one-hot; inactive → 0.5 / all zeros.
 * Throws SearchSpaceError when an active parameter is missing, is not a number, or is not one of its options.
 */
export function encodeParams(space: SearchSpace, params: TrialParams): number[] {
  const point: number[] = [];
  for (const spec of space.params) {
    const active = isActive(spec, params);
    const value = params[spec.name];
    if (active && value === undefined) throw new SearchSpaceError(`The configuration has no value for "${spec.name}"; it was made for a different search space.`);
    if (spec.kind === 'choice') {
      const index = active ? spec.options.indexOf(value) : -1;
      if (active && index < 0) throw new SearchSpaceError(`"${String(value)}" is not an option of "${spec.name}" (options: ${spec.options.join(', ')}).`);
      for (let i = 0; i < spec.options.length; i++) point.push(i === index ? 1 : 0);
    } else if (!active) point.push(0.5);
    else if (typeof value !== 'number' || !Number.isFinite(value)) throw new SearchSpaceError(`"${spec.name}" must be a finite number, got ${String(value)}.`);
    else point.push(toUnit(spec, value));
  }
  return point;
}

/** The configuration nearest to a point of the unit cube: rounding ints, argmax one-hot, dropping inactive. */
export function decodeParams(space: SearchSpace, point: number[]): TrialParams {
  if (point.length !== encodedDimension(space)) {
    throw new SearchSpaceError(`An encoded point for this space has ${encodedDimension(space)} numbers, got ${point.length}.`);
  }
  const params: TrialParams = {};
  let offset = 0;
  for (const spec of space.params) {
    const width = spec.kind === 'choice' ? spec.options.length : 1;
    // Decode even when inactive so offsets stay aligned; the parent is decoded first, so the check is final.
    if (isActive(spec, params)) {
      if (spec.kind === 'choice') {
        let best = 0;
        for (let i = 1; i < width; i++) if (point[offset + i] > point[offset + best]) best = i;
        params[spec.name] = spec.options[best];
      } else params[spec.name] = fromUnit(spec, point[offset]);
    }
    offset += width;
  }
  return params;
}

/** Canonical string for dedup: the same parameters and values give the same key whatever the key order. */
export function paramsKey(params: TrialParams): string {
  return JSON.stringify(Object.keys(params).sort().map((key) => [key, params[key]]));
}
