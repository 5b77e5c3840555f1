// Crash-safe checkpoints (reference/reliability.md, "Checkpoint protocol"): hash shards outside
// any transaction, preflight the quota, write shards + meta as 'writing', flip the head in one
// small strict transaction, then garbage-collect; load verifies and falls back to `previous`.
import type { IDBPDatabase } from 'idb';
import type { TrainerSnapshot } from '../train/train-types';
import { readVerifiedCheckpoint } from './checkpoint-verify';
import type { AppDB } from './db';
import { childRange } from './key-ranges';
import type { CheckpointHeadRecord, CheckpointMetaRecord } from './records';
import { sha256Hex } from './sha256';
import { CheckpointCorruptError, InvalidSnapshotError, StorageFullError } from './storage-errors';
import { CHECKPOINT_SCHEMA_VERSION, findNonFinite, packSnapshot } from './tensor-packing';
import { runInTransaction } from './transaction';

export { CheckpointCorruptError, InvalidSnapshotError, StorageFullError } from './storage-errors';

type Db = IDBPDatabase<AppDB>;

export const DEFAULT_SHARD_BYTES = 4 * 1024 * 1024;
export const DEFAULT_KEEP_LAST = 3;

export interface CommitCheckpointOptions {
  /** Largest shard in bytes (default 4 MiB). */
  shardBytes?: number;
  /** Newest complete checkpoints kept besides current/previous/best (default 3). */
  keepLast?: number;
  /** Storage headroom in bytes (navigator.storage.estimate); without it the preflight is skipped. */
  estimate?: () => Promise<{ usage?: number; quota?: number }>;
}

export interface LoadedCheckpoint {
  snapshot: TrainerSnapshot;
  meta: CheckpointMetaRecord;
  /** Set when head.current was unusable and head.previous was loaded instead. */
  fellBackFrom?: { checkpointId: string; epoch?: number; reason: string };
}

function checkCount(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) throw new RangeError(`${name} must be an integer ≥ ${min}, got ${value}.`);
}

/** Newest first: by creation time, then by progress (timestamps can tie within a millisecond). */
function newestFirst(a: CheckpointMetaRecord, b: CheckpointMetaRecord): number {
  return b.createdAt - a.createdAt || b.optimizerStep - a.optimizerStep || b.epoch - a.epoch;
}

/** Lowest valLoss among complete checkpoints; NaN counts as Infinity; ties go to the newest. */
function pickBest(metas: CheckpointMetaRecord[]): string | undefined {
  const loss = (m: CheckpointMetaRecord) => (Number.isNaN(m.valLoss) ? Infinity : m.valLoss);
  const complete = metas.filter((m) => m.status === 'complete').sort(newestFirst);
  return complete.reduce<CheckpointMetaRecord | undefined>((best, m) => (!best || loss(m) < loss(best) ? m : best), undefined)?.id;
}

/** Refuse before writing when free space is under twice the checkpoint size. Unknown estimates pass. */
async function preflight(estimate: NonNullable<CommitCheckpointOptions['estimate']>, totalBytes: number, what: string) {
  let usage: number | undefined;
  let quota: number | undefined;
  try {
    ({ usage, quota } = await estimate());
  } catch {
    return; // No estimate available: the write itself still reports a quota abort.
  }
  if (usage === undefined || quota === undefined) return;
  const neededBytes = 2 * totalBytes;
  if (quota - usage < neededBytes) throw new StorageFullError(what, { usage, quota, neededBytes });
}

/** Mark `meta` complete and point the head at it, in one small strict transaction. */
async function flipHead(db: Db, meta: CheckpointMetaRecord): Promise<CheckpointHeadRecord> {
  const tx = db.transaction(['checkpointMeta', 'checkpointHead'], 'readwrite', { durability: 'strict' });
  return runInTransaction(tx, `the checkpoint of epoch ${meta.epoch}`, async () => {
    const metaStore = tx.objectStore('checkpointMeta');
    const written = await metaStore.get(meta.id);
    if (!written) throw new Error(`The checkpoint of epoch ${meta.epoch} vanished before it was committed; save it again.`);
    await metaStore.put({ ...written, status: 'complete' });
    const [old, all] = await Promise.all([tx.objectStore('checkpointHead').get(meta.runId), metaStore.index('byRun').getAll(meta.runId)]);
    const head: CheckpointHeadRecord = { runId: meta.runId, current: meta.id };
    if (old) head.previous = old.current;
    const best = pickBest(all);
    if (best) head.best = best;
    await tx.objectStore('checkpointHead').put(head);
    return head;
  });
}

/** Delete this run's checkpoints outside current/previous/best and the newest `keepLast`, and its 'writing' leftovers. */
async function collectGarbage(db: Db, head: CheckpointHeadRecord, keepLast: number): Promise<void> {
  const tx = db.transaction(['checkpointMeta', 'checkpointShards'], 'readwrite');
  await runInTransaction(tx, 'checkpoint clean-up', async () => {
    const metaStore = tx.objectStore('checkpointMeta');
    const all = await metaStore.index('byRun').getAll(head.runId);
    const keep = new Set([head.current, head.previous, head.best]);
    for (const m of all.filter((m) => m.status === 'complete').sort(newestFirst).slice(0, keepLast)) keep.add(m.id);
    const doomed = all.filter((m) => !keep.has(m.id));
    await Promise.all(doomed.flatMap((m) => [metaStore.delete(m.id), tx.objectStore('checkpointShards').delete(childRange(m.id))]));
  });
}

/**
 * Store `snapshot` as the newest checkpoint of `runId` and make it the run's head.
 * Tensors are float32 little-endian, weights first, then optimizer weights, in shards of at most
 * `shardBytes`. Epoch and valLoss come from `completedEpochs` and the last history entry.
 * Throws InvalidSnapshotError (NaN/Inf or shape mismatch) or StorageFullError (preflight or quota
 * abort) with the head and every stored checkpoint left as they were. After the head flip, old
 * checkpoints are pruned; a failure there is ignored (start-up clean-up catches leftovers).
 */
export async function commitCheckpoint(db: Db, runId: string, snapshot: TrainerSnapshot, options: CommitCheckpointOptions = {}): Promise<CheckpointMetaRecord> {
  const shardBytes = options.shardBytes ?? DEFAULT_SHARD_BYTES;
  const keepLast = options.keepLast ?? DEFAULT_KEEP_LAST;
  checkCount('shardBytes', shardBytes, 1);
  checkCount('keepLast', keepLast, 1);
  checkCount('completedEpochs', snapshot.completedEpochs, 0);
  checkCount('optimizerStep', snapshot.optimizerStep, 0);
  const epoch = snapshot.completedEpochs;
  const what = `the checkpoint of epoch ${epoch}`;
  const nonFinite = findNonFinite(snapshot.weights) ?? findNonFinite(snapshot.optimizerWeights);
  if (nonFinite) {
    throw new InvalidSnapshotError(
      `The model after epoch ${epoch} contains NaN or Infinity (${nonFinite}), so ${what} was not saved and the last good one is kept. Lower the learning rate and resume.`,
    );
  }
  const packed = packSnapshot(snapshot, shardBytes);
  const hashes = await Promise.all(packed.shards.map((bytes) => sha256Hex(bytes)));
  if (options.estimate) await preflight(options.estimate, packed.totalBytes, what);

  const meta: CheckpointMetaRecord = {
    id: crypto.randomUUID(),
    runId,
    epoch,
    optimizerStep: snapshot.optimizerStep,
    createdAt: Date.now(),
    schemaVersion: CHECKPOINT_SCHEMA_VERSION,
    status: 'writing',
    valLoss: snapshot.history.at(-1)?.valLoss ?? Infinity,
    tensors: packed.tensors,
    shards: packed.shards.map((bytes, index) => ({ index, byteLength: bytes.byteLength, sha256: hashes[index] })),
    history: snapshot.history.slice(),
    totalBytes: packed.totalBytes,
    trainerState: { plateau: snapshot.plateau, earlyStopping: snapshot.earlyStopping, cursor: snapshot.cursor },
  };
  const tx = db.transaction(['checkpointMeta', 'checkpointShards'], 'readwrite');
  await runInTransaction(tx, what, async () => {
    const shardStore = tx.objectStore('checkpointShards');
    await Promise.all([
      tx.objectStore('checkpointMeta').add(meta),
      ...packed.shards.map((bytes, index) => shardStore.put({ checkpointId: meta.id, index, bytes })),
    ]);
  });
  const head = await flipHead(db, meta);
  await collectGarbage(db, head, keepLast).catch(() => undefined);
  return { ...meta, status: 'complete' };
}

/** After a fallback, point the head at the good checkpoint and drop the damaged one (strict). */
async function repairHead(db: Db, head: CheckpointHeadRecord, goodId: string): Promise<void> {
  const tx = db.transaction(['checkpointMeta', 'checkpointShards', 'checkpointHead'], 'readwrite', { durability: 'strict' });
  await runInTransaction(tx, 'the checkpoint head', async () => {
    const now = await tx.objectStore('checkpointHead').get(head.runId);
    if (now?.current !== head.current) return; // Someone else moved it meanwhile; leave it.
    const best = head.best && head.best !== head.current ? head.best : goodId;
    const repaired: CheckpointHeadRecord = { runId: head.runId, current: goodId, best };
    await Promise.all([
      tx.objectStore('checkpointHead').put(repaired),
      tx.objectStore('checkpointMeta').delete(head.current),
      tx.objectStore('checkpointShards').delete(childRange(head.current)),
    ]);
  });
}

/**
 * The newest verified checkpoint of `runId`: head.current, or head.previous when current fails
 * any check (then `fellBackFrom` says which and why, and the head is repaired to point at the
 * good one). Undefined when the run has no checkpoint. Throws CheckpointCorruptError when
 * neither verifies.
 */
export async function loadLatestCheckpoint(db: Db, runId: string): Promise<LoadedCheckpoint | undefined> {
  const head = await db.get('checkpointHead', runId);
  if (!head) return undefined;
  const current = await readVerifiedCheckpoint(db, runId, head.current);
  if (current.ok) return { snapshot: current.snapshot, meta: current.meta };
  if (!head.previous) throw new CheckpointCorruptError([current.reason]);
  const previous = await readVerifiedCheckpoint(db, runId, head.previous);
  if (!previous.ok) throw new CheckpointCorruptError([current.reason, previous.reason]);
  // The loaded state is correct even if the repair fails; the next commit rewrites the head anyway.
  await repairHead(db, head, previous.meta.id).catch(() => undefined);
  return {
    snapshot: previous.snapshot,
    meta: previous.meta,
    fellBackFrom: { checkpointId: head.current, epoch: current.epoch, reason: current.reason },
  };
}

/**
 * Start-up clean-up: remove every 'writing' checkpoint (an interrupted commit) with its shards,
 * and every shard whose meta is gone. Returns how many checkpoints were removed.
 */
export async function cleanupCheckpointLeftovers(db: Db): Promise<number> {
  const tx = db.transaction(['checkpointMeta', 'checkpointShards'], 'readwrite');
  return runInTransaction(tx, 'checkpoint clean-up', async () => {
    const metaStore = tx.objectStore('checkpointMeta');
    const shardStore = tx.objectStore('checkpointShards');
    const [metas, shardKeys] = await Promise.all([metaStore.getAll(), shardStore.getAllKeys()]);
    const doomed = new Set(metas.filter((m) => m.status === 'writing').map((m) => m.id));
    const complete = new Set(metas.filter((m) => m.status === 'complete').map((m) => m.id));
    for (const [checkpointId] of shardKeys) if (!complete.has(checkpointId)) doomed.add(checkpointId);
    await Promise.all([...doomed].flatMap((id) => [metaStore.delete(id), shardStore.delete(childRange(id))]));
    return doomed.size;
  });
}
