// Optimizer choice as plain data: the OptimizerSpec union, documented defaults, a label registry for
// the UI, and validation that names the bad hyperparameter and its accepted range.
// The learning rate is not part of the spec: a schedule (lr-schedule.ts) supplies it per step.

export type OptimizerKind = 'sgd' | 'momentum' | 'nesterov' | 'adam' | 'adamw' | 'rmsprop' | 'adagrad';

/** Plain gradient descent: w -= lr * g. */
export interface SgdSpec { kind: 'sgd' }
/** Heavy-ball momentum (default momentum 0.9). */
export interface MomentumSpec { kind: 'momentum'; momentum?: number }
/** Nesterov momentum (default momentum 0.9). */
export interface NesterovSpec { kind: 'nesterov'; momentum?: number }
/** Adam with bias correction (defaults beta1 0.9, beta2 0.999, epsilon 1e-7 as in tfjs/Keras). */
export interface AdamSpec { kind: 'adam'; beta1?: number; beta2?: number; epsilon?: number }
/** Adam with decoupled weight decay (Adam defaults plus weightDecay 0.01, applied to every variable). */
export interface AdamWSpec { kind: 'adamw'; beta1?: number; beta2?: number; epsilon?: number; weightDecay?: number }
/** RMSprop (defaults rho 0.9, momentum 0, epsilon 1e-7). */
export interface RmspropSpec { kind: 'rmsprop'; rho?: number; momentum?: number; epsilon?: number }
/** Adagrad (defaults initialAccumulator 0.1 as in tfjs/Keras, epsilon 1e-7). */
export interface AdagradSpec { kind: 'adagrad'; initialAccumulator?: number; epsilon?: number }

/** An optimizer and its hyperparameters; omitted fields take the defaults in OPTIMIZER_REGISTRY. */
export type OptimizerSpec = SgdSpec | MomentumSpec | NesterovSpec | AdamSpec | AdamWSpec | RmspropSpec | AdagradSpec;

/** A spec with every hyperparameter filled in (what the update rules read). */
export type ResolvedOptimizerSpec = { [K in OptimizerKind]: Required<Extract<OptimizerSpec, { kind: K }>> }[OptimizerKind];

export interface OptimizerInfo<K extends OptimizerKind> {
  /** Human label for menus. */
  label: string;
  /** One line on when to use it. */
  description: string;
  defaults: Required<Extract<OptimizerSpec, { kind: K }>>;
}

/** Every optimizer kind with its label and defaults; the UI renders its choices from this. */
export const OPTIMIZER_REGISTRY: { readonly [K in OptimizerKind]: OptimizerInfo<K> } = {
  sgd: { label: 'SGD', description: 'Plain gradient descent; needs a well-tuned learning rate.', defaults: { kind: 'sgd' } },
  momentum: { label: 'SGD with momentum', description: 'Averages recent gradients; a robust choice for CNNs.', defaults: { kind: 'momentum', momentum: 0.9 } },
  nesterov: { label: 'Nesterov momentum', description: 'Momentum that looks one step ahead; often a little faster.', defaults: { kind: 'nesterov', momentum: 0.9 } },
  adam: { label: 'Adam', description: 'Per-weight adaptive steps; works well with little tuning.', defaults: { kind: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-7 } },
  adamw: {
    label: 'AdamW',
    description: 'Adam with decoupled weight decay; the usual choice for transformers.',
    defaults: { kind: 'adamw', beta1: 0.9, beta2: 0.999, epsilon: 1e-7, weightDecay: 0.01 },
  },
  rmsprop: { label: 'RMSprop', description: 'Scales steps by a running average of squared gradients; common for RNNs.', defaults: { kind: 'rmsprop', rho: 0.9, momentum: 0, epsilon: 1e-7 } },
  adagrad: { label: 'Adagrad', description: 'Steps shrink for often-updated weights; suits sparse features.', defaults: { kind: 'adagrad', initialAccumulator: 0.1, epsilon: 1e-7 } },
};

/** The kinds in menu order. */
export const OPTIMIZER_KINDS = Object.keys(OPTIMIZER_REGISTRY) as OptimizerKind[];

/** A hyperparameter out of range or an unknown kind; the message names it and the accepted range. */
export class OptimizerSpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OptimizerSpecError';
  }
}

function isKind(kind: unknown): kind is OptimizerKind {
  return typeof kind === 'string' && Object.hasOwn(OPTIMIZER_REGISTRY, kind);
}

/** Checks lo <= value < hi (or <= hi when `hiIncluded`). */
function checkRange(label: string, field: string, value: number, lo: number, hi: number, hiIncluded: boolean, usual: number): void {
  const ok = typeof value === 'number' && Number.isFinite(value) && value >= lo && (hiIncluded ? value <= hi : value < hi);
  if (!ok) {
    const upper = hiIncluded ? `at most ${hi}` : `below ${hi}`;
    throw new OptimizerSpecError(`${label} ${field} must be at least ${lo} and ${upper}, not ${String(value)}; ${usual} is the usual value.`);
  }
}

function checkPositive(label: string, field: string, value: number, usual: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > 1) {
    throw new OptimizerSpecError(`${label} ${field} must be above 0 and at most 1, not ${String(value)}; ${usual} is the usual value.`);
  }
}

/**
 * Fills omitted hyperparameters with their defaults and validates every field. Pure; returns a new
 * object. Throws OptimizerSpecError for an unknown kind or the first value out of range.
 */
export function resolveOptimizerSpec(spec: OptimizerSpec): ResolvedOptimizerSpec {
  const kind: unknown = (spec as { kind?: unknown } | null)?.kind;
  if (!isKind(kind)) {
    throw new OptimizerSpecError(`Unknown optimizer “${String(kind)}”; choose one of ${OPTIMIZER_KINDS.join(', ')}.`);
  }
  const defaults = OPTIMIZER_REGISTRY[kind].defaults;
  // Undefined fields must not override defaults (a form may send {momentum: undefined}).
  const filled: Record<string, unknown> = { ...defaults };
  for (const [key, value] of Object.entries(spec)) {
    if (!Object.hasOwn(defaults, key)) {
      const known = Object.keys(defaults).filter((k) => k !== 'kind');
      throw new OptimizerSpecError(`${OPTIMIZER_REGISTRY[kind].label} has no option “${key}”; its options are: ${known.join(', ') || 'none'}.`);
    }
    if (value !== undefined) filled[key] = value;
  }
  const r = filled as unknown as ResolvedOptimizerSpec;
  const label = OPTIMIZER_REGISTRY[kind].label;
  switch (r.kind) {
    case 'sgd':
      break;
    case 'momentum':
    case 'nesterov':
      checkRange(label, 'momentum', r.momentum, 0, 1, false, 0.9);
      break;
    case 'adam':
    case 'adamw':
      checkRange(label, 'beta1', r.beta1, 0, 1, false, 0.9);
      checkRange(label, 'beta2', r.beta2, 0, 1, false, 0.999);
      checkPositive(label, 'epsilon', r.epsilon, 1e-7);
      if (r.kind === 'adamw') checkRange(label, 'weight decay', r.weightDecay, 0, 1, true, 0.01);
      break;
    case 'rmsprop':
      checkRange(label, 'rho', r.rho, 0, 1, false, 0.9);
      checkRange(label, 'momentum', r.momentum, 0, 1, false, 0);
      checkPositive(label, 'epsilon', r.epsilon, 1e-7);
      break;
    case 'adagrad':
      checkRange(label, 'initial accumulator', r.initialAccumulator, 0, 1e6, true, 0.1);
      checkPositive(label, 'epsilon', r.epsilon, 1e-7);
      break;
  }
  return r;
}
