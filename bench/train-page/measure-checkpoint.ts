// Checkpoint throughput: commitCheckpoint (hash shards, write, flip the head, prune) and loadLatestCheckpoint
// (read and verify every shard's SHA-256) on a snapshot of a fixed size, in a throw-away IndexedDB database.
import { commitCheckpoint, loadLatestCheckpoint } from '../../src/engine/storage/checkpoints-repo';
import { openAppDb } from '../../src/engine/storage/db';
import type { NamedArray, TrainerSnapshot } from '../../src/engine/train/train-types';
import { createRandom } from '../../src/engine/random';
import { SEED } from './workloads';

/** Trainable values of the synthetic model: with Adam's two slots the checkpoint holds 3 × 4 B × this = 24 MB. */
const CHECKPOINT_VALUES = 2_000_000;
const REPEATS = 3;
const DB_NAME = 'webtrain-train-bench';

export interface CheckpointTiming {
  megabytes: number;
  writeMBps: number;
  loadMBps: number;
  /** Median seconds of the REPEATS commits and loads. */
  writeSeconds: number;
  loadSeconds: number;
}

/** Eight layer-sized arrays of seeded values summing to `values`. */
function arrays(prefix: string, values: number, seed: number): NamedArray[] {
  const random = createRandom(seed);
  const per = Math.floor(values / 8);
  return Array.from({ length: 8 }, (_, i) => ({
    name: `${prefix}/${i}`, shape: [per], data: Float32Array.from({ length: per }, () => random() - 0.5),
  }));
}

const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}

/** Commits and loads the synthetic checkpoint REPEATS times; MB/s are from the median times (1 MB = 10⁶ bytes). */
export async function measureCheckpoints(): Promise<CheckpointTiming> {
  await deleteDatabase(DB_NAME);
  const db = await openAppDb(DB_NAME);
  const snapshot: TrainerSnapshot = {
    weights: arrays('w', CHECKPOINT_VALUES, SEED),
    optimizerWeights: [...arrays('adam/m', CHECKPOINT_VALUES, SEED + 1), ...arrays('adam/v', CHECKPOINT_VALUES, SEED + 2)],
    completedEpochs: 1, optimizerStep: 100, history: [],
  };
  const writes: number[] = [];
  const loads: number[] = [];
  let bytes = 0;
  try {
    for (let i = 0; i < REPEATS; i += 1) {
      const t0 = performance.now();
      const meta = await commitCheckpoint(db, 'bench-run', { ...snapshot, completedEpochs: i + 1 });
      writes.push((performance.now() - t0) / 1000);
      bytes = meta.totalBytes;
      const t1 = performance.now();
      const loaded = await loadLatestCheckpoint(db, 'bench-run');
      loads.push((performance.now() - t1) / 1000);
      if (!loaded || loaded.fellBackFrom || loaded.snapshot.completedEpochs !== i + 1) throw new Error('The checkpoint did not load back as written.');
    }
  } finally {
    db.close();
    await deleteDatabase(DB_NAME);
  }
  const megabytes = bytes / 1e6;
  const writeSeconds = median(writes);
  const loadSeconds = median(loads);
  return { megabytes, writeSeconds, loadSeconds, writeMBps: megabytes / writeSeconds, loadMBps: megabytes / loadSeconds };
}
