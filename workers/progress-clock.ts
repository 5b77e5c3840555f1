// Elapsed time and a remaining-time estimate from the batches done in this session.

/** Counts batches and estimates time left from the mean batch time so far (null until one batch is done). */
export function createProgressClock(epochs: number, trainRows: number, batchSize: number, completedEpochs: number) {
  const batchesPerEpoch = Math.max(1, Math.ceil(trainRows / Math.max(1, batchSize)));
  const remainingAtStart = Math.max(0, epochs - completedEpochs) * batchesPerEpoch;
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
