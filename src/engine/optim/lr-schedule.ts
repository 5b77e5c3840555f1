// Learning-rate schedules as plain data (LrScheduleSpec), their defaults and labels, validation, and the
// pure function giving the rate of any optimizer step. Reduce-on-plateau's state machine is in lr-plateau.ts.
import type { PlateauState } from './lr-plateau';
import type { MonitorMode } from './metric-monitor';

/** The base learning rate all along. */
export interface ConstantSchedule { kind: 'constant' }
/** Multiply by `factor` every `everyEpochs` epochs or every `everySteps` steps (one of the two; default every 10 epochs × 0.5). */
export interface StepSchedule { kind: 'step'; everyEpochs?: number; everySteps?: number; factor?: number }
/** Multiply by `decayRate` after each epoch (default) or each step; default 0.95 per epoch. */
export interface ExponentialSchedule { kind: 'exponential'; decayRate?: number; per?: 'epoch' | 'step' }
/** Linear warmup over `warmupSteps` (default 0), then a half cosine from the base rate down to `minLr` (default 0) at the last step. */
export interface CosineSchedule { kind: 'cosine'; warmupSteps?: number; minLr?: number }
/**
 * One-cycle (Smith & Topin 2018, the cosine-annealing variant PyTorch's OneCycleLR uses): from
 * maxLr/divFactor up to maxLr over the first pctStart of the run, then down to maxLr/(divFactor·finalDivFactor)
 * at the last step. Defaults: maxLr = the base learning rate, pctStart 0.3, divFactor 25, finalDivFactor 1e4.
 */
export interface OneCycleSchedule { kind: 'one-cycle'; maxLr?: number; pctStart?: number; divFactor?: number; finalDivFactor?: number }
/**
 * Multiply by `factor` when the monitored metric has not improved by more than `minDelta` for `patience`
 * epochs, then wait `cooldown` epochs; never below `minLr`. Keras defaults: factor 0.1, patience 10,
 * minDelta 1e-4, cooldown 0, minLr 0, monitor 'valLoss', mode 'min'.
 */
export interface PlateauSchedule {
  kind: 'reduce-on-plateau';
  monitor?: string;
  mode?: MonitorMode;
  factor?: number;
  patience?: number;
  minDelta?: number;
  cooldown?: number;
  minLr?: number;
}

export type LrScheduleSpec = ConstantSchedule | StepSchedule | ExponentialSchedule | CosineSchedule | OneCycleSchedule | PlateauSchedule;
export type LrScheduleKind = LrScheduleSpec['kind'];
export type ResolvedPlateauSchedule = Required<PlateauSchedule>;

/** Every schedule kind with its label and defaults; the UI renders its choices from this. */
export const LR_SCHEDULE_REGISTRY: { readonly [K in LrScheduleKind]: { label: string; description: string; defaults: Extract<LrScheduleSpec, { kind: K }> } } = {
  constant: { label: 'Constant', description: 'The same learning rate for the whole run.', defaults: { kind: 'constant' } },
  step: { label: 'Step decay', description: 'Cut the rate by a factor at fixed intervals.', defaults: { kind: 'step', everyEpochs: 10, factor: 0.5 } },
  exponential: { label: 'Exponential decay', description: 'Shrink the rate a little every epoch or step.', defaults: { kind: 'exponential', decayRate: 0.95, per: 'epoch' } },
  cosine: { label: 'Cosine with warmup', description: 'Ramp up, then glide down along a cosine; common for transformers.', defaults: { kind: 'cosine', warmupSteps: 0, minLr: 0 } },
  'one-cycle': { label: 'One-cycle', description: 'Up to a peak and far down again in one run; fast convergence.', defaults: { kind: 'one-cycle', pctStart: 0.3, divFactor: 25, finalDivFactor: 1e4 } },
  'reduce-on-plateau': {
    label: 'Reduce on plateau',
    description: 'Cut the rate when the validation metric stops improving.',
    defaults: { kind: 'reduce-on-plateau', monitor: 'valLoss', mode: 'min', factor: 0.1, patience: 10, minDelta: 1e-4, cooldown: 0, minLr: 0 },
  },
};

export const LR_SCHEDULE_KINDS = Object.keys(LR_SCHEDULE_REGISTRY) as LrScheduleKind[];

/** A schedule option out of range; the message names it and the accepted range. */
export class LrScheduleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LrScheduleError';
  }
}

function check(ok: boolean, message: string): void {
  if (!ok) throw new LrScheduleError(message);
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isWhole = (v: unknown, min: number): boolean => Number.isInteger(v) && (v as number) >= min;

/** Defaults filled in; `undefined` fields do not override them. */
function withDefaults<S extends LrScheduleSpec>(spec: S): S {
  const filled: Record<string, unknown> = { ...LR_SCHEDULE_REGISTRY[spec.kind].defaults };
  // A step schedule given everySteps must not also inherit the default everyEpochs.
  if (spec.kind === 'step' && spec.everySteps !== undefined) delete filled.everyEpochs;
  for (const [key, value] of Object.entries(spec)) if (value !== undefined) filled[key] = value;
  return filled as S;
}

/** The plateau spec with every field filled in and checked (LrScheduleError). */
export function resolvePlateauSchedule(spec: PlateauSchedule): ResolvedPlateauSchedule {
  const s = withDefaults(spec) as ResolvedPlateauSchedule;
  check(typeof s.monitor === 'string' && s.monitor.length > 0, 'Reduce-on-plateau needs the name of the metric to watch, such as valLoss.');
  check(s.mode === 'min' || s.mode === 'max', `Reduce-on-plateau mode must be min or max, not ${String(s.mode)}.`);
  check(isNumber(s.factor) && s.factor > 0 && s.factor < 1, `Reduce-on-plateau factor must be above 0 and below 1, not ${String(s.factor)}; 0.1 or 0.5 are usual.`);
  check(isWhole(s.patience, 0), `Reduce-on-plateau patience must be a whole number of epochs (0 or more), not ${String(s.patience)}.`);
  check(isNumber(s.minDelta) && s.minDelta >= 0, `Reduce-on-plateau min delta must be 0 or more, not ${String(s.minDelta)}.`);
  check(isWhole(s.cooldown, 0), `Reduce-on-plateau cooldown must be a whole number of epochs (0 or more), not ${String(s.cooldown)}.`);
  check(isNumber(s.minLr) && s.minLr >= 0, `Reduce-on-plateau minimum learning rate must be 0 or more, not ${String(s.minLr)}.`);
  return s;
}

/**
 * Fills defaults and checks `spec` against the base rate and the run's length (steps per epoch and
 * total optimizer steps, both whole numbers >= 1). Throws LrScheduleError naming the first bad option.
 */
export function resolveLrSchedule(spec: LrScheduleSpec, baseLr: number, stepsPerEpoch: number, totalSteps: number): LrScheduleSpec {
  const kind: unknown = (spec as { kind?: unknown } | null)?.kind;
  check(typeof kind === 'string' && Object.hasOwn(LR_SCHEDULE_REGISTRY, kind), `Unknown learning-rate schedule “${String(kind)}”; choose one of ${LR_SCHEDULE_KINDS.join(', ')}.`);
  check(isNumber(baseLr) && baseLr > 0, `The base learning rate must be above 0, not ${String(baseLr)}.`);
  check(isWhole(stepsPerEpoch, 1) && isWhole(totalSteps, 1), `Steps per epoch (${stepsPerEpoch}) and total steps (${totalSteps}) must be whole numbers of at least 1.`);
  const s = withDefaults(spec);
  switch (s.kind) {
    case 'constant':
      break;
    case 'step':
      check((s.everyEpochs === undefined) !== (s.everySteps === undefined), 'A step schedule needs exactly one of “every epochs” and “every steps”.');
      check(s.everyEpochs === undefined || isWhole(s.everyEpochs, 1), `Step schedule “every epochs” must be a whole number of at least 1, not ${String(s.everyEpochs)}.`);
      check(s.everySteps === undefined || isWhole(s.everySteps, 1), `Step schedule “every steps” must be a whole number of at least 1, not ${String(s.everySteps)}.`);
      check(isNumber(s.factor) && s.factor > 0 && s.factor <= 1, `Step schedule factor must be above 0 and at most 1, not ${String(s.factor)}; 0.5 halves the rate.`);
      break;
    case 'exponential':
      check(isNumber(s.decayRate) && s.decayRate > 0 && s.decayRate <= 1, `Exponential decay rate must be above 0 and at most 1, not ${String(s.decayRate)}; 0.95 is usual per epoch.`);
      check(s.per === 'epoch' || s.per === 'step', `Exponential decay applies per epoch or per step, not ${String(s.per)}.`);
      break;
    case 'cosine':
      check(isWhole(s.warmupSteps, 0) && (s.warmupSteps as number) < totalSteps, `Cosine warmup must be a whole number of steps below the run's ${totalSteps} steps, not ${String(s.warmupSteps)}.`);
      check(isNumber(s.minLr) && s.minLr >= 0 && s.minLr <= baseLr, `Cosine minimum learning rate must be from 0 to the base rate ${baseLr}, not ${String(s.minLr)}.`);
      break;
    case 'one-cycle':
      check(s.maxLr === undefined || (isNumber(s.maxLr) && s.maxLr > 0), `One-cycle maximum learning rate must be above 0, not ${String(s.maxLr)}.`);
      check(isNumber(s.pctStart) && s.pctStart > 0 && s.pctStart < 1, `One-cycle warm-up fraction must be above 0 and below 1, not ${String(s.pctStart)}; 0.3 is usual.`);
      check(isNumber(s.divFactor) && s.divFactor >= 1, `One-cycle start divisor must be at least 1, not ${String(s.divFactor)}; 25 is usual.`);
      check(isNumber(s.finalDivFactor) && s.finalDivFactor >= 1, `One-cycle final divisor must be at least 1, not ${String(s.finalDivFactor)}; 1e4 is usual.`);
      break;
    case 'reduce-on-plateau':
      return resolvePlateauSchedule(s);
  }
  return s;
}

/** Cosine interpolation from `from` (pct 0) to `to` (pct 1). */
function cosineBetween(from: number, to: number, pct: number): number {
  return to + ((from - to) / 2) * (1 + Math.cos(Math.PI * pct));
}

/**
 * The learning rate for the optimizer update with 0-based index `step` (the number of updates already
 * done), in a run of `totalSteps` updates with `stepsPerEpoch` per epoch. Pure; validates like
 * resolveLrSchedule. Steps past the end keep the last rate. Epoch-based schedules change at epoch
 * boundaries: epoch index = floor(step / stepsPerEpoch).
 * - step: base·factor^floor(epoch/everyEpochs) (or floor(step/everySteps))
 * - exponential: base·rate^epoch (or rate^step)
 * - cosine: (step+1)/warmup·base during warmup; then minLr + (base−minLr)/2·(1+cos(π·p)),
 *   p = (step−warmup)/(total−warmup) clamped to 1, so step = warmup gives base and step = total gives minLr.
 * - one-cycle: peak at step pctStart·(total−1): cosine from maxLr/div up to maxLr, then cosine down to
 *   maxLr/(div·finalDiv) at step total−1 (PyTorch puts the peak at pctStart·total − 1; the same within a step).
 * - reduce-on-plateau: `plateauState.lr` (the base rate before any state exists).
 */
export function learningRateAt(spec: LrScheduleSpec, baseLr: number, step: number, stepsPerEpoch: number, totalSteps: number, plateauState?: PlateauState): number {
  const s = resolveLrSchedule(spec, baseLr, stepsPerEpoch, totalSteps);
  if (!isWhole(step, 0)) throw new LrScheduleError(`The step index must be a whole number of at least 0, not ${step}.`);
  const epoch = Math.floor(step / stepsPerEpoch);
  switch (s.kind) {
    case 'constant':
      return baseLr;
    case 'step': {
      const intervals = s.everySteps !== undefined ? Math.floor(step / s.everySteps) : Math.floor(epoch / (s.everyEpochs as number));
      return baseLr * Math.pow(s.factor as number, intervals);
    }
    case 'exponential':
      return baseLr * Math.pow(s.decayRate as number, s.per === 'step' ? step : epoch);
    case 'cosine': {
      const warmup = s.warmupSteps as number;
      if (step < warmup) return (baseLr * (step + 1)) / warmup;
      return cosineBetween(baseLr, s.minLr as number, Math.min(1, (step - warmup) / (totalSteps - warmup)));
    }
    case 'one-cycle': {
      const maxLr = s.maxLr ?? baseLr;
      const initial = maxLr / (s.divFactor as number);
      const final = initial / (s.finalDivFactor as number);
      const last = totalSteps - 1;
      const at = Math.min(step, last);
      const peak = (s.pctStart as number) * last;
      if (at <= peak) return peak === 0 ? maxLr : cosineBetween(initial, maxLr, at / peak);
      return cosineBetween(maxLr, final, (at - peak) / (last - peak));
    }
    case 'reduce-on-plateau':
      return plateauState ? plateauState.lr : baseLr;
  }
}
