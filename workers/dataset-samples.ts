// Reads a few stored images of an image dataset for display (gallery, augmentation preview),
// a handful per class, without loading the whole dataset.
import type { IDBPDatabase } from 'idb';
import type { AppDB } from '../src/engine/storage/db';
import { readDatasetChunks } from '../src/engine/storage/datasets-repo';
import type { StoredImageShape } from '../src/engine/storage/records';

/** One stored image: its metadata row cells and its pixels (HWC bytes of `shape`). */
export interface ImageSample {
  row: number;
  file: string;
  label: string;
  pixels: Uint8Array;
}

export interface ImageSamples {
  shape: StoredImageShape;
  images: ImageSample[];
}

/**
 * Up to `perClass` images of each class, in stored order, stopping once every class seen so far is
 * full and `maxImages` are collected. Reads chunks one at a time. Throws for a non-image dataset.
 */
export async function readImageSamples(db: IDBPDatabase<AppDB>, datasetId: string, perClass = 6, maxImages = 60): Promise<ImageSamples> {
  const dataset = await db.get('datasets', datasetId);
  const shape = dataset?.imageShape;
  if (!dataset || dataset.kind !== 'images' || !shape) throw new Error('This dataset holds no images.');
  const size = shape.width * shape.height * shape.channels;
  const perLabel = new Map<string, number>();
  const images: ImageSample[] = [];
  let row = 0;
  for await (const chunk of readDatasetChunks(db, datasetId)) {
    for (let i = 0; i < chunk.rows.length; i += 1, row += 1) {
      const [file, label] = chunk.rows[i];
      const taken = perLabel.get(label) ?? 0;
      if (taken >= perClass || !chunk.pixels) continue;
      perLabel.set(label, taken + 1);
      images.push({ row, file, label, pixels: chunk.pixels.slice(i * size, (i + 1) * size) });
      if (images.length >= maxImages) return { shape, images };
    }
  }
  return { shape, images };
}
