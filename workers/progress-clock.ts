// Elapsed time and a remaining-time estimate from the batches done in this session.
import { batchesPerEpoch } from '../src/engine/train/epoch-order';

/** Counts batches and estimates time left from the mean batch time so far (null until one batch is done). */
export function createProgressClock(epochs: number, trainRows: number, batchSize: number, completedEpochs: number) {
  const remainingAtStart = Math.max(0, epochs - completedEpochs) * batchesPerEpoch(trainRows, batchSize);
  const startedAt = Date.now();
  let done = 0;
  return {
    tick(): void {
      done += 1;
    },
    read(): { elapsedMs: number; etaMs: number | null } {
      const elapsedMs = Date.now() - startedAt;
      if (done === 0) return { elapsedMs, etaMs: null };
      return { elapsedMs, etaMs: (elapsedMs / done) * Math.max(0, remainingAtStart - done) };
    },
  };
}
