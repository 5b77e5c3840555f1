// The Train panel's strategy options as plain form state, and how they become a TrainConfig's fields.
import type { EarlyStoppingConfig } from '../engine/optim/early-stopping';
import type { LrScheduleKind, LrScheduleSpec } from '../engine/optim/lr-schedule';
import type { OptimizerName, OptimizerOptions, TrainConfig } from '../engine/train/train-types';

export interface StrategyForm {
  optimizer: OptimizerName;
  /** The chosen optimizer's hyperparameters (the registry's defaults until edited). */
  optimizerOptions: OptimizerOptions;
  schedule: LrScheduleKind;
  /** The chosen schedule's numeric options (the registry's defaults until edited). */
  scheduleOptions: Record<string, number | string>;
  /** Empty for no clipping. */
  clipNorm: number | null;
  accumulationSteps: number;
  earlyStopping: boolean;
  early: EarlyStoppingConfig;
}

export const DEFAULT_STRATEGY: StrategyForm = {
  optimizer: 'adam',
  optimizerOptions: {},
  schedule: 'constant',
  scheduleOptions: {},
  clipNorm: null,
  accumulationSteps: 1,
  earlyStopping: false,
  early: { monitor: 'valLoss', mode: 'min', patience: 5, minDelta: 0, restoreBestWeights: true },
};

/** The TrainConfig fields of `form` (only what differs from "off", so old defaults stay short in stored runs). */
export function strategyConfig(form: StrategyForm): Pick<TrainConfig, 'optimizer' | 'optimizerOptions' | 'schedule' | 'clipNorm' | 'accumulationSteps' | 'earlyStopping'> {
  const optimizerOptions = Object.keys(form.optimizerOptions).length ? { ...form.optimizerOptions } : undefined;
  const schedule = form.schedule === 'constant' ? undefined : ({ ...form.scheduleOptions, kind: form.schedule } as LrScheduleSpec);
  // Accuracy is better when higher: the mode follows the monitored metric.
  const early = { ...form.early, mode: form.early.monitor.toLowerCase().includes('accuracy') ? 'max' : 'min' } as EarlyStoppingConfig;
  return {
    optimizer: form.optimizer,
    ...(optimizerOptions ? { optimizerOptions } : {}),
    ...(schedule ? { schedule } : {}),
    ...(form.clipNorm ? { clipNorm: form.clipNorm } : {}),
    ...(form.accumulationSteps > 1 ? { accumulationSteps: form.accumulationSteps } : {}),
    ...(form.earlyStopping ? { earlyStopping: early } : {}),
  };
}
