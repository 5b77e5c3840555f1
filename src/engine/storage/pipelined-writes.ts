// Lets an import keep parsing while its previous chunks are being committed: at most `depth`
// writes are in flight; the first failure is rethrown by the next write or by drain().

/** A write function wrapped so callers wait only when `depth` writes are already in flight. */
export interface PipelinedWriter<A extends unknown[]> {
  write(...args: A): Promise<void>;
  /** Resolves when every write has completed; rejects with the first write error. */
  drain(): Promise<void>;
}

/**
 * Wrap `writeOnce` (e.g. one IndexedDB transaction per chunk). Each write still completes on its own
 * (its transaction's `complete`), so "done" keeps meaning committed; only the waiting overlaps.
 */
export function pipelineWrites<A extends unknown[]>(writeOnce: (...args: A) => Promise<void>, depth = 2): PipelinedWriter<A> {
  if (!Number.isInteger(depth) || depth < 1) throw new RangeError(`depth must be a positive integer, got ${depth}.`);
  const inFlight = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;
  const rethrow = () => {
    if (failure) throw failure.error;
  };
  return {
    async write(...args: A) {
      rethrow();
      while (inFlight.size >= depth) {
        await Promise.race(inFlight);
        rethrow();
      }
      const pending: Promise<void> = writeOnce(...args)
        .catch((error: unknown) => { failure ??= { error }; })
        .finally(() => inFlight.delete(pending));
      inFlight.add(pending);
    },
    async drain() {
      await Promise.all(inFlight);
      rethrow();
    },
  };
}
