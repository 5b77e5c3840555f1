// Test helpers for the CSV import tests: byte streams cut into chosen chunk sizes, a memory sink,
// and a small seeded random generator (tests never use Math.random).
import type { CsvImportSink } from '../../../src/engine/data/csv-import';

/** The chunk sizes every streaming test runs with: 1, 2, 3, 7 bytes and 64 KiB. */
export const CHUNK_SIZES = [1, 2, 3, 7, 64 * 1024] as const;

/** UTF-8 bytes of `text`. */
export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** Concatenate byte arrays. */
export function bytesOf(...parts: (Uint8Array | number[])[]): Uint8Array {
  const arrays = parts.map((p) => (p instanceof Uint8Array ? p : Uint8Array.from(p)));
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const a of arrays) {
    out.set(a, at);
    at += a.length;
  }
  return out;
}

/**
 * A pull-based stream over `bytes` in chunks of `sizes` bytes (cycled when an array), so that
 * multi-byte characters and CRLF pairs land on chunk boundaries. Each chunk is a fresh copy.
 */
export function streamOf(bytes: Uint8Array, sizes: number | readonly number[]): ReadableStream<Uint8Array> {
  const cycle = typeof sizes === 'number' ? [sizes] : sizes;
  let at = 0;
  let k = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at >= bytes.length) {
        controller.close();
        return;
      }
      const size = cycle[k++ % cycle.length];
      controller.enqueue(bytes.slice(at, at + size));
      at += size;
    },
  });
}

/** A sink that keeps every chunk it receives, in call order. */
export class MemorySink implements CsvImportSink {
  readonly chunks: { index: number; rows: string[][] }[] = [];
  async writeChunk(rows: string[][], index: number): Promise<void> {
    this.chunks.push({ index, rows });
  }
  get rows(): string[][] {
    return this.chunks.flatMap((c) => c.rows);
  }
}

/** Deterministic pseudo-random numbers in [0, 1): the engine's seeded generator. */
export { createRandom as seededRandom } from '../../../src/engine/random';

/** Await a promise that must reject; returns the rejection reason (fails the test if it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, but it resolved');
}
