// Training-time augmentation of one batch on the CPU, before it becomes tensors: image transforms
// (image datasets), Gaussian feature noise and mixup (tables). Seeded per optimizer step, so a
// resumed run sees the same augmented batches as an uninterrupted one.
import { augmentBatch } from '../augment/image-augment';
import { validateImageAugmentSpec, type ImageAugmentSpec } from '../augment/image-augment-spec';
import { addFeatureNoise, mixupBatch } from '../augment/tabular-augment';
import { createRandom, deriveSeed } from '../random';
import type { TaskKind } from '../data/prepare-types';

/** Augmentation applied to training batches only (never to validation or test). All fields optional = off. */
export interface TrainAugmentation {
  /** Image datasets: flips, rotation, shift, zoom, brightness, contrast, noise, cutout (pixels in 0..1). */
  image?: ImageAugmentSpec;
  /** Tables: standard deviation of Gaussian noise added to every (standardized) feature, e.g. 0.05. */
  featureNoiseStd?: number;
  /** Mixup: Beta(alpha, alpha) weights of row pairs, e.g. 0.2; mixes inputs and targets. */
  mixupAlpha?: number;
  /**
   * Text features (bag-of-tokens counts): delete each token occurrence with this probability, e.g. 0.1.
   * On counts this is exactly binomial thinning: a count c becomes Binomial(c, 1 - p).
   */
  tokenDeletion?: number;
}

/** What the augmenter needs to know about the data. */
export interface AugmentContext {
  task: TaskKind;
  classCount: number;
  featureCount: number;
  /** When the features are image pixels: their shape and the per-channel standardization applied to them. */
  image?: ImageFeatures;
  /** Indices of the features that are token counts (bag-of-tokens encodings). */
  tokenCountColumns?: readonly number[];
  /** The features are token ids read by a sequence model: noise and mixup would turn them into other tokens. */
  tokenIds?: boolean;
}

/** Image features: [height, width, channels], and feature = (pixel01 - mean[c]) / std[c]. */
export interface ImageFeatures {
  shape: readonly [number, number, number];
  mean: readonly number[];
  std: readonly number[];
}

/** An augmented batch: x [n, featureCount]; classification with mixup gives soft targets [n, classCount]. */
export interface AugmentedBatch {
  x: Float32Array;
  y: Float32Array;
  softTargets?: Float32Array;
}

/** True when `augmentation` changes anything. */
export function isAugmenting(augmentation: TrainAugmentation | undefined): augmentation is TrainAugmentation {
  return !!augmentation && (!!augmentation.image || !!augmentation.featureNoiseStd || !!augmentation.mixupAlpha || !!augmentation.tokenDeletion);
}

/** Throws RangeError naming the option when it is out of range or does not fit the data. */
export function validateAugmentation(augmentation: TrainAugmentation, context: AugmentContext): void {
  if (augmentation.image) {
    if (!context.image) throw new RangeError('Image augmentation applies to image datasets only; turn it off for this table.');
    validateImageAugmentSpec(augmentation.image);
  }
  if (context.tokenIds && (augmentation.featureNoiseStd || augmentation.mixupAlpha)) {
    throw new RangeError('Feature noise and mixup would change the token ids a sequence model reads; turn them off for this model.');
  }
  const noise = augmentation.featureNoiseStd;
  if (noise !== undefined && !(noise >= 0 && noise <= 5)) throw new RangeError(`Feature noise must be between 0 and 5 standard deviations, got ${noise}.`);
  const deletion = augmentation.tokenDeletion;
  if (deletion !== undefined && deletion !== 0) {
    if (!(deletion > 0 && deletion < 1)) throw new RangeError(`Token deletion must be a probability above 0 and below 1 (0.1 is typical), got ${deletion}.`);
    if (!context.tokenCountColumns?.length) throw new RangeError('Token deletion applies to text features (a text column encoded as bag of tokens); this data has none.');
  }
  const alpha = augmentation.mixupAlpha;
  if (alpha !== undefined && alpha !== 0 && !(alpha > 0 && alpha <= 10)) throw new RangeError(`Mixup alpha must be above 0 and at most 10 (0.2 is typical), got ${alpha}.`);
}

/**
 * Augment the batch (x [n, featureCount] row-major, y class indices or targets) with the step's seed.
 * Returns new arrays; the inputs are unchanged.
 */
export function augmentTrainingBatch(augmentation: TrainAugmentation, context: AugmentContext,
  x: Float32Array, y: Float32Array, n: number, stepSeed: number): AugmentedBatch {
  let out = x;
  if (augmentation.image && context.image) {
    // Image transforms work on 0..1 pixels (clamping, fill colours): undo the standardization around them.
    const { shape: [h, w, c], mean, std } = context.image;
    const pixels = out.map((v, i) => v * std[i % c] + mean[i % c]);
    out = augmentBatch(pixels, [n, h, w, c], augmentation.image, deriveSeed(stepSeed, 1)).map((v, i) => (v - mean[i % c]) / std[i % c]);
  }
  if (augmentation.tokenDeletion && context.tokenCountColumns) {
    out = thinTokenCounts(out, n, context.featureCount, context.tokenCountColumns, augmentation.tokenDeletion, deriveSeed(stepSeed, 4));
  }
  if (augmentation.featureNoiseStd) out = addFeatureNoise(out, n, context.featureCount, augmentation.featureNoiseStd, deriveSeed(stepSeed, 2));
  if (!augmentation.mixupAlpha) return { x: out, y };
  const classification = context.task === 'classification';
  const width = classification ? context.classCount : 1;
  const targets = classification ? new Float32Array(n * width) : y;
  if (classification) for (let i = 0; i < n; i += 1) targets[i * width + y[i]] = 1;
  const mixed = mixupBatch(out, targets, n, context.featureCount, width, augmentation.mixupAlpha, deriveSeed(stepSeed, 3));
  return classification ? { x: mixed.x, y, softTargets: mixed.y } : { x: mixed.x, y: mixed.y };
}

/** Each count c in `columns` becomes the number of its c tokens that survive deletion with probability p. */
function thinTokenCounts(x: Float32Array, n: number, featureCount: number, columns: readonly number[], p: number, seed: number): Float32Array {
  const out = x.slice();
  const random = createRandom(seed);
  for (let i = 0; i < n; i += 1) {
    for (const j of columns) {
      const count = out[i * featureCount + j];
      let kept = 0;
      for (let t = 0; t < count; t += 1) if (random() >= p) kept += 1;
      out[i * featureCount + j] = kept;
    }
  }
  return out;
}
