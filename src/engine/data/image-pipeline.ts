// Preparation of an image dataset: the label is the target, the stored pixels are the features
// (standardized per channel with training-image statistics), split seeded and stratified by label.
import type { DatasetChunkRecord, StoredImageShape } from '../storage/records';
import type { EncodedSplit, FittedPipeline, PrepareSpec } from './prepare-types';
import { assignSplits, SPLIT_DROPPED } from './split';
import { DataInputError } from './table-types';

/** Per-channel statistics of the training images' pixels, in 0..1 units (x / 255). */
export interface PixelStandardization {
  mean: number[];
  std: number[];
}

/** Recorded in a fitted pipeline whose features are the stored pixels of an image dataset. */
export interface ImageInput {
  kind: 'image';
  shape: StoredImageShape;
  /**
   * Feature = (x / 255 - mean[c]) / std[c] with statistics of the training images, so inputs are
   * centred whatever the background colour (raw 0..1 pixels of a white background stall training).
   */
  scale: PixelStandardization;
}

/** Smallest std used, so a constant channel does not blow up (1/255: one grey level). */
const MIN_STD = 1 / 255;

/** A pipeline for images: `input` says how features are made from the stored pixels. */
export type ImagePipeline = FittedPipeline & { input: ImageInput };

export function isImagePipeline(pipeline: FittedPipeline): pipeline is ImagePipeline {
  return (pipeline as Partial<ImagePipeline>).input?.kind === 'image';
}

/** Feature names in HWC order: `y3.x7.c0` (channel omitted for grayscale). */
function pixelNames(shape: StoredImageShape): string[] {
  const names: string[] = [];
  for (let y = 0; y < shape.height; y += 1) {
    for (let x = 0; x < shape.width; x += 1) {
      for (let c = 0; c < shape.channels; c += 1) names.push(shape.channels === 1 ? `y${y}.x${x}` : `y${y}.x${x}.c${c}`);
    }
  }
  return names;
}

/**
 * Fit the image pipeline from every image's label (row order). Images without a label are dropped;
 * fewer than two classes throws 'single-class'. Returns the pipeline and the split of each image
 * (0 train, 1 validation, 2 test, 255 dropped).
 */
export function fitImagePipeline(labels: readonly string[], shape: StoredImageShape, spec: PrepareSpec,
  scale: PixelStandardization = { mean: new Array<number>(shape.channels).fill(0), std: new Array<number>(shape.channels).fill(1) }): { pipeline: ImagePipeline; assignment: Uint8Array } {
  // The only cleaning that applies to images: rows the user chose to drop (e.g. near-duplicate copies).
  const chosen = new Set((spec.cleaning ?? []).flatMap((step) => (step.kind === 'drop-rows' ? step.rows : [])));
  const usable: number[] = [];
  let droppedByCleaning = 0;
  labels.forEach((label, i) => {
    if (label.trim() === '') return;
    if (chosen.has(i)) droppedByCleaning += 1;
    else usable.push(i);
  });
  const classes = [...new Set(usable.map((i) => labels[i].trim()))].sort();
  if (classes.length < 2) {
    throw new DataInputError('single-class', `The images have ${classes.length === 0 ? 'no labels' : `only one class (“${classes[0]}”)`}; a classifier needs at least two classes. Put each class in its own folder.`);
  }
  const inner = assignSplits(usable.map((i) => labels[i].trim()), spec.split, spec.seed, true);
  const assignment = new Uint8Array(labels.length).fill(SPLIT_DROPPED);
  usable.forEach((row, k) => { assignment[row] = inner[k]; });
  const counts = { train: 0, validation: 0, test: 0 };
  for (const split of inner) counts[(['train', 'validation', 'test'] as const)[split]] += 1;
  const pipeline: ImagePipeline = {
    version: 2,
    spec: { ...spec, task: 'classification', featureColumns: [] },
    encoders: [],
    featureNames: pixelNames(shape),
    classes,
    droppedMissingTarget: labels.length - usable.length - droppedByCleaning,
    droppedByCleaning,
    counts,
    input: { kind: 'image', shape, scale },
  };
  return { pipeline, assignment };
}

/**
 * Per-channel mean and std (0..1 units) of the training images (split 0 of `assignment`), in one pass
 * over the chunks. Fitted on the training split only, like every other fitted transform.
 */
export async function fitPixelStandardization(shape: StoredImageShape, chunks: AsyncIterable<DatasetChunkRecord>, assignment: Uint8Array): Promise<PixelStandardization> {
  const c = shape.channels;
  const size = shape.width * shape.height * c;
  const sum = new Float64Array(c);
  const sumSq = new Float64Array(c);
  let count = 0;
  let row = 0;
  for await (const chunk of chunks) {
    const pixels = chunk.pixels ?? new Uint8Array(0);
    for (let i = 0; i < chunk.rows.length; i += 1, row += 1) {
      if (assignment[row] !== 0) continue;
      count += 1;
      for (let p = i * size; p < (i + 1) * size; p += 1) {
        const v = pixels[p] / 255;
        sum[p % c] += v;
        sumSq[p % c] += v * v;
      }
    }
  }
  const n = Math.max(1, count * shape.width * shape.height);
  const mean = Array.from(sum, (s) => s / n);
  const std = Array.from(sumSq, (s, k) => Math.max(MIN_STD, Math.sqrt(Math.max(0, s / n - mean[k] * mean[k]))));
  return { mean, std };
}

/**
 * Encode every split in one pass over the dataset's chunks (rows `[file, label, ...]` plus pixels).
 * x is [n, height*width*channels], standardized per channel (see ImageInput.scale); y is the class index.
 */
export async function encodeImageSplits(pipeline: ImagePipeline, chunks: AsyncIterable<DatasetChunkRecord>, assignment: Uint8Array): Promise<EncodedSplit[]> {
  const { shape, scale } = pipeline.input;
  const size = shape.width * shape.height * shape.channels;
  // Lookup per channel and byte value: the standardized feature of every possible pixel byte.
  const table = scale.mean.map((m, c) => Float32Array.from({ length: 256 }, (_, b) => (b / 255 - m) / scale.std[c]));
  const classIndex = new Map((pipeline.classes ?? []).map((c, i) => [c, i]));
  const totals = [pipeline.counts.train, pipeline.counts.validation, pipeline.counts.test];
  const splits: EncodedSplit[] = totals.map((n) => ({ x: new Float32Array(n * size), y: new Float32Array(n), n, featureCount: size }));
  const filled = [0, 0, 0];
  let row = 0;
  for await (const chunk of chunks) {
    const pixels = chunk.pixels;
    if (!pixels || pixels.length !== chunk.rows.length * size) {
      throw new Error(`Chunk ${chunk.index} holds ${pixels?.length ?? 0} pixel bytes for ${chunk.rows.length} images of ${size} bytes; the dataset is damaged — import it again.`);
    }
    for (let i = 0; i < chunk.rows.length; i += 1, row += 1) {
      const split = assignment[row];
      if (split === SPLIT_DROPPED || split === undefined) continue;
      const target = splits[split];
      const k = filled[split];
      const cls = classIndex.get(chunk.rows[i][1].trim());
      if (cls === undefined) throw new Error(`Image ${row + 1} has label “${chunk.rows[i][1]}”, which the pipeline was not fitted with; prepare the dataset again.`);
      target.y[k] = cls;
      const base = k * size;
      const from = i * size;
      for (let p = 0; p < size; p += 1) target.x[base + p] = table[p % shape.channels][pixels[from + p]];
      filled[split] = k + 1;
    }
  }
  if (filled.some((n, s) => n !== totals[s])) throw new Error('The dataset has changed since it was prepared; prepare it again.');
  return splits;
}
