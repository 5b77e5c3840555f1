// Defaults and validation of the training configuration.
import type { TrainConfig } from './train-types';

/** Defaults that learn the bundled samples well: 30 epochs, batch 32, Adam at 0.01, seed 42. */
export const DEFAULT_TRAIN_CONFIG: TrainConfig = { epochs: 30, batchSize: 32, learningRate: 0.01, optimizer: 'adam', seed: 42 };

/** A training option out of range; the message names it and the accepted range. */
export class TrainConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TrainConfigError';
  }
}

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
  if (config.optimizer !== 'adam' && config.optimizer !== 'sgd') {
    throw new TrainConfigError(`Unknown optimizer “${String(config.optimizer)}”; choose adam or sgd.`);
  }
  if (!Number.isFinite(config.seed)) throw new TrainConfigError('The seed must be a number.');
}
