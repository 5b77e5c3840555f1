// Defaults and validation of the training configuration.
import type { TrainConfig } from './train-types';
import { OptimizerSpecError, resolveOptimizerSpec, type OptimizerSpec } from '../optim/optimizer-spec';
import { LrScheduleError, resolveLrSchedule } from '../optim/lr-schedule';
import { EarlyStoppingError, validateEarlyStopping } from '../optim/early-stopping';

/** Defaults that learn the bundled samples well: 30 epochs, batch 32, Adam at 0.01, seed 42. */
export const DEFAULT_TRAIN_CONFIG: TrainConfig = { epochs: 30, batchSize: 32, learningRate: 0.01, optimizer: 'adam', seed: 42 };

/** A training option out of range; the message names it and the accepted range. */
export class TrainConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TrainConfigError';
  }
}

/** Most data-parallel training workers a run may use. */
export const MAX_WORKERS = 8;

/** Throws TrainConfigError for the first bad option. */
export function validateTrainConfig(config: TrainConfig): void {
  if (!Number.isInteger(config.epochs) || config.epochs < 1 || config.epochs > 10_000) {
    throw new TrainConfigError(`Epochs must be a whole number from 1 to 10000, not ${config.epochs}.`);
  }
  if (!Number.isInteger(config.batchSize) || config.batchSize < 1 || config.batchSize > 65_536) {
    throw new TrainConfigError(`Batch size must be a whole number from 1 to 65536, not ${config.batchSize}.`);
  }
  if (!Number.isFinite(config.learningRate) || config.learningRate <= 0 || config.learningRate > 10) {
    throw new TrainConfigError(`The learning rate must be above 0 and at most 10, not ${config.learningRate}.`);
  }
  if (!Number.isFinite(config.seed)) throw new TrainConfigError('The seed must be a number.');
  rethrowAsConfigError(() => resolveOptimizerSpec(optimizerSpecOf(config)));
  // The run's length in steps is not known yet (it depends on the data): check the options against a long run;
  // the trainer checks them again against the real length.
  if (config.schedule) rethrowAsConfigError(() => resolveLrSchedule(config.schedule!, config.learningRate, 1, 2 ** 31));
  if (config.earlyStopping) rethrowAsConfigError(() => validateEarlyStopping(config.earlyStopping!));
  if (config.clipNorm !== undefined && (!Number.isFinite(config.clipNorm) || config.clipNorm <= 0)) {
    throw new TrainConfigError(`Gradient clipping needs a norm above 0, not ${config.clipNorm}; leave it empty for no clipping.`);
  }
  const workers = config.workers ?? 1;
  if (!Number.isInteger(workers) || workers < 1 || workers > MAX_WORKERS) {
    throw new TrainConfigError(`Training uses 1 to ${MAX_WORKERS} workers, not ${workers}.`);
  }
  if (workers > Math.min(config.batchSize, 65_536)) {
    throw new TrainConfigError(`A batch of ${config.batchSize} rows cannot be shared by ${workers} workers; use a batch of at least ${workers}.`);
  }
  const micro = config.accumulationSteps ?? 1;
  if (!Number.isInteger(micro) || micro < 1 || micro > config.batchSize) {
    throw new TrainConfigError(`Gradient accumulation splits a batch of ${config.batchSize} into 1 to ${config.batchSize} micro-batches, not ${micro}.`);
  }
}

/** The optimizer the config asks for: its kind with its options (unknown options are refused by resolveOptimizerSpec). */
export function optimizerSpecOf(config: Pick<TrainConfig, 'optimizer' | 'optimizerOptions'>): OptimizerSpec {
  return { ...config.optimizerOptions, kind: config.optimizer } as OptimizerSpec;
}

/** Runs `check`, turning the optim modules' option errors into TrainConfigError (one error type for the UI). */
export function rethrowAsConfigError<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof OptimizerSpecError || error instanceof LrScheduleError || error instanceof EarlyStoppingError) throw new TrainConfigError(error.message);
    throw error;
  }
}
