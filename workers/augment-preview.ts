// Shows what training-time augmentation will do before training: a few stored images of an image
// dataset, each with several augmented versions (the same code and seeds as training uses).
import type { IDBPDatabase } from 'idb';
import type { AppDB } from '../src/engine/storage/db';
import { augmentTrainingBatch, validateAugmentation, type TrainAugmentation } from '../src/engine/train/batch-augment';
import { deriveSeed } from '../src/engine/random';
import type { StoredImageShape } from '../src/engine/storage/records';
import { readImageSamples } from './dataset-samples';

export interface AugmentPreview {
  shape: StoredImageShape;
  /** One row per source image: the original (0..1) then `variants` augmented versions. */
  rows: { file: string; label: string; original: Float32Array; variants: Float32Array[] }[];
}

/** `images` source images (spread over classes) with `variants` augmented versions each, seeded by `seed`. */
export async function previewImageAugmentation(db: IDBPDatabase<AppDB>, datasetId: string, augmentation: TrainAugmentation,
  seed: number, images = 6, variants = 5): Promise<AugmentPreview> {
  const samples = await readImageSamples(db, datasetId, 1, images);
  const { shape } = samples;
  const size = shape.width * shape.height * shape.channels;
  // The preview shows 0..1 pixels as stored: no standardization around the transforms.
  const identity = new Array<number>(shape.channels);
  const image = { shape: [shape.height, shape.width, shape.channels] as const, mean: identity.fill(0), std: [...identity].fill(1) };
  const context = { task: 'classification' as const, classCount: 1, featureCount: size, image };
  // Mixup mixes pairs of rows: the preview shows single-image transforms only.
  const single: TrainAugmentation = { image: augmentation.image, featureNoiseStd: augmentation.featureNoiseStd };
  validateAugmentation(single, context);
  const rows = samples.images.map((image, i) => {
    const original = Float32Array.from(image.pixels, (v) => v / 255);
    const variantList = Array.from({ length: variants }, (_, v) =>
      augmentTrainingBatch(single, context, original, new Float32Array(1), 1, deriveSeed(seed, i * 1000 + v)).x);
    return { file: image.file, label: image.label, original, variants: variantList };
  });
  return { shape, rows };
}
