// Builds a multilayer perceptron from an MlpSpec, after checking its sizes against a budget
// so that absurd specs (units: 1e9) are refused before anything is allocated.
import * as tf from '@tensorflow/tfjs';
import { deriveSeed } from '../random';
import { ModelSpecError } from './model-spec-error';
import type { MlpSpec } from './model-types';

/** Largest accepted sizes: a browser tab cannot train beyond these anyway. */
export const MLP_LIMITS = { maxUnits: 4096, maxHiddenLayers: 8, maxInputs: 100_000, maxParameters: 20_000_000 } as const;

// The error class lives in its own file so spec-only modules need not load tfjs; re-exported for old callers.
export { ModelSpecError } from './model-spec-error';

const isWhole = (v: number, lo: number, hi: number) => Number.isInteger(v) && v >= lo && v <= hi;

/** Parameters (weights + biases) of the MLP: sum over layers of (fanIn + 1) * units. */
export function countMlpParameters(spec: MlpSpec): number {
  const sizes = [spec.inputSize, ...spec.hiddenLayers, spec.outputSize];
  let total = 0;
  for (let i = 1; i < sizes.length; i += 1) total += (sizes[i - 1] + 1) * sizes[i];
  return total;
}

/** Throws ModelSpecError naming the first bad field. Allocates nothing. */
export function validateMlpSpec(spec: MlpSpec): void {
  if (spec.kind !== 'mlp' || spec.version !== 1) throw new ModelSpecError(`Unknown model spec (kind ${String(spec.kind)}, version ${String(spec.version)}); expected an MLP spec version 1.`);
  if (!isWhole(spec.inputSize, 1, MLP_LIMITS.maxInputs)) throw new ModelSpecError(`inputSize must be a whole number from 1 to ${MLP_LIMITS.maxInputs}, not ${spec.inputSize}.`);
  if (!Array.isArray(spec.hiddenLayers) || spec.hiddenLayers.length > MLP_LIMITS.maxHiddenLayers) {
    throw new ModelSpecError(`An MLP takes at most ${MLP_LIMITS.maxHiddenLayers} hidden layers.`);
  }
  spec.hiddenLayers.forEach((units, i) => {
    if (!isWhole(units, 1, MLP_LIMITS.maxUnits)) throw new ModelSpecError(`Hidden layer ${i + 1} has ${units} units; use a whole number from 1 to ${MLP_LIMITS.maxUnits}.`);
  });
  const minOutputs = spec.task === 'classification' ? 2 : 1;
  if (!isWhole(spec.outputSize, minOutputs, MLP_LIMITS.maxUnits)) {
    throw new ModelSpecError(`outputSize must be from ${minOutputs} to ${MLP_LIMITS.maxUnits} for ${spec.task}, not ${spec.outputSize}.`);
  }
  if (!['relu', 'tanh', 'sigmoid', 'elu'].includes(spec.activation)) throw new ModelSpecError(`Unknown activation “${spec.activation}”.`);
  const parameters = countMlpParameters(spec);
  if (parameters > MLP_LIMITS.maxParameters) {
    throw new ModelSpecError(`This network has ${parameters.toLocaleString('en')} parameters; the limit is ${MLP_LIMITS.maxParameters.toLocaleString('en')}. Use fewer or smaller layers.`);
  }
}

/** Hidden [32, 16] with ReLU: learns small tabular sets quickly. */
export function defaultMlpSpec(inputSize: number, outputSize: number, task: MlpSpec['task']): MlpSpec {
  return { version: 1, kind: 'mlp', inputSize, hiddenLayers: [32, 16], activation: 'relu', outputSize, task };
}

/**
 * Build the network with seeded Glorot-uniform kernels and zero biases. The last layer is linear:
 * it outputs logits for classification (softmax is applied by the loss and by prediction, which is
 * numerically safer than a softmax layer) or the standardized value for regression.
 */
export function buildMlp(spec: MlpSpec, seed: number): tf.Sequential {
  validateMlpSpec(spec);
  const model = tf.sequential();
  const sizes = [...spec.hiddenLayers, spec.outputSize];
  sizes.forEach((units, i) => {
    const last = i === sizes.length - 1;
    model.add(tf.layers.dense({
      units,
      activation: last ? 'linear' : spec.activation,
      kernelInitializer: tf.initializers.glorotUniform({ seed: deriveSeed(seed, i) }),
      biasInitializer: 'zeros',
      ...(i === 0 ? { inputShape: [spec.inputSize] } : {}),
    }));
  });
  return model;
}
