// Tests for image preparation: stratified seeded split by label, pixels scaled to 0..1 in HWC order,
// unlabelled images dropped, a single class refused, a changed dataset detected.
import { describe, expect, it } from 'vitest';
import { encodeImageSplits, fitImagePipeline, fitPixelStandardization } from '../../../src/engine/data/image-pipeline';
import { defaultPrepareSpec } from '../../../src/engine/data/prepare';
import type { DatasetChunkRecord, StoredImageShape } from '../../../src/engine/storage/records';

const shape: StoredImageShape = { width: 2, height: 1, channels: 1, fit: 'pad' };
const spec = { ...defaultPrepareSpec(['file', 'label'], [
  { name: 'file', type: 'text', missing: 0, distinct: 40, distinctCapped: false },
  { name: 'label', type: 'categorical', missing: 0, distinct: 2, distinctCapped: false },
]), targetColumn: 'label', split: { train: 0.5, validation: 0.25, test: 0.25 } };

/** 40 images: image i has pixels [i, 255 - i] and label a/b alternating; image 5 has no label. */
function chunksOf(labels: string[]): DatasetChunkRecord[] {
  const chunks: DatasetChunkRecord[] = [];
  for (let start = 0; start < labels.length; start += 16) {
    const rows = labels.slice(start, start + 16).map((label, k) => [`${start + k}.png`, label]);
    const pixels = new Uint8Array(rows.length * 2);
    rows.forEach((_, k) => { pixels[2 * k] = start + k; pixels[2 * k + 1] = 255 - (start + k); });
    chunks.push({ datasetId: 'd', index: chunks.length, rows, pixels });
  }
  return chunks;
}

async function* iterate<T>(items: T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

describe('image pipeline', () => {
  const labels = Array.from({ length: 40 }, (_, i) => (i === 5 ? '' : i % 2 ? 'b' : 'a'));

  it('splits by label, stratified and seeded, and drops unlabelled images', () => {
    const { pipeline, assignment } = fitImagePipeline(labels, shape, spec);
    expect(pipeline.classes).toEqual(['a', 'b']);
    expect(pipeline.droppedMissingTarget).toBe(1);
    expect(pipeline.counts.train + pipeline.counts.validation + pipeline.counts.test).toBe(39);
    expect(pipeline.featureNames).toEqual(['y0.x0', 'y0.x1']);
    expect(assignment[5]).toBe(255);
    const trainLabels = labels.filter((_, i) => assignment[i] === 0);
    expect(Math.abs(trainLabels.filter((l) => l === 'a').length - trainLabels.filter((l) => l === 'b').length)).toBeLessThanOrEqual(1);
    expect(fitImagePipeline(labels, shape, spec).assignment).toEqual(assignment);
    expect(fitImagePipeline(labels, shape, { ...spec, seed: 7 }).assignment).not.toEqual(assignment);
  });

  it('fits pixel statistics on training images only and standardizes with them', async () => {
    const { assignment } = fitImagePipeline(labels, shape, spec);
    const scale = await fitPixelStandardization(shape, iterate(chunksOf(labels)), assignment);
    // By hand: training image i has pixels i and 255 - i (one channel), in 0..1 units.
    const values = labels.flatMap((_, i) => (assignment[i] === 0 ? [i / 255, (255 - i) / 255] : []));
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const std = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
    expect(scale.mean[0]).toBeCloseTo(mean, 9);
    expect(scale.std[0]).toBeCloseTo(std, 9);
    const { pipeline } = fitImagePipeline(labels, shape, spec, scale);
    const [train, validation, test] = await encodeImageSplits(pipeline, iterate(chunksOf(labels)), assignment);
    expect([train.n, validation.n, test.n]).toEqual([pipeline.counts.train, pipeline.counts.validation, pipeline.counts.test]);
    const firstTrain = assignment.indexOf(0);
    expect(train.x[0]).toBeCloseTo((firstTrain / 255 - mean) / std, 5);
    expect(train.x[1]).toBeCloseTo(((255 - firstTrain) / 255 - mean) / std, 5);
    expect(train.y[0]).toBe(firstTrain % 2);
    expect(train.featureCount).toBe(2);
  });

  it('leaves out the images the user chose to drop (a drop-rows cleaning step)', () => {
    const { pipeline, assignment } = fitImagePipeline(labels, shape, { ...spec, cleaning: [{ kind: 'drop-rows', rows: [0, 3, 5] }] });
    expect(pipeline.droppedByCleaning).toBe(2); // row 5 has no label anyway
    expect(pipeline.droppedMissingTarget).toBe(1);
    expect([assignment[0], assignment[3], assignment[5]]).toEqual([255, 255, 255]);
    expect(pipeline.counts.train + pipeline.counts.validation + pipeline.counts.test).toBe(37);
  });

  it('refuses one class and a dataset that changed since it was prepared', async () => {
    expect(() => fitImagePipeline(['a', 'a', ''], shape, spec)).toThrow(/only one class/);
    const { pipeline, assignment } = fitImagePipeline(labels, shape, spec);
    await expect(encodeImageSplits(pipeline, iterate(chunksOf(labels).slice(0, 2)), assignment)).rejects.toThrow(/changed since it was prepared/);
  });
});
