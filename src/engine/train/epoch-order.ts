// Seeded per-epoch row order and fixed-size batch index lists.
import { createRandom, deriveSeed, shuffleInPlace } from '../random';

/** Row order of epoch `epoch` (1-based): a shuffle seeded by (seed, epoch), so a resumed run sees the same order. */
export function epochOrder(rowCount: number, seed: number, epoch: number): Int32Array {
  const order = Int32Array.from({ length: rowCount }, (_, i) => i);
  shuffleInPlace(order, createRandom(deriveSeed(seed, epoch)));
  return order;
}

/**
 * Indices of batch `b` (0-based). Every batch has exactly min(batchSize, rows) entries: the last
 * partial batch is filled by wrapping around to the start of this epoch's order. Fixed shapes keep
 * the WebGPU buffer pool from growing, and every row is still seen at least once per epoch.
 */
export function batchIndices(order: Int32Array, batchSize: number, b: number): Int32Array {
  const size = Math.min(batchSize, order.length);
  const out = new Int32Array(size);
  for (let i = 0; i < size; i += 1) out[i] = order[(b * batchSize + i) % order.length];
  return out;
}

/** Batches per epoch: ceil(rows / batchSize). */
export const batchesPerEpoch = (rowCount: number, batchSize: number) => Math.ceil(rowCount / batchSize);
