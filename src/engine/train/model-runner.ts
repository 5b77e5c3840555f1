// The model a Trainer trains, whatever its kind: builds it from its spec and turns the encoded feature
// rows ([batch, featureCount] floats) into the model's input (images reshaped to [h, w, c], token ids
// cast to int32), so the loop, evaluation and prediction share one path.
import * as tf from '@tensorflow/tfjs';
import { buildMlp, validateMlpSpec } from '../model/build-mlp';
import { buildModel, regularizationLoss } from '../model/build-model';
import type { ModelSpec } from '../model/model-spec';
import type { AnyModelSpec } from '../model/model-types';
import { validateModelSpec } from '../model/validate-model-spec';
import type { TaskKind } from '../data/prepare-types';

export type { AnyModelSpec };

export interface ModelRunner {
  model: tf.LayersModel;
  task: TaskKind;
  /** Classes (classification) or 1 (regression). */
  outputSize: number;
  /** Values per encoded row the model reads. */
  featureCount: number;
  /** The features are token ids (sequence models): they must not be noised or mixed. */
  readsTokens: boolean;
  /** Encoded rows [batch, featureCount] to the model's input; call inside tf.tidy. */
  toInput(x: tf.Tensor2D): tf.Tensor;
  /** The L1/L2 penalty to add to the data loss (0 when the model has none); call inside tf.tidy. */
  penalty(): tf.Scalar;
}

/** Per-sample input shape and whether it holds token ids, for the kinds a table/image/text row feeds. */
function inputLayout(spec: ModelSpec): { shape: number[]; tokens: boolean } {
  switch (spec.kind) {
    case 'mlp': return { shape: [spec.inputSize], tokens: false };
    case 'cnn': return { shape: [...spec.inputShape], tokens: false };
    case 'rnn': return spec.input.type === 'tokens'
      ? { shape: [spec.input.sequenceLength], tokens: true }
      : { shape: [spec.input.steps, spec.input.features], tokens: false };
    case 'transformer': return { shape: [spec.sequenceLength], tokens: true };
    case 'gpt': throw new RangeError('A GPT language model trains on a text corpus, not on rows of features.');
  }
}

/**
 * Validate `spec` (before allocating anything) and build its model with seeded initializers. Version 1
 * MLP specs keep their original builder so checkpoints of older runs load into the same layers.
 */
export function createModelRunner(spec: AnyModelSpec, seed: number): ModelRunner {
  if (spec.version === 1) {
    validateMlpSpec(spec);
    const model = buildMlp(spec, seed);
    return {
      model, task: spec.task, outputSize: spec.outputSize, featureCount: spec.inputSize, readsTokens: false,
      toInput: (x) => x, penalty: () => tf.scalar(0),
    };
  }
  validateModelSpec(spec);
  if (spec.kind === 'gpt') throw new RangeError('A GPT language model trains on a text corpus, not on rows of features.');
  const { shape, tokens } = inputLayout(spec);
  const model = buildModel(spec, seed);
  return {
    model, task: spec.task, outputSize: spec.outputSize, readsTokens: tokens,
    featureCount: shape.reduce((a, b) => a * b, 1),
    toInput: (x) => {
      const shaped = shape.length === 1 ? x : x.reshape([-1, ...shape]);
      return tokens ? tf.cast(shaped, 'int32') : shaped;
    },
    penalty: () => regularizationLoss(model),
  };
}
