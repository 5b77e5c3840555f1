// A training batch as tensors: rows gathered on the device, or, when augmenting, copied out on the CPU,
// augmented with the step's seed (so a resumed run sees the same batches) and uploaded.
import * as tf from '@tensorflow/tfjs';
import type { EncodedSplit } from '../data/prepare-types';
import { augmentTrainingBatch, isAugmenting, type AugmentContext } from './batch-augment';
import type { BatchRows } from './batch-gradients';
import type { ModelRunner } from './model-runner';
import type { TrainerData } from './training-loop';
import type { TrainConfig } from './train-types';
import { deriveSeed } from '../random';

/** A split's rows uploaded once: features [n, featureCount] and targets [n]. */
export function splitTensors(split: EncodedSplit): { x: tf.Tensor2D; y: tf.Tensor1D } {
  return { x: tf.tensor2d(split.x, [split.n, split.featureCount]), y: tf.tensor1d(split.y) };
}

/**
 * Rows `indices` of the training split: gathered from `train` (the uploaded split) on the device, or, with
 * augmentation in `config`, augmented on the CPU with the seed of optimizer step `step + 1` (soft targets
 * when mixup mixes classes). The caller disposes the returned tensors.
 */
export function gatherBatch(indices: Int32Array, train: { x: tf.Tensor2D; y: tf.Tensor1D }, data: TrainerData, config: TrainConfig,
  context: AugmentContext, step: number): BatchRows {
  const augmentation = config.augmentation;
  if (!isAugmenting(augmentation)) {
    return tf.tidy(() => {
      const idx = tf.tensor1d(indices, 'int32');
      return { x: tf.gather(train.x, idx), y: tf.gather(train.y, idx) };
    });
  }
  const { x, y, featureCount } = data.train;
  const n = indices.length;
  const xs = new Float32Array(n * featureCount);
  const ys = new Float32Array(n);
  indices.forEach((row, i) => {
    xs.set(x.subarray(row * featureCount, (row + 1) * featureCount), i * featureCount);
    ys[i] = y[row];
  });
  const batch = augmentTrainingBatch(augmentation, context, xs, ys, n, deriveSeed(config.seed, step + 1));
  return {
    x: tf.tensor2d(batch.x, [n, featureCount]),
    y: tf.tensor1d(batch.y),
    soft: batch.softTargets ? tf.tensor2d(batch.softTargets, [n, context.classCount]) : undefined,
  };
}

export /** What batch augmentation needs to know about the model's data. */
function augmentContext(runner: ModelRunner, data: TrainerData): AugmentContext {
  return { task: runner.task, classCount: runner.outputSize, featureCount: runner.featureCount, image: data.image, tokenCountColumns: data.tokenCountColumns, tokenIds: runner.readsTokens };
}
