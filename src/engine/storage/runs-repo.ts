// Run verbs over IndexedDB: create, patch, rename, annotate, read, list, and delete a run together
// with all of its checkpoints (meta, shards, head).
import type { IDBPDatabase } from 'idb';
import type { AppDB } from './db';
import { childRange } from './key-ranges';
import type { RunRecord } from './records';
import { runInTransaction } from './transaction';

type Db = IDBPDatabase<AppDB>;

/** Store a new run. Rejects (ConstraintError) when a run with this id already exists. */
export async function createRun(db: Db, record: RunRecord): Promise<void> {
  const tx = db.transaction('runs', 'readwrite');
  await runInTransaction(tx, `run “${record.name}”`, () => tx.store.add(record));
}

/**
 * Apply `patch` to a stored run in one read-modify-write transaction and return the result.
 * Keys whose patch value is `undefined` are removed (e.g. `{ failure: undefined }` clears it);
 * `id` cannot be changed. Throws when the run does not exist.
 */
export async function updateRun(db: Db, id: string, patch: Partial<RunRecord>): Promise<RunRecord> {
  const tx = db.transaction('runs', 'readwrite');
  return runInTransaction(tx, "the run's progress (its checkpoints are kept)", async () => {
    const run = await tx.store.get(id);
    if (!run) throw new Error(`Run ${id} is not stored (it may have been deleted); start a new run.`);
    const next: Record<string, unknown> = { ...run, ...patch, id };
    for (const key of Object.keys(patch)) if (next[key] === undefined) delete next[key];
    await tx.store.put(next as unknown as RunRecord);
    return next as unknown as RunRecord;
  });
}

/** Longest run name, in UTF-16 code units (a table cell, not a document). */
export const MAX_RUN_NAME_LENGTH = 120;
/** Longest note, in UTF-16 code units. */
export const MAX_RUN_NOTE_LENGTH = 10_000;

/**
 * Give a run a new display name (trimmed) and return the stored run. Throws RangeError when the
 * trimmed name is empty or longer than MAX_RUN_NAME_LENGTH, and Error when the run is gone.
 * `updatedAt` is left alone: it records training progress, not edits.
 */
export async function renameRun(db: Db, id: string, name: string): Promise<RunRecord> {
  const trimmed = name.trim();
  if (!trimmed) throw new RangeError('A run needs a name: type at least one character.');
  if (trimmed.length > MAX_RUN_NAME_LENGTH) {
    throw new RangeError(`Run names are limited to ${MAX_RUN_NAME_LENGTH} characters (this one has ${trimmed.length}); shorten it or put the rest in the note.`);
  }
  return updateRun(db, id, { name: trimmed });
}

/**
 * Store the user's note on a run and return the stored run. Surrounding whitespace is dropped and an
 * empty note removes the `note` key. Throws RangeError over MAX_RUN_NOTE_LENGTH, Error when the run is gone.
 */
export async function annotateRun(db: Db, id: string, note: string): Promise<RunRecord> {
  const trimmed = note.trim();
  if (trimmed.length > MAX_RUN_NOTE_LENGTH) {
    throw new RangeError(`Notes are limited to ${MAX_RUN_NOTE_LENGTH} characters (this one has ${trimmed.length}); shorten it.`);
  }
  return updateRun(db, id, { note: trimmed || undefined });
}

export function getRun(db: Db, id: string): Promise<RunRecord | undefined> {
  return db.get('runs', id);
}

/** All runs, newest first. */
export async function listRuns(db: Db): Promise<RunRecord[]> {
  const all = await db.getAll('runs');
  return all.sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1));
}

/** Delete a run, its checkpoints (meta and shards) and its head, in one transaction. No-op when absent. */
export async function deleteRun(db: Db, id: string): Promise<void> {
  const tx = db.transaction(['runs', 'checkpointMeta', 'checkpointShards', 'checkpointHead'], 'readwrite');
  await runInTransaction(tx, `deletion of run ${id}`, async () => {
    const metaStore = tx.objectStore('checkpointMeta');
    const shardStore = tx.objectStore('checkpointShards');
    const checkpointIds = await metaStore.index('byRun').getAllKeys(id);
    await Promise.all([
      tx.objectStore('runs').delete(id),
      tx.objectStore('checkpointHead').delete(id),
      ...checkpointIds.flatMap((cid) => [
        metaStore.delete(cid),
        shardStore.delete(childRange(cid)),
      ]),
    ]);
  });
}
