// Reading one stored checkpoint back and proving it intact before use: status, every shard
// present with its size and SHA-256, tensor layout inside the stream, and no NaN/Inf values.
import type { IDBPDatabase } from 'idb';
import type { TrainerSnapshot } from '../train/train-types';
import type { AppDB } from './db';
import { childRange } from './key-ranges';
import type { CheckpointMetaRecord } from './records';
import { sha256Hex } from './sha256';
import { CHECKPOINT_SCHEMA_VERSION, findNonFinite, float32ByteLength, unpackTensors } from './tensor-packing';
import { runInTransaction } from './transaction';

export type VerifiedCheckpoint =
  | { ok: true; snapshot: TrainerSnapshot; meta: CheckpointMetaRecord }
  /** `reason` names the checkpoint (by epoch when its meta is readable) and the problem. */
  | { ok: false; reason: string; epoch?: number };

function isByteCount(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0;
}

/** Why the meta's tensor table cannot describe `totalBytes` of float32 data, or undefined when it can. */
function layoutProblem(meta: CheckpointMetaRecord): string | undefined {
  for (const t of meta.tensors) {
    const sized = t.shape.every((d) => Number.isInteger(d) && d >= 0) && t.byteLength === float32ByteLength(t.shape);
    if (!sized || !isByteCount(t.byteOffset) || t.byteOffset + t.byteLength > meta.totalBytes) {
      return `tensor ${t.group}/${t.name} does not fit the stored bytes`;
    }
  }
  return undefined;
}

/**
 * Read checkpoint `checkpointId` of run `runId` and verify it. Never throws for a damaged
 * checkpoint (returns `ok: false` with a reason); throws only when IndexedDB itself fails.
 * Memory: holds all shards plus one copy of the tensors while rebuilding.
 */
export async function readVerifiedCheckpoint(db: IDBPDatabase<AppDB>, runId: string, checkpointId: string): Promise<VerifiedCheckpoint> {
  const tx = db.transaction(['checkpointMeta', 'checkpointShards'], 'readonly');
  const [meta, shardRecords] = await runInTransaction(tx, `checkpoint ${checkpointId}`, () =>
    Promise.all([tx.objectStore('checkpointMeta').get(checkpointId), tx.objectStore('checkpointShards').getAll(childRange(checkpointId))]),
  );
  const label = meta ? `checkpoint of epoch ${meta.epoch}` : `the checkpoint ${checkpointId}`;
  const fail = (problem: string): VerifiedCheckpoint => ({ ok: false, reason: `${label}: ${problem}`, epoch: meta?.epoch });

  if (!meta) return fail('its metadata record is missing');
  if (meta.runId !== runId) return fail('it belongs to another run');
  if (meta.status !== 'complete') return fail('it was never completely written');
  if (meta.schemaVersion !== CHECKPOINT_SCHEMA_VERSION) {
    return fail(`its format version ${meta.schemaVersion} is not supported by this version of the app`);
  }
  const byIndex = new Map(shardRecords.map((s) => [s.index, s.bytes]));
  const count = meta.shards.length;
  const ordered: ArrayBuffer[] = [];
  let total = 0;
  // Hashing is async, which is fine here: the read transaction has already finished.
  for (let i = 0; i < count; i++) {
    const entry = meta.shards[i];
    const bytes = byIndex.get(i);
    const name = `shard ${i + 1} of ${count}`;
    if (entry.index !== i) return fail('its shard list is out of order');
    if (!bytes) return fail(`${name} is missing`);
    if (bytes.byteLength !== entry.byteLength) return fail(`${name} has ${bytes.byteLength} bytes instead of ${entry.byteLength}`);
    if ((await sha256Hex(bytes)) !== entry.sha256) return fail(`${name} failed its hash check`);
    ordered.push(bytes);
    total += entry.byteLength;
  }
  if (total !== meta.totalBytes) return fail(`its shards hold ${total} bytes instead of ${meta.totalBytes}`);
  const badLayout = layoutProblem(meta);
  if (badLayout) return fail(badLayout);

  const { weights, optimizerWeights, bestWeights } = unpackTensors(meta.tensors, ordered);
  const nonFinite = findNonFinite(weights) ?? findNonFinite(optimizerWeights);
  if (nonFinite) return fail(`it contains NaN or Infinity (${nonFinite})`);
  const snapshot: TrainerSnapshot = {
    weights,
    optimizerWeights,
    completedEpochs: meta.epoch,
    optimizerStep: meta.optimizerStep,
    history: meta.history,
    ...meta.trainerState,
    ...(bestWeights.length ? { bestWeights } : {}),
  };
  return { ok: true, snapshot, meta };
}
