// The options a search can tune (model, training and preprocessing), each with a label, a suggested
// range and how a trial's value is written into the run it trains; the UI's search-space editor lists these.
import type { ParamSpec, TrialParams } from './search-space';
import type { SearchModelChoice } from '../storage/search-records';
import type { OptimizerName, TrainConfig } from '../train/train-types';

export type TunableGroup = 'model' | 'training' | 'preprocessing';

export interface TunableOption {
  label: string;
  description: string;
  group: TunableGroup;
  /** The suggested parameter (name = the registry key); the user may narrow or widen it. */
  suggested: ParamSpec;
  /** Only for a hand-built MLP (presets fix their own layers). */
  mlpOnly?: boolean;
}

const MOMENTUM_OPTIMIZERS = new Set<OptimizerName>(['momentum', 'nesterov', 'rmsprop']);
const OPTIMIZERS: OptimizerName[] = ['sgd', 'momentum', 'nesterov', 'adam', 'adamw', 'rmsprop', 'adagrad'];

/** Every tunable option by parameter name. Conditions follow the optimizer (momentum only where it applies). */
export const TUNABLE_OPTIONS = {
  learningRate: { label: 'Learning rate', description: 'Base step size; searched on a log scale.', group: 'training',
    suggested: { kind: 'float', name: 'learningRate', min: 1e-4, max: 0.1, scale: 'log' } },
  batchSize: { label: 'Batch size', description: 'Rows per optimizer step.', group: 'training',
    suggested: { kind: 'choice', name: 'batchSize', options: [16, 32, 64, 128] } },
  optimizer: { label: 'Optimizer', description: 'The update rule.', group: 'training',
    suggested: { kind: 'choice', name: 'optimizer', options: ['adam', 'adamw', 'momentum', 'nesterov', 'rmsprop'] } },
  momentum: { label: 'Momentum', description: 'Only for SGD with momentum, Nesterov and RMSprop.', group: 'training',
    suggested: { kind: 'float', name: 'momentum', min: 0.5, max: 0.99, scale: 'linear', when: { param: 'optimizer', oneOf: ['momentum', 'nesterov', 'rmsprop'] } } },
  weightDecay: { label: 'Weight decay', description: 'Only for AdamW: decoupled decay of every weight per step.', group: 'training',
    suggested: { kind: 'float', name: 'weightDecay', min: 1e-5, max: 0.1, scale: 'log', when: { param: 'optimizer', oneOf: ['adamw'] } } },
  clipNorm: { label: 'Gradient clipping', description: 'Largest global gradient norm.', group: 'training',
    suggested: { kind: 'float', name: 'clipNorm', min: 0.1, max: 10, scale: 'log' } },
  layers: { label: 'Hidden layers', description: 'Number of hidden layers of the MLP.', group: 'model', mlpOnly: true,
    suggested: { kind: 'int', name: 'layers', min: 1, max: 3, scale: 'linear' } },
  units: { label: 'Units per layer', description: 'Width of every hidden layer of the MLP.', group: 'model', mlpOnly: true,
    suggested: { kind: 'int', name: 'units', min: 8, max: 128, scale: 'log' } },
  activation: { label: 'Activation', description: 'Non-linearity of the MLP’s hidden layers.', group: 'model', mlpOnly: true,
    suggested: { kind: 'choice', name: 'activation', options: ['relu', 'tanh', 'elu'] } },
  featureNoiseStd: { label: 'Feature noise', description: 'Gaussian noise on standardized features while training (tables).', group: 'preprocessing',
    suggested: { kind: 'float', name: 'featureNoiseStd', min: 0.001, max: 0.3, scale: 'log' } },
  mixupAlpha: { label: 'Mixup α', description: 'Mixes pairs of training rows (tables and images).', group: 'preprocessing',
    suggested: { kind: 'float', name: 'mixupAlpha', min: 0.05, max: 0.5, scale: 'log' } },
} satisfies Record<string, TunableOption>;

export type TunableName = keyof typeof TUNABLE_OPTIONS;

/** Thrown when a trial names an option WebTrain cannot apply; the message names it. */
export class TunableOptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TunableOptionError';
  }
}

const num = (params: TrialParams, name: string): number | undefined => (typeof params[name] === 'number' ? (params[name] as number) : undefined);

/**
 * The model and training config one trial trains: `base` with the trial's values written in (pure; `base` is
 * not changed). Unknown parameter names are refused, so a stored search never silently tunes nothing.
 */
export function applyTrialParams(base: { model: SearchModelChoice; config: TrainConfig }, params: TrialParams): { model: SearchModelChoice; config: TrainConfig } {
  for (const name of Object.keys(params)) {
    if (!Object.hasOwn(TUNABLE_OPTIONS, name)) throw new TunableOptionError(`The search tunes “${name}”, which is not an option WebTrain knows; remove it from the search space.`);
  }
  const config: TrainConfig = structuredClone(base.config);
  let model: SearchModelChoice = structuredClone(base.model);
  const lr = num(params, 'learningRate');
  if (lr !== undefined) config.learningRate = lr;
  const batch = num(params, 'batchSize');
  if (batch !== undefined) config.batchSize = Math.max(1, Math.round(batch));
  if (typeof params.optimizer === 'string') {
    if (!OPTIMIZERS.includes(params.optimizer as OptimizerName)) throw new TunableOptionError(`Unknown optimizer “${params.optimizer}”; use one of ${OPTIMIZERS.join(', ')}.`);
    if (params.optimizer !== config.optimizer) delete config.optimizerOptions;
    config.optimizer = params.optimizer as OptimizerName;
  }
  // Written only where the optimizer has the setting (the base config's optimizer when it is not searched).
  const momentum = num(params, 'momentum');
  if (momentum !== undefined && MOMENTUM_OPTIMIZERS.has(config.optimizer)) config.optimizerOptions = { ...config.optimizerOptions, momentum };
  const decay = num(params, 'weightDecay');
  if (decay !== undefined && config.optimizer === 'adamw') config.optimizerOptions = { ...config.optimizerOptions, weightDecay: decay };
  const clip = num(params, 'clipNorm');
  if (clip !== undefined) config.clipNorm = clip;
  const noise = num(params, 'featureNoiseStd');
  if (noise !== undefined) config.augmentation = { ...config.augmentation, featureNoiseStd: noise };
  const mixup = num(params, 'mixupAlpha');
  if (mixup !== undefined) config.augmentation = { ...config.augmentation, mixupAlpha: mixup };
  const layers = num(params, 'layers');
  const units = num(params, 'units');
  if (layers !== undefined || units !== undefined || typeof params.activation === 'string') {
    const mlp = model;
    if (!('hiddenLayers' in mlp)) throw new TunableOptionError('Hidden layers, units and activation can be tuned only for an MLP built by hand; choose “MLP” as the model or remove them from the search.');
    const count = layers !== undefined ? Math.max(1, Math.round(layers)) : mlp.hiddenLayers.length;
    const width = units !== undefined ? Math.max(1, Math.round(units)) : undefined;
    const hiddenLayers = Array.from({ length: count }, (_, i) => width ?? mlp.hiddenLayers[Math.min(i, mlp.hiddenLayers.length - 1)] ?? 16);
    model = { ...mlp, hiddenLayers, ...(typeof params.activation === 'string' ? { activation: params.activation as typeof mlp.activation } : {}) };
  }
  return { model, config };
}
